// The store's group buys: a campaign's page with its open groups
// (GET /store/v1/{shop}/group-buys/{id}), a group's page
// (GET /store/v1/{shop}/groups/{id}), and opening or joining one with the
// customer's default address: both place an order to pay.
import { data, type Schemas } from '@/shared/api/client'
import { api, shopSlug } from '../api'
import { newIdempotencyKey } from '../device'

export type StoreGroup = Schemas['GroupbuyGroupForStore']
export type StorePrice = Schemas['GroupbuyStorePrice']

export async function loadCampaign(id: string) {
  return data(api.GET('/store/v1/{shop}/group-buys/{id}', { params: { path: { shop: shopSlug, id } } }))
}

export async function loadGroup(id: string) {
  return data(api.GET('/store/v1/{shop}/groups/{id}', { params: { path: { shop: shopSlug, id } } }))
}

// The signed-in customer's default address as an order's buyer, or null when they have none.
export async function defaultBuyer(): Promise<Schemas['BuyerInput'] | null> {
  const page = await data(api.GET('/store/v1/{shop}/me/addresses', { params: { path: { shop: shopSlug } } }))
  const a = page.items.find((x) => x.is_default) ?? page.items[0]
  if (!a) return null
  return { name: a.name, phone: a.phone, province: a.province, city: a.city, district: a.district, address: a.address }
}

// Opens a group of `campaign` (when `group` is null) or joins `group`. Throws the ApiError.
export async function placeGroupOrder(
  campaign: string,
  group: string | null,
  sku: string,
  buyer: Schemas['BuyerInput'],
): Promise<Schemas['GroupbuyPlaced']> {
  const header = { 'Idempotency-Key': newIdempotencyKey() }
  const body = { sku_id: sku, buyer }
  if (group) {
    return data(api.POST('/store/v1/{shop}/groups/{id}/join', { params: { path: { shop: shopSlug, id: group }, header }, body }))
  }
  return data(
    api.POST('/store/v1/{shop}/group-buys/{id}/groups', { params: { path: { shop: shopSlug, id: campaign }, header }, body }),
  )
}

// "12:03:09" (or "2天 03:09:00" past a day) for a number of seconds.
export function clock(seconds: number, dayWord: string): string {
  const s = Math.max(0, Math.floor(seconds))
  const d = Math.floor(s / 86400)
  const pad = (n: number) => String(n).padStart(2, '0')
  const hms = `${pad(Math.floor((s % 86400) / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`
  return d > 0 ? `${d}${dayWord} ${hms}` : hms
}
