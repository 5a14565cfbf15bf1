// Saved segments (GET/POST /admin/v1/segments, GET/PATCH …/{id}) and the
// builder's live count (POST /admin/v1/segments/preview), asked again a
// moment after the merchant stops editing; an answer to an older
// expression never overwrites a newer one.
import { onBeforeUnmount, ref, shallowRef, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError, data, type Schemas } from '@/shared/api/client'
import { errorText } from '@/shared/api/errors'
import { newIdempotencyKey } from '@/shared/api/idempotency'
import { api } from '../api'
import type { Customer } from './useCustomers'
import type { Expression } from './segmentExpression'

export type Segment = Schemas['Segment']

export function useSegments() {
  const { t } = useI18n()
  const segments = shallowRef<Segment[]>([])
  const loading = ref(false)
  const error = ref<string | null>(null)
  const forbidden = ref(false)

  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    try {
      segments.value = (await data(api.GET('/admin/v1/segments'))).items
    } catch (e) {
      if (e instanceof ApiError && e.status === 403) forbidden.value = true
      else error.value = errorText(e, t)
    } finally {
      loading.value = false
    }
  }

  // Archives or restores; null when done, else the engine's message.
  async function setStatus(id: string, status: 'active' | 'archived'): Promise<string | null> {
    try {
      await data(api.PATCH('/admin/v1/segments/{id}', { params: { path: { id } }, body: { status } }))
      await load()
      return null
    } catch (e) {
      return errorText(e, t)
    }
  }

  return { segments, loading, error, forbidden, load, setStatus }
}

export async function getSegment(id: string): Promise<Segment> {
  return data(api.GET('/admin/v1/segments/{id}', { params: { path: { id } } }))
}

// Saves a new segment (`key`: one per segment the merchant means to make) or
// changes a saved one; answers the segment as saved.
export async function saveSegment(
  id: string | null,
  name: string,
  expression: Expression,
  key: string = newIdempotencyKey(),
): Promise<Segment> {
  const body = { name, expression: expression as unknown as Schemas['SegmentExpression'] }
  if (id) {
    return data(api.PATCH('/admin/v1/segments/{id}', { params: { path: { id } }, body }))
  }
  return data(api.POST('/admin/v1/segments', { params: { header: { 'Idempotency-Key': key } }, body }))
}

// The live count of `expression` (null: nothing to count yet), asked
// `delay` ms after its last change.
export function useLivePreview(expression: Ref<Expression | null>, delay = 300) {
  const { t } = useI18n()
  const count = ref<number | null>(null)
  const sample = shallowRef<Customer[]>([])
  const counting = ref(false)
  const error = ref<string | null>(null)
  let timer: ReturnType<typeof setTimeout> | undefined
  let asked = 0

  async function ask(e: Expression): Promise<void> {
    const mine = ++asked
    counting.value = true
    try {
      const answer = await data(
        api.POST('/admin/v1/segments/preview', {
          body: { expression: e as unknown as Schemas['SegmentExpression'] },
        }),
      )
      if (mine !== asked) return
      count.value = answer.count
      sample.value = answer.sample as Customer[]
      error.value = null
    } catch (err) {
      if (mine === asked) error.value = errorText(err, t)
    } finally {
      if (mine === asked) counting.value = false
    }
  }

  watch(
    () => JSON.stringify(expression.value),
    () => {
      clearTimeout(timer)
      const e = expression.value
      if (e === null) {
        ++asked
        count.value = null
        sample.value = []
        error.value = null
        counting.value = false
        return
      }
      counting.value = true
      timer = setTimeout(() => void ask(e), delay)
    },
    { immediate: true },
  )
  onBeforeUnmount(() => clearTimeout(timer))
  return { count, sample, counting, error }
}
