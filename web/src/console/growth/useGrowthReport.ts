// The growth dashboard's data: the report of a period (GET
// /admin/v1/growth/report), the fission tree (GET /admin/v1/growth/tree)
// and the measured rates a projection can start from (GET
// /admin/v1/growth/measured-rates, promotion writers only).
import { ref, shallowRef } from 'vue'
import { data, type Schemas } from '@/shared/api/client'
import { api } from '../api'

export type GrowthReport = Schemas['GrowthReport']
export type GrowthSourceRow = Schemas['GrowthSourceRow']
export type FissionNode = Schemas['FissionNode']
export type FissionGeneration = Schemas['FissionGeneration']

export interface TreeData {
  generations: FissionGeneration[]
  nodes: FissionNode[]
  members: number
  roots: number
  truncated: boolean
}

export interface MeasuredRates {
  referred: number
  referred_paid: number
  conversion: number | null
  redemption: number | null
  k_factor: number | null
}

export function useGrowthReport() {
  const report = shallowRef<GrowthReport | null>(null)
  const tree = shallowRef<TreeData | null>(null)
  const rates = shallowRef<MeasuredRates | null>(null)
  const loading = ref(false)
  const error = ref<unknown>(null)

  // `range`: two shop days (YYYY-MM-DD) or null for the last 30 days.
  async function load(range: [string, string] | null): Promise<void> {
    loading.value = true
    error.value = null
    try {
      const query = range ? { from: range[0], to: range[1] } : { days: 30 }
      const [r, tr] = await Promise.all([
        data(api.GET('/admin/v1/growth/report', { params: { query } })),
        data(api.GET('/admin/v1/growth/tree', { params: { query: { limit: 200 } } })),
      ])
      report.value = r
      tree.value = tr
    } catch (e) {
      error.value = e
    } finally {
      loading.value = false
    }
    // Measured rates are for promotion writers; others simply go without.
    try {
      rates.value = await data(api.GET('/admin/v1/growth/measured-rates'))
    } catch {
      rates.value = null
    }
  }

  return { report, tree, rates, loading, error, load }
}

// The fission tree's nodes as the nested {name, value, children} ECharts draws.
export interface TreeItem {
  name: string
  value: number
  children: TreeItem[]
}
export function nestTree(nodes: FissionNode[], unnamed: string): TreeItem[] {
  const items = new Map<string, TreeItem>()
  const roots: TreeItem[] = []
  for (const n of nodes) {
    items.set(n.customer_id, { name: n.name || unnamed, value: n.below, children: [] })
  }
  for (const n of nodes) {
    const item = items.get(n.customer_id)!
    const parent = n.parent_id ? items.get(n.parent_id) : undefined
    if (parent) parent.children.push(item)
    else roots.push(item)
  }
  return roots
}

// Cumulative sums of a campaign's daily new customers over `days` days.
export function cumulativeDaily(row: GrowthSourceRow, days: number): number[] {
  const perDay = new Array<number>(days).fill(0)
  for (const d of row.daily_new_customers) if (d.day < days) perDay[d.day] = (perDay[d.day] ?? 0) + d.new_customers
  let sum = 0
  return perDay.map((n) => (sum += n))
}
