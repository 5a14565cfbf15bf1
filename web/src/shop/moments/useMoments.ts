// The store's moments feed (GET /store/v1/{shop}/moments): pages of the
// posts this customer may see (a guest: public ones), and what they do with
// one: like (toggles), comment, tap through to the linked product.
import { ref, shallowRef } from 'vue'
import { data, type Schemas } from '@/shared/api/client'
import { api, shopSlug } from '../api'
import { newIdempotencyKey } from '../device'

export type FeedMoment = Schemas['FeedMoment']
const kPage = 10

export function useMomentsFeed() {
  const items = shallowRef<FeedMoment[]>([])
  const cursor = ref<string | null>(null)
  const finished = ref(false)
  const loading = ref(false)

  async function loadMore(): Promise<void> {
    if (loading.value || finished.value) return
    loading.value = true
    try {
      const query = cursor.value ? { limit: kPage, after: cursor.value } : { limit: kPage }
      const page = await data(api.GET('/store/v1/{shop}/moments', { params: { path: { shop: shopSlug }, query } }))
      items.value = [...items.value, ...page.items]
      cursor.value = page.next_cursor
      finished.value = page.next_cursor === null
    } finally {
      loading.value = false
    }
  }

  async function reload(): Promise<void> {
    items.value = []
    cursor.value = null
    finished.value = false
    await loadMore()
  }

  function replace(id: string, change: (m: FeedMoment) => FeedMoment): void {
    items.value = items.value.map((m) => (m.id === id ? change(m) : m))
  }

  async function toggleLike(id: string): Promise<void> {
    const state = await data(
      api.POST('/store/v1/{shop}/moments/{id}/like', { params: { path: { shop: shopSlug, id } } }),
    )
    replace(id, (m) => ({ ...m, liked: state.liked, likes: state.likes }))
  }

  async function comment(id: string, text: string): Promise<void> {
    const c = await data(
      api.POST('/store/v1/{shop}/moments/{id}/comments', {
        params: { path: { shop: shopSlug, id }, header: { 'Idempotency-Key': newIdempotencyKey() } },
        body: { text },
      }),
    )
    replace(id, (m) => ({ ...m, comments: [...m.comments, c], comment_count: m.comment_count + 1 }))
  }

  // Counts the tap and answers the product to open.
  async function openProduct(id: string): Promise<string> {
    const r = await data(
      api.POST('/store/v1/{shop}/moments/{id}/click', { params: { path: { shop: shopSlug, id } } }),
    )
    return r.product_id
  }

  return { items, finished, loading, loadMore, reload, toggleLike, comment, openProduct }
}
