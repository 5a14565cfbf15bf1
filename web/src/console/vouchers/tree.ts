// A campaign's fission tree (GET /admin/v1/voucher-campaigns/{id}/tree) in
// the shape ECharts' tree series draws. Pure.
import type { Schemas } from '../../shared/api/client'

export type TreeNode = Schemas['VoucherTree']['nodes'][number]

// The tree as ECharts draws it: a root (the campaign) with the seeds under
// it and each friend under the customer who gave them the voucher. A node
// whose giver is not among the nodes (the list was cut at 2,000) hangs from
// the root.
export interface ChartNode {
  name: string
  value: number // generation
  paid: boolean
  issued: number
  redeemed: number
  children: ChartNode[]
}
export function toChartTree(rootName: string, nodes: readonly TreeNode[]): ChartNode {
  const root: ChartNode = { name: rootName, value: -1, paid: true, issued: 0, redeemed: 0, children: [] }
  const byId = new Map<string, ChartNode>()
  for (const n of nodes) {
    byId.set(n.customer_id, { name: n.name, value: n.generation, paid: n.paid, issued: n.issued, redeemed: n.redeemed, children: [] })
  }
  for (const n of nodes) {
    const node = byId.get(n.customer_id)!
    const parent = n.giver_id && n.giver_id !== n.customer_id ? byId.get(n.giver_id) : undefined
    ;(parent ?? root).children.push(node)
  }
  return root
}
