// The store's share vouchers (分享券): a voucher's page
// (GET /store/v1/{shop}/vouchers/{token}, what its link opens), claiming it,
// the friend's first order with it, the signed-in customer's vouchers
// (GET /store/v1/{shop}/me/vouchers), and a voucher's signed share link.
// Claims and orders carry the device's visitor id: one redemption per
// device, and the order's credit goes to the link the device came through.
import type { Composer } from 'vue-i18n'
import { ApiError, data, type Schemas } from '@/shared/api/client'
import { errorText } from '@/shared/api/errors'
import { api, shopSlug } from '../api'
import { newIdempotencyKey } from '../device'
import { visitorId } from '../share/attribution'

export type VoucherPage = Schemas['StoreVoucherPage']
export type MyVoucher = Schemas['MyVoucher']
export type Benefit = VoucherPage['benefit']

const path = (token: string) => ({ path: { shop: shopSlug, token } })

export function loadVoucher(token: string): Promise<VoucherPage> {
  return data(api.GET('/store/v1/{shop}/vouchers/{token}', { params: path(token) }))
}

// Claims the voucher for the signed-in customer. Throws the ApiError.
export function claimVoucher(token: string): Promise<Schemas['StoreVoucher']> {
  return data(
    api.POST('/store/v1/{shop}/vouchers/{token}/claim', { params: path(token), body: { visitor: visitorId() } }),
  )
}

// The friend's first order: one unit at the campaign's price. `key`: one per
// order meant (a double tap or a retry places it once). Throws the ApiError.
export function orderWithVoucher(
  token: string,
  buyer: Schemas['BuyerInput'],
  key: string = newIdempotencyKey(),
): Promise<{ order: Schemas['PlacedOrder'] }> {
  return data(
    api.POST('/store/v1/{shop}/vouchers/{token}/orders', {
      params: { ...path(token), header: { 'Idempotency-Key': key } },
      body: { visitor: visitorId(), buyer },
    }),
  )
}

export function loadMyVouchers(): Promise<{ to_give: MyVoucher[]; claimed: MyVoucher[] }> {
  return data(api.GET('/store/v1/{shop}/me/vouchers', { params: { path: { shop: shopSlug } } }))
}

// The voucher's store path, what its link opens.
export const voucherPath = (token: string) => `/vouchers/${token}`

// The voucher's link signed with the sharer's code for the campaign's growth
// campaign, so the friends it brings are credited to both. Throws the ApiError.
export function signVoucherLink(token: string, campaign: string | null): Promise<{ code: string; url: string }> {
  return data(
    api.POST('/store/v1/{shop}/share-links', {
      params: { path: { shop: shopSlug } },
      body: campaign ? { path: voucherPath(token), campaign_id: campaign } : { path: voucherPath(token) },
    }),
  )
}

// The vouchers' refusals (409 vouchers.*) in the buyer's language; anything
// else as the engine says it.
const kKnown = new Set([
  'own_voucher',
  'existing_customer',
  'voucher_taken',
  'voucher_expired',
  'voucher_voided',
  'already_redeemed',
  'budget_exhausted',
  'campaign_not_live',
  'not_claimed',
])
export function voucherErrorText(e: unknown, t: Composer['t']): string {
  if (e instanceof ApiError && e.code.startsWith('vouchers.')) {
    const rest = e.code.slice('vouchers.'.length)
    if (kKnown.has(rest)) return t(`voucher.errors.${rest}`)
  }
  return errorText(e, t)
}
