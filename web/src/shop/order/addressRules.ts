// Checks of the delivery address before it is sent (the engine checks again
// and its message is shown when it refuses). Pure; each returns true or the
// message key of what is wrong.

export interface Address {
  name: string
  phone: string
  province: string // the region the postage rules see is the province
  city: string
  district: string // "" for a city without districts (东莞市)
  address: string // below the district: street, number, room
  postal_code: string
  note: string
}

// The fields of the form.
export type AddressField = 'name' | 'phone' | 'region' | 'address' | 'postal_code' | 'note'

// The fields a parsed paste asks the buyer to check, from the parser's
// `uncertain` list (docs/api.md, POST /store/v1/{shop}/address/parse).
const kUncertainField: Record<string, AddressField> = {
  province_inferred: 'region',
  city_inferred: 'region',
  district_missing: 'region',
  ambiguous_division: 'region',
  conflicting_division: 'region',
  renamed_division: 'region',
  guessed_division: 'region',
  name_missing: 'name',
  name_unsure: 'name',
  phone_missing: 'phone',
  phone_invalid: 'phone',
  detail_missing: 'address',
  remark_dropped: 'address',
}
export function fieldsToCheck(uncertain: readonly string[]): Set<AddressField> {
  const out = new Set<AddressField>()
  for (const u of uncertain) {
    const field = kUncertainField[u]
    if (field) out.add(field)
  }
  return out
}

// "广东省 / 深圳市 / 南山区" (a municipality's city, repeating the province, shown once).
export function regionText(a: Pick<Address, 'province' | 'city' | 'district'>): string {
  const parts = [a.province, a.city === a.province ? '' : a.city, a.district === a.city ? '' : a.district]
  return parts.filter((p) => p !== '').join(' / ')
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
  | 'postalInvalid'
  | 'addressTooShort'
  | 'addressTooLong'
  | 'noteTooLong'

export function addressProblem(a: Address): AddressProblem | null {
  if (a.name.trim() === '') return 'nameRequired'
  if (utf8Length(a.name.trim()) > 50) return 'nameTooLong'
  if (!validPhone(a.phone)) return 'phoneInvalid'
  if (a.province === '' || a.city === '') return 'regionRequired'
  if (a.address.trim().length < 2) return 'addressTooShort'
  if (utf8Length(a.address.trim()) > 300) return 'addressTooLong'
  if (a.postal_code !== '' && !/^\d{6}$/.test(a.postal_code)) return 'postalInvalid'
  if (utf8Length(a.note) > 300) return 'noteTooLong'
  return null
}
