// The buyer's cart, kept by the engine; this phone keeps its token (and,
// per SKU, the product it belongs to, to show pictures and specs next to the
// engine's quote). Shared by every page: the tab bar's count, the product
// page's "add to cart" and the cart page read the same state.
import { computed, ref, shallowRef } from 'vue'
import { data, type Schemas } from '@/shared/api/client'
import { api, shopSlug } from '../api'
import { newIdempotencyKey, readDevice, writeDevice } from '../device'

type Cart = Schemas['Cart']
type SkuProducts = Record<string, string> // sku id -> product id

const isToken = (v: unknown): v is string => typeof v === 'string' && v.startsWith('crt_')
const isMap = (v: unknown): v is SkuProducts => typeof v === 'object' && v !== null

const token = ref<string | null>(readDevice('cart', isToken))
const skuProducts = ref<SkuProducts>(readDevice('cart-skus', isMap) ?? {})
const cart = shallowRef<Cart | null>(null)

const path = (t: string) => ({ params: { path: { shop: shopSlug, token: t } } })

async function ensureToken(): Promise<string> {
  if (token.value) return token.value
  const created = await data(
    api.POST('/store/v1/{shop}/carts', {
      params: { path: { shop: shopSlug }, header: { 'Idempotency-Key': newIdempotencyKey() } },
    }),
  )
  token.value = created.cart_token
  writeDevice('cart', created.cart_token)
  return created.cart_token
}

// Reads the cart (lines and the engine's quote). A token the engine no
// longer knows is forgotten: the buyer gets a new, empty cart.
async function refresh(): Promise<Cart | null> {
  if (!token.value) {
    cart.value = null
    return null
  }
  try {
    cart.value = await data(api.GET('/store/v1/{shop}/carts/{token}', path(token.value)))
  } catch (e) {
    if ((e as { code?: string }).code === 'order.cart_not_found') {
      token.value = null
      cart.value = null
      return null
    }
    throw e
  }
  return cart.value
}

// Sets the quantity of a SKU (0 removes it), then reads the cart again.
async function setQuantity(sku: string, product: string, quantity: number): Promise<void> {
  let t = await ensureToken()
  const put = () =>
    data(
      api.PUT('/store/v1/{shop}/carts/{token}/lines/{sku}', {
        params: { path: { shop: shopSlug, token: t, sku } },
        body: { quantity },
      }),
    )
  try {
    await put()
  } catch (e) {
    if ((e as { code?: string }).code !== 'order.cart_not_found') throw e
    token.value = null
    t = await ensureToken()
    await put()
  }
  skuProducts.value = { ...skuProducts.value, [sku]: product }
  writeDevice('cart-skus', skuProducts.value)
  await refresh()
}

// Adds `quantity` units to what the cart already holds of the SKU.
async function add(sku: string, product: string, quantity: number): Promise<void> {
  const current = cart.value ?? (await refresh())
  const had = current?.lines.find((l) => l.sku_id === sku)?.quantity ?? 0
  await setQuantity(sku, product, had + quantity)
}

const count = computed(() => (cart.value?.lines ?? []).reduce((n, l) => n + l.quantity, 0))

export function useCart() {
  return { token, cart, count, skuProducts, refresh, setQuantity, add }
}
