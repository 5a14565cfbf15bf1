// The products behind a list of SKUs (a cart's or an order's lines): their
// pictures, spec texts and stock, to show beside the engine's prices. The
// storefront serves product reads from its cache, so this is cheap; a
// product no longer on sale is simply absent.
import { shallowRef } from 'vue'
import { data, type Schemas } from '@/shared/api/client'
import { api, shopSlug } from '../api'

type Product = Schemas['StoreProduct']

export function useProductsOf() {
  const products = shallowRef<Map<string, Product>>(new Map())

  async function load(ids: string[]): Promise<void> {
    const wanted = [...new Set(ids)].filter((id) => !products.value.has(id))
    const found = await Promise.all(
      wanted.map((id) =>
        data(api.GET('/store/v1/{shop}/products/{id}', { params: { path: { shop: shopSlug, id } } })).catch(
          () => null,
        ),
      ),
    )
    const next = new Map(products.value)
    for (const p of found) if (p) next.set(p.id, p)
    products.value = next
  }

  function sku(productId: string | undefined, skuId: string): Schemas['StoreSku'] | undefined {
    return productId ? products.value.get(productId)?.skus.find((s) => s.id === skuId) : undefined
  }

  return { products, load, sku }
}
