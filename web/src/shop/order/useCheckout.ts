// Checkout's conversation with the engine, for a cart or for "buy now"
// lines: the quote for the chosen region and coupon (every amount the page
// shows comes from it), the coupons to choose from, and placing the order.
// Placing reuses its Idempotency-Key while the request stays the same, so a
// retry after a lost answer never places a second order.
import { ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { data, type Schemas } from '@/shared/api/client'
import { errorText } from '@/shared/api/errors'
import { api, shopSlug } from '../api'
import { newIdempotencyKey } from '../device'
import { visitorId } from '../share/attribution'

export type CheckoutSource = { cartToken: string } | { lines: { sku_id: string; quantity: number }[] }

function items(source: CheckoutSource) {
  return 'cartToken' in source ? { cart_token: source.cartToken } : { lines: source.lines }
}

export function useCheckout(source: CheckoutSource) {
  const { t } = useI18n()
  const path = { params: { path: { shop: shopSlug } } }
  const quote = shallowRef<Schemas['Quote'] | null>(null)
  const quoteError = ref<string | null>(null)
  const quoting = ref(false)
  const coupons = shallowRef<Schemas['CouponChoice'][]>([])
  let asked = 0
  let lastPlace: { body: string; key: string } | null = null

  // Prices the order for `region` (may be empty) with `coupon` (may be
  // empty); the latest answer wins when the buyer changes things quickly.
  async function requote(region: string, coupon: string): Promise<void> {
    const mine = ++asked
    quoting.value = true
    try {
      const body: Schemas['QuoteRequest'] = { ...items(source) }
      if (region) body.region = region
      if (coupon) body.coupon_code = coupon
      const [q, c] = await Promise.all([
        data(api.POST('/store/v1/{shop}/quote', { ...path, body })),
        data(api.POST('/store/v1/{shop}/quote/coupons', { ...path, body: { ...items(source), ...(region ? { region } : {}) } })),
      ])
      if (mine !== asked) return
      quote.value = q
      coupons.value = c.items
      quoteError.value = null
    } catch (e) {
      if (mine !== asked) return
      quote.value = null
      quoteError.value = errorText(e, t)
    } finally {
      if (mine === asked) quoting.value = false
    }
  }

  // Places the order; returns it with its token, or throws the ApiError.
  async function place(buyer: Schemas['BuyerInput'], coupon: string): Promise<Schemas['PlacedOrder']> {
    const body: Schemas['CheckoutRequest'] = { ...items(source), buyer, visitor: visitorId() }
    if (coupon) body.coupon_code = coupon
    const text = JSON.stringify(body)
    if (lastPlace?.body !== text) lastPlace = { body: text, key: newIdempotencyKey() }
    return data(
      api.POST('/store/v1/{shop}/checkout', {
        params: { path: { shop: shopSlug }, header: { 'Idempotency-Key': lastPlace.key } },
        body,
      }),
    )
  }

  return { quote, quoteError, quoting, coupons, requote, place }
}
