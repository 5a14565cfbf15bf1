// Pre-sales (预售) and fan votes (C2B) in the console: the lists
// (GET /admin/v1/presales, /admin/v1/votes), creating, closing, a pre-sale's
// detail (orders, interest, the stock recommendation) and turning a vote's
// winners into pre-sales (POST /admin/v1/votes/{id}/winners).
import { ref, shallowRef } from 'vue'
import { data, type Schemas } from '@/shared/api/client'
import { keyFor } from '@/shared/api/idempotency'
import { api } from '../api'

export type Presale = Schemas['Presale']
export type PresaleInput = Schemas['PresaleInput']
export type Vote = Schemas['Vote']
export type VoteInput = Schemas['VoteInput']

export function usePresales() {
  const items = shallowRef<Presale[]>([])
  const loading = ref(false)
  const error = ref<unknown>(null)
  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    try {
      items.value = (await data(api.GET('/admin/v1/presales', { params: { query: { limit: 100 } } }))).items
    } catch (e) {
      error.value = e
    } finally {
      loading.value = false
    }
  }
  const key = keyFor()
  async function create(input: PresaleInput): Promise<Presale> {
    const made = await data(
      api.POST('/admin/v1/presales', { params: { header: { 'Idempotency-Key': key(input) } }, body: input }),
    )
    await load()
    return made
  }
  async function close(id: string): Promise<void> {
    const p = await data(api.POST('/admin/v1/presales/{id}/close', { params: { path: { id } } }))
    items.value = items.value.map((x) => (x.id === id ? p : x))
  }
  return { items, loading, error, load, create, close }
}

export async function loadPresale(id: string) {
  return data(api.GET('/admin/v1/presales/{id}', { params: { path: { id } } }))
}

export interface WinnersBody {
  winners: { candidate_id: string; price: number; deposit?: number | null; quantity?: number | null }[]
  per_customer_limit?: number
  interest_starts_at: string
  order_starts_at: string
  order_ends_at: string
  balance_starts_at?: string | null
  balance_ends_at?: string | null
  ship_at: string
}

export function useVotes() {
  const items = shallowRef<Vote[]>([])
  const loading = ref(false)
  const error = ref<unknown>(null)
  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    try {
      items.value = (await data(api.GET('/admin/v1/votes', { params: { query: { limit: 100 } } }))).items
    } catch (e) {
      error.value = e
    } finally {
      loading.value = false
    }
  }
  const key = keyFor()
  async function create(input: VoteInput): Promise<Vote> {
    const made = await data(
      api.POST('/admin/v1/votes', { params: { header: { 'Idempotency-Key': key(input) } }, body: input }),
    )
    await load()
    return made
  }
  async function close(id: string): Promise<void> {
    const v = await data(api.POST('/admin/v1/votes/{id}/close', { params: { path: { id } } }))
    items.value = items.value.map((x) => (x.id === id ? v : x))
  }
  const winnersKey = keyFor()
  async function convert(id: string, body: WinnersBody) {
    const made = await data(
      api.POST('/admin/v1/votes/{id}/winners', {
        params: { path: { id }, header: { 'Idempotency-Key': winnersKey({ id, body }) } },
        body,
      }),
    )
    await load()
    return made
  }
  return { items, loading, error, load, create, close, convert }
}
