// Products on sale, newest first, a page at a time by the engine's cursor:
// all of them, one category's, or those whose title holds a search text.
import { ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { data, type Schemas } from '@/shared/api/client'
import { errorText } from '@/shared/api/errors'
import { api, shopSlug } from '../api'

const kPageSize = 20

export interface ProductFilter {
  category?: string
  q?: string
}

export function useProductList() {
  const { t } = useI18n()
  const items = shallowRef<Schemas['ProductSummary'][]>([])
  const loading = ref(false)
  const finished = ref(false)
  const error = ref<string | null>(null)
  let cursor: string | null = null
  let filter: ProductFilter = {}
  let generation = 0

  // Starts over with `f`.
  function reset(f: ProductFilter): void {
    filter = f
    cursor = null
    items.value = []
    finished.value = false
    error.value = null
    generation++
  }

  // Loads the next page (van-list calls it when the end comes into view).
  async function next(): Promise<void> {
    if (finished.value) return
    const mine = generation
    loading.value = true
    try {
      const query: { limit: number; after?: string; category?: string; q?: string } = { limit: kPageSize }
      if (cursor) query.after = cursor
      if (filter.category) query.category = filter.category
      if (filter.q) query.q = filter.q
      const page = await data(
        api.GET('/store/v1/{shop}/products', { params: { path: { shop: shopSlug }, query } }),
      )
      if (mine !== generation) return
      items.value = [...items.value, ...page.items]
      cursor = page.next_cursor
      finished.value = page.next_cursor === null
    } catch (e) {
      if (mine === generation) error.value = errorText(e, t)
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  return { items, loading, finished, error, reset, next }
}

// The shop's active categories, by the merchant's order.
export function useCategories() {
  const { t } = useI18n()
  const categories = shallowRef<Schemas['StoreCategory'][]>([])
  const loading = ref(false)
  const error = ref<string | null>(null)
  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    try {
      const list = await data(
        api.GET('/store/v1/{shop}/categories', { params: { path: { shop: shopSlug } } }),
      )
      categories.value = list.items
    } catch (e) {
      error.value = errorText(e, t)
    } finally {
      loading.value = false
    }
  }
  return { categories, loading, error, load }
}
