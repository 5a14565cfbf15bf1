// Group buys (拼团) in the console: the campaigns (GET /admin/v1/group-buys),
// creating one (POST), ending one, and one campaign's groups with every
// member (GET /admin/v1/group-buys/{id}).
import { ref, shallowRef } from 'vue'
import { data, type Schemas } from '@/shared/api/client'
import { keyFor } from '@/shared/api/idempotency'
import { api } from '../api'

export type GroupBuy = Schemas['GroupbuyCampaign']
export type GroupBuyInput = Schemas['GroupbuyCampaignInput']
export type ConsoleGroup = Schemas['GroupbuyGroupForConsole']

export function useGroupBuys() {
  const items = shallowRef<GroupBuy[]>([])
  const next = ref<string | null>(null)
  const loading = ref(false)
  const error = ref<unknown>(null)

  async function load(more = false): Promise<void> {
    loading.value = true
    error.value = null
    try {
      const query = more && next.value ? { limit: 20, after: next.value } : { limit: 20 }
      const page = await data(api.GET('/admin/v1/group-buys', { params: { query } }))
      items.value = more ? [...items.value, ...page.items] : page.items
      next.value = page.next_cursor
    } catch (e) {
      error.value = e
    } finally {
      loading.value = false
    }
  }

  // One key per body: a double click or a retry creates once.
  const key = keyFor()
  // Throws the ApiError.
  async function create(input: GroupBuyInput): Promise<GroupBuy> {
    const made = await data(
      api.POST('/admin/v1/group-buys', { params: { header: { 'Idempotency-Key': key(input) } }, body: input }),
    )
    await load()
    return made
  }

  async function end(id: string): Promise<void> {
    const c = await data(api.POST('/admin/v1/group-buys/{id}/end', { params: { path: { id } } }))
    items.value = items.value.map((x) => (x.id === id ? c : x))
  }

  return { items, next, loading, error, load, create, end }
}

// One campaign with its groups (newest first) and their members. Throws the ApiError.
export async function loadGroups(id: string): Promise<{ productTitle: string; groups: ConsoleGroup[] }> {
  const d = await data(api.GET('/admin/v1/group-buys/{id}', { params: { path: { id } } }))
  return { productTitle: d.product_title, groups: d.groups }
}
