// What the store keeps on this phone, per shop (localStorage, one origin for
// every shop): the cart's token, the order tokens of orders placed here, the
// last address. Until buyers sign in, these are how a buyer gets back to
// their cart and orders. Storage may be off (private mode): then nothing is
// remembered beyond the page, and nothing fails.
import { shopSlug } from './api'

const key = (name: string) => `weishang.store.${shopSlug}.${name}`

export function readDevice<T>(name: string, valid: (v: unknown) => v is T): T | null {
  try {
    const raw = localStorage.getItem(key(name))
    if (raw === null) return null
    const v: unknown = JSON.parse(raw)
    return valid(v) ? v : null
  } catch {
    return null
  }
}

export function writeDevice(name: string, value: unknown): void {
  try {
    localStorage.setItem(key(name), JSON.stringify(value))
  } catch {
    // storage off or full: remembered for this page only
  }
}

export function forgetDevice(name: string): void {
  try {
    localStorage.removeItem(key(name))
  } catch {
    // nothing to forget
  }
}

// A fresh Idempotency-Key. crypto.getRandomValues works on plain http too
// (a shop opened by its LAN address), where crypto.randomUUID does not.
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}
