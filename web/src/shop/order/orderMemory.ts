// The orders placed on this phone, newest first: their tokens are the only
// way back to them until buyers sign in.
import { readDevice, writeDevice } from '../device'

export interface RememberedOrder {
  token: string
  placedAt: string // ISO-8601, as the engine sent created_at
}

const kMaxRemembered = 100

function valid(v: unknown): v is RememberedOrder[] {
  return (
    Array.isArray(v) &&
    v.every((o) => typeof o?.token === 'string' && typeof o?.placedAt === 'string')
  )
}

export function rememberedOrders(): RememberedOrder[] {
  return readDevice('orders', valid) ?? []
}

export function rememberOrder(token: string, placedAt: string): void {
  const rest = rememberedOrders().filter((o) => o.token !== token)
  writeDevice('orders', [{ token, placedAt }, ...rest].slice(0, kMaxRemembered))
}

export function forgetOrder(token: string): void {
  writeDevice(
    'orders',
    rememberedOrders().filter((o) => o.token !== token),
  )
}
