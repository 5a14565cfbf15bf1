// The signed-in customer's store message centre (GET /store/v1/{shop}/me/messages,
// POST …/messages/{id}/read, PUT /store/v1/{shop}/me/message-settings).
import { ref, shallowRef } from 'vue'
import { data, type Schemas } from '@/shared/api/client'
import { api, shopSlug } from '../api'

export type StoreMessage = Schemas['StoreMessage']

const shop = { shop: shopSlug }

export function useInbox() {
  const messages = shallowRef<StoreMessage[]>([])
  const unread = ref(0)
  const optedOut = ref(false)
  const next = ref<string | null>(null)
  const loaded = ref(false)

  async function load(more = false): Promise<void> {
    const after = more && next.value ? next.value : undefined
    const page = await data(
      api.GET('/store/v1/{shop}/me/messages', { params: { path: shop, query: { limit: 20, after } } }),
    )
    messages.value = more ? [...messages.value, ...page.items] : page.items
    unread.value = page.unread
    optedOut.value = page.promotions_opt_out
    next.value = page.next_cursor
    loaded.value = true
  }
  async function markRead(id: string): Promise<void> {
    const read = await data(api.POST('/store/v1/{shop}/me/messages/{id}/read', { params: { path: { ...shop, id } } }))
    messages.value = messages.value.map((m) => (m.id === id ? read : m))
    unread.value = messages.value.filter((m) => !m.read_at).length
  }
  async function setOptOut(value: boolean): Promise<void> {
    const saved = await data(
      api.PUT('/store/v1/{shop}/me/message-settings', { params: { path: shop }, body: { promotions_opt_out: value } }),
    )
    optedOut.value = saved.promotions_opt_out
  }
  return { messages, unread, optedOut, next, loaded, load, markRead, setOptOut }
}
