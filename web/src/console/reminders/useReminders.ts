// The engine's repurchase and care-plan routes for the console's screens:
// each call answers the data, or throws an ApiError whose text errorText gives.
import { data, type Schemas } from '@/shared/api/client'
import { api } from '../api'

export type Cycle = Schemas['RepurchaseCycle']
export type ReportLine = Schemas['RepurchaseReportLine']
export type CarePlan = Schemas['CarePlan']
export type CareKind = CarePlan['kind']

export const remindersApi = {
  cycles: () => data(api.GET('/admin/v1/repurchase/cycles')),
  setCycle: (id: string, cycle_days: number, lead_days: number) =>
    data(api.PUT('/admin/v1/repurchase/cycles/{id}', { params: { path: { id } }, body: { cycle_days, lead_days } })),
  clearCycle: (id: string) => data(api.DELETE('/admin/v1/repurchase/cycles/{id}', { params: { path: { id } } })),
  products: (q: string) =>
    data(api.GET('/admin/v1/products', { params: { query: { q: q.trim() || undefined, limit: 100 } } })),
  report: () => data(api.GET('/admin/v1/repurchase/report')),
  plans: () => data(api.GET('/admin/v1/care-plans')),
  setPlan: (body: { kind: CareKind; enabled: boolean; days: number; field_key?: string; milestones?: number[] }) =>
    data(api.PUT('/admin/v1/care-plans', { body })),
  dateFields: async () => (await data(api.GET('/admin/v1/customer-fields'))).items.filter((f) => f.type === 'date'),
}

// A rate in basis points as a percentage ("40.0%"), or "—".
export function percent(bp: number | null): string {
  return bp === null ? '—' : `${(bp / 100).toFixed(1)}%`
}
