// One order as the console sees it (GET /admin/v1/orders/{id}: lines, money,
// buyer, trail, payments, after-sales) and what staff do to it: ship, cancel
// an unpaid order, confirm an offline payment. Each action answers the
// order; the page then reloads the whole detail (trail and payments too).
import { ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError, data, type Schemas } from '@/shared/api/client'
import { errorText } from '@/shared/api/errors'
import { api } from '../api'

export type OrderDetail = Schemas['OrderDetail']

export function useOrder(id: () => string) {
  const { t } = useI18n()
  const order = shallowRef<OrderDetail | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)
  const notFound = ref(false)

  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    notFound.value = false
    try {
      order.value = await data(api.GET('/admin/v1/orders/{id}', { params: { path: { id: id() } } }))
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) notFound.value = true
      error.value = errorText(e, t)
    } finally {
      loading.value = false
    }
  }

  return { order, loading, error, notFound, load }
}

// The actions, each answering null on success or the engine's message.
export function useOrderActions() {
  const { t } = useI18n()
  const busy = ref(false)

  async function run(call: () => Promise<unknown>): Promise<string | null> {
    busy.value = true
    try {
      await call()
      return null
    } catch (e) {
      return errorText(e, t)
    } finally {
      busy.value = false
    }
  }

  const path = (id: string) => ({ params: { path: { id } } })
  return {
    busy,
    ship: (id: string, body: Schemas['ShipmentInput']) =>
      run(() => data(api.POST('/admin/v1/orders/{id}/ship', { ...path(id), body }))),
    cancel: (id: string, reason: string) =>
      run(() => data(api.POST('/admin/v1/orders/{id}/cancel', { ...path(id), body: { reason } }))),
    confirmPayment: (id: string, body: Schemas['ManualPayment']) =>
      run(() => data(api.POST('/admin/v1/orders/{id}/confirm-payment', { ...path(id), body }))),
  }
}
