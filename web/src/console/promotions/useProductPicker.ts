// Finding products and their SKUs for a promotion: products by part of the
// title (GET /admin/v1/products), a product's live SKUs with their prices
// (GET /admin/v1/products/{id}).
import { ref, shallowRef } from 'vue'
import { data, type Schemas } from '@/shared/api/client'
import { api } from '../api'

export interface SkuChoice {
  id: string
  productTitle: string
  spec: string
  price: number
}

export function useProductPicker() {
  const products = shallowRef<Schemas['ProductSummary'][]>([])
  const skus = shallowRef<SkuChoice[]>([])
  const searching = ref(false)

  // Throws the ApiError.
  async function search(q: string, status?: Schemas['ProductStatus']): Promise<void> {
    searching.value = true
    try {
      const page = await data(
        api.GET('/admin/v1/products', { params: { query: { q: q.trim() || undefined, status, limit: 30 } } }),
      )
      products.value = page.items
    } finally {
      searching.value = false
    }
  }

  // The product's live SKUs. Throws the ApiError.
  async function loadSkus(productId: string): Promise<SkuChoice[]> {
    const p = await data(api.GET('/admin/v1/products/{id}', { params: { path: { id: productId } } }))
    skus.value = p.skus
      .filter((s) => s.status === 'on_sale')
      .map((s) => ({ id: s.id, productTitle: p.title, spec: s.spec_text, price: s.price }))
    return skus.value
  }

  // The titles of `ids` (at most 50 looked up, in parallel), for lists that
  // name products by id. A product that cannot be read is left out.
  async function titlesOf(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)].slice(0, 50)
    const found = await Promise.all(
      unique.map((id) =>
        data(api.GET('/admin/v1/products/{id}', { params: { path: { id } } })).then(
          (p) => [id, p.title] as const,
          () => null,
        ),
      ),
    )
    return new Map(found.filter((f): f is readonly [string, string] => f !== null))
  }

  return { products, skus, searching, search, loadSkus, titlesOf }
}
