// The engine's ownership and CRM routes for the console's screens: each call
// answers the data, or throws an ApiError whose text errorText gives.
import { data, type Schemas } from '@/shared/api/client'
import { api } from '../api'

export type Task = Schemas['Task']
export type Interaction = Schemas['Interaction']
export type FieldDef = Schemas['CustomerFieldDef']
export type Assignment = Schemas['CustomerAssignment']
export type TaskView = 'open' | 'due' | 'overdue' | 'done'

export const crmApi = {
  assignment: () => data(api.GET('/admin/v1/customer-assignment')),
  setAssignment: (body: { mode: Schemas['AssignMode']; staff_ids: string[]; channels: Record<string, string> }) =>
    data(api.PUT('/admin/v1/customer-assignment', { body })),
  setCapacity: (id: string, capacity: number) =>
    data(api.PUT('/admin/v1/staff/{id}/capacity', { params: { path: { id } }, body: { capacity } })),
  customersOf: async (staffId: string) => {
    // The console lists every customer for owner and admin; a member's are those they own.
    const out: Schemas['Customer'][] = []
    let after: string | undefined
    for (let i = 0; i < 50; i++) {
      const page = await data(api.GET('/admin/v1/customers', { params: { query: { limit: 100, after } } }))
      out.push(...page.items.filter((c) => c.owner_staff_id === staffId))
      if (!page.next_cursor) break
      after = page.next_cursor
    }
    return out
  },
  handOver: (
    body: { from_staff_id: string; kind: 'resigned' | 'transfer'; customer_ids?: string[]; to: { staff_id: string }[] },
    key: string,
  ) => data(api.POST('/admin/v1/handovers', { body, params: { header: { 'Idempotency-Key': key } } })),
  tasks: (view: TaskView, scope: 'mine' | 'all', customer_id?: string, after?: string) =>
    data(api.GET('/admin/v1/tasks', { params: { query: { view, scope, customer_id, after, limit: 50 } } })),
  complete: (id: string) => data(api.POST('/admin/v1/tasks/{id}/complete', { params: { path: { id } } })),
  snooze: (id: string, until: string) =>
    data(api.POST('/admin/v1/tasks/{id}/snooze', { params: { path: { id } }, body: { until } })),
  createTask: (id: string, title: string, due_at: string, key: string) =>
    data(
      api.POST('/admin/v1/customers/{id}/tasks', {
        params: { path: { id }, header: { 'Idempotency-Key': key } },
        body: { title, due_at },
      }),
    ),
  interactions: (id: string) =>
    data(api.GET('/admin/v1/customers/{id}/interactions', { params: { path: { id }, query: { limit: 50 } } })),
  logInteraction: (id: string, kind: Schemas['InteractionKind'], summary: string, key: string) =>
    data(
      api.POST('/admin/v1/customers/{id}/interactions', {
        params: { path: { id }, header: { 'Idempotency-Key': key } },
        body: { kind, summary },
      }),
    ),
  fields: () => data(api.GET('/admin/v1/customer-fields')),
  defineField: (body: { key: string; label: string; type: Schemas['CustomerFieldType']; choices?: string[] }) =>
    data(api.PUT('/admin/v1/customer-fields', { body })),
}

export type TimelineEntry = Awaited<ReturnType<typeof timeline>>['items'][number]
function timeline(id: string) {
  return data(api.GET('/admin/v1/customers/{id}/timeline', { params: { path: { id }, query: { limit: 50 } } }))
}
export const crmTimeline = timeline
