// The shop's three promotion gadgets: coupons buyers enter by code
// (GET/POST /admin/v1/coupons, archive), limited-time SKU discounts
// (/admin/v1/discounts, end) and full reductions (/admin/v1/reductions,
// end). Lists are short and unpaged, newest first. Each creation carries
// one Idempotency-Key per body, so a double click creates one.
import { ref, shallowRef, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { data, type Schemas } from '@/shared/api/client'
import { errorText } from '@/shared/api/errors'
import { keyFor } from '@/shared/api/idempotency'
import { api } from '../api'

export type Coupon = Schemas['Coupon']
export type Discount = Schemas['SkuDiscount']
export type Reduction = Schemas['Reduction']

// A list that loads, with a loading flag and the engine's message on failure.
function useList<T>(fetch: () => Promise<{ items: T[] }>) {
  const { t } = useI18n()
  const items = shallowRef<T[]>([]) as Ref<T[]>
  const loading = ref(false)
  const error = ref<string | null>(null)
  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    try {
      items.value = (await fetch()).items
    } catch (e) {
      error.value = errorText(e, t)
    } finally {
      loading.value = false
    }
  }
  // Puts a created or changed record first or in its place.
  function put(record: T & { id: string }): void {
    const list = items.value as (T & { id: string })[]
    items.value = list.some((r) => r.id === record.id)
      ? list.map((r) => (r.id === record.id ? record : r))
      : [record, ...list]
  }
  return { items, loading, error, load, put }
}

export function useCoupons() {
  const list = useList(() => data(api.GET('/admin/v1/coupons')))
  const key = keyFor()
  // Throws the ApiError (pricing.coupon_code_taken, pricing.invalid_promotion).
  async function create(body: Schemas['CouponCreate']): Promise<Coupon> {
    const made = await data(
      api.POST('/admin/v1/coupons', { body, params: { header: { 'Idempotency-Key': key(body) } } }),
    )
    list.put(made)
    return made
  }
  async function archive(id: string): Promise<void> {
    list.put(await data(api.POST('/admin/v1/coupons/{id}/archive', { params: { path: { id } } })))
  }
  return { ...list, create, archive }
}

export function useDiscounts() {
  const list = useList(() => data(api.GET('/admin/v1/discounts')))
  const key = keyFor()
  async function create(body: Schemas['SkuDiscountCreate']): Promise<Discount> {
    const made = await data(
      api.POST('/admin/v1/discounts', { body, params: { header: { 'Idempotency-Key': key(body) } } }),
    )
    list.put(made)
    return made
  }
  async function end(id: string): Promise<void> {
    list.put(await data(api.POST('/admin/v1/discounts/{id}/end', { params: { path: { id } } })))
  }
  return { ...list, create, end }
}

export function useReductions() {
  const list = useList(() => data(api.GET('/admin/v1/reductions')))
  const key = keyFor()
  async function create(body: Schemas['ReductionCreate']): Promise<Reduction> {
    const made = await data(
      api.POST('/admin/v1/reductions', { body, params: { header: { 'Idempotency-Key': key(body) } } }),
    )
    list.put(made)
    return made
  }
  async function end(id: string): Promise<void> {
    list.put(await data(api.POST('/admin/v1/reductions/{id}/end', { params: { path: { id } } })))
  }
  return { ...list, create, end }
}

// Whether a promotion runs now, by its status and times (the engine's
// status says active until it is ended or archived, whatever the dates).
export type Phase = 'upcoming' | 'running' | 'over' | 'stopped'
export function phaseOf(status: string, from: string, until: string, now = Date.now()): Phase {
  if (status !== 'active') return 'stopped'
  if (Date.parse(from) > now) return 'upcoming'
  if (Date.parse(until) <= now) return 'over'
  return 'running'
}
