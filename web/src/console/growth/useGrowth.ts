// Growth in the console: the super-user ranking (GET /admin/v1/growth/super-users,
// paged, by customers or revenue) and a voucher campaign's projection
// (POST /admin/v1/growth/simulations: a computation, nothing stored).
import { ref, shallowRef } from 'vue'
import { data, type Schemas } from '@/shared/api/client'
import { api } from '../api'

export type SuperUser = Schemas['SuperUser']
export type SimulationInput = Schemas['SimulationInput']
export type Projection = Schemas['SimulationProjection']
export type RankBy = 'customers' | 'revenue'

export function useSuperUsers() {
  const items = shallowRef<SuperUser[]>([])
  const total = ref(0)
  const next = ref<string | null>(null)
  const by = ref<RankBy>('customers')
  const loading = ref(false)
  const error = ref<unknown>(null)

  async function load(more = false): Promise<void> {
    loading.value = true
    error.value = null
    try {
      const query =
        more && next.value ? { by: by.value, limit: 20, after: next.value } : { by: by.value, limit: 20 }
      const page = await data(api.GET('/admin/v1/growth/super-users', { params: { query } }))
      items.value = more ? [...items.value, ...page.items] : page.items
      total.value = page.total
      next.value = page.next_cursor
    } catch (e) {
      error.value = e
    } finally {
      loading.value = false
    }
  }

  return { items, total, next, by, loading, error, load }
}

export function useSimulation() {
  const projection = shallowRef<Projection | null>(null)
  const running = ref(false)
  // Runs the projection; throws the ApiError (the form shows its message).
  async function run(input: SimulationInput): Promise<void> {
    running.value = true
    try {
      projection.value = await data(api.POST('/admin/v1/growth/simulations', { body: input }))
    } finally {
      running.value = false
    }
  }
  return { projection, running, run }
}
