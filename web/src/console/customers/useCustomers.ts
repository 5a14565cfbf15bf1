// The customer list (GET /admin/v1/customers) under the merchant's filters:
// a name or phone, a stage, a tag, a saved segment (tag and segment are
// answered from the engine's segment bitmaps and come with a count; they do
// not combine with the search), paged by cursor; and giving or taking a
// manual tag to the customers selected (POST /admin/v1/tags/{id}/customers).
import { ref } from 'vue'
import { data, type Schemas } from '@/shared/api/client'
import { api } from '../api'
import { useCursorPages } from '../common/useCursorPages'

export type TagChip = Schemas['TagChip']
// A customer of a list or a profile, with the tags they carry.
export type Customer = Schemas['CustomerFields'] & { tags?: TagChip[] }
export type Stage = Schemas['CustomerStage']

export interface CustomerFilter {
  q: string
  stage: Stage | ''
  tag: string
  segment: string
}

export function emptyCustomerFilter(): CustomerFilter {
  return { q: '', stage: '', tag: '', segment: '' }
}

export function useCustomers(filter: () => CustomerFilter) {
  const count = ref<number | null>(null)
  const list = useCursorPages<Customer>(async (after) => {
    const f = filter()
    const byTags = Boolean(f.tag || f.segment)
    const page = await data(
      api.GET('/admin/v1/customers', {
        params: {
          query: {
            q: byTags ? undefined : f.q.trim() || undefined,
            stage: f.stage || undefined,
            tag_id: f.tag || undefined,
            segment_id: f.segment || undefined,
            after,
            limit: 20,
          },
        },
      }),
    )
    count.value = page.count
    return { items: page.items as Customer[], next_cursor: page.next_cursor }
  })
  return { ...list, count }
}

// Gives (add) or takes (remove) a manual tag; answers how many changed.
export async function tagCustomers(tag: string, ids: string[], add: boolean): Promise<number> {
  const answer = await data(
    api.POST('/admin/v1/tags/{id}/customers', {
      params: { path: { id: tag } },
      body: add ? { add: ids } : { remove: ids },
    }),
  )
  return (add ? answer.added : answer.removed).length
}
