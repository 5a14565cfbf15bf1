// Arranging the store's home page: the featured products (GET
// /admin/v1/home, in order), the products on sale to pick from, and saving
// the new order (PUT /admin/v1/home: at most 8 products on sale, no repeats).
import { ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { data } from '@/shared/api/client'
import { errorText } from '@/shared/api/errors'
import { api } from '../api'
import type { ProductSummary } from './useProductList'

// catalog::kMaxFeatured.
export const kMaxFeatured = 8

export function useHomeArrangement() {
  const { t } = useI18n()
  const featured = ref<ProductSummary[]>([])
  const candidates = shallowRef<ProductSummary[]>([])
  const candidatesNext = ref<string | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)
  const searching = ref(false)

  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    try {
      featured.value = (await data(api.GET('/admin/v1/home'))).featured
      await search('')
    } catch (e) {
      error.value = errorText(e, t)
    } finally {
      loading.value = false
    }
  }

  // Products on sale whose title holds `q`, a page at a time (`more` adds
  // the next page). Throws the ApiError.
  async function search(q: string, more = false): Promise<void> {
    searching.value = true
    try {
      const page = await data(
        api.GET('/admin/v1/products', {
          params: {
            query: {
              status: 'on_sale',
              q: q.trim() || undefined,
              limit: 50,
              after: more ? (candidatesNext.value ?? undefined) : undefined,
            },
          },
        }),
      )
      candidates.value = more ? [...candidates.value, ...page.items] : page.items
      candidatesNext.value = page.next_cursor
    } finally {
      searching.value = false
    }
  }

  // Saves the order shown; answers what the engine now features. Throws the ApiError.
  async function save(): Promise<void> {
    const body = { product_ids: featured.value.map((p) => p.id) }
    featured.value = (await data(api.PUT('/admin/v1/home', { body }))).featured
  }

  return { featured, candidates, candidatesNext, loading, error, searching, load, search, save }
}
