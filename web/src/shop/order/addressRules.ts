// Checks of the delivery address before it is sent (the engine checks again
// and its message is shown when it refuses). Pure; each returns true or the
// message key of what is wrong.

export interface Address {
  name: string
  phone: string
  region: string
  address: string
  note: string
}

// A mainland mobile number: 11 digits starting 13–19 (spaces and dashes
// as people type them are allowed and dropped).
export function normalisePhone(phone: string): string {
  return phone.replace(/[\s-]/g, '')
}
export function validPhone(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(normalisePhone(phone))
}

// Bytes as the engine counts string limits (UTF-8).
export function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length
}

export type AddressProblem =
  | 'nameRequired'
  | 'nameTooLong'
  | 'phoneInvalid'
  | 'regionRequired'
  | 'addressTooShort'
  | 'addressTooLong'
  | 'noteTooLong'

export function addressProblem(a: Address): AddressProblem | null {
  if (a.name.trim() === '') return 'nameRequired'
  if (utf8Length(a.name.trim()) > 50) return 'nameTooLong'
  if (!validPhone(a.phone)) return 'phoneInvalid'
  if (a.region === '') return 'regionRequired'
  if (a.address.trim().length < 5) return 'addressTooShort'
  if (utf8Length(a.address.trim()) > 300) return 'addressTooLong'
  if (utf8Length(a.note) > 300) return 'noteTooLong'
  return null
}
