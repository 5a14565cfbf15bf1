// The engine's outreach routes for the console's screens (composer with its
// skip preview, campaign list and page, spam reports, contact policy): each
// call answers the data, or throws an ApiError whose text errorText gives.
import { data, type Schemas } from '@/shared/api/client'
import { api } from '../api'

export type Draft = Schemas['OutreachDraft']
export type Preview = Schemas['OutreachPreview']
export type Campaign = Schemas['OutreachCampaign']
export type Policy = Schemas['OutreachPolicy']
export type SkipReason = Schemas['OutreachSkipped']['reason']
export const skipReasons: SkipReason[] = ['opted_out', 'budget_gap', 'budget_month', 'erased', 'merged']

export const outreachApi = {
  policy: () => data(api.GET('/admin/v1/outreach/policy')),
  setPolicy: (body: Policy) => data(api.PUT('/admin/v1/outreach/policy', { body })),
  preview: (body: Draft) => data(api.POST('/admin/v1/outreach/preview', { body })),
  create: (body: Draft, key: string) =>
    data(api.POST('/admin/v1/outreach/campaigns', { body, params: { header: { 'Idempotency-Key': key } } })),
  list: (after?: string) => data(api.GET('/admin/v1/outreach/campaigns', { params: { query: { limit: 50, after } } })),
  get: (id: string) => data(api.GET('/admin/v1/outreach/campaigns/{id}', { params: { path: { id } } })),
  cancel: (id: string) => data(api.POST('/admin/v1/outreach/campaigns/{id}/cancel', { params: { path: { id } } })),
  reportSpam: (id: string, customer_id: string, kind: 'blocked' | 'deleted', key: string) =>
    data(
      api.POST('/admin/v1/outreach/campaigns/{id}/spam-reports', {
        params: { path: { id }, header: { 'Idempotency-Key': key } },
        body: { customer_id, kind },
      }),
    ),
  segments: async () => (await data(api.GET('/admin/v1/segments'))).items.filter((s) => s.status === 'active'),
}

// "21:00" for a minute of the day.
export function minuteText(m: number): string {
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
}
