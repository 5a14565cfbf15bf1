// After-sales requests (GET /admin/v1/aftersales, …/{id}) and the shop's
// decisions on them: approve, refuse with a reason, receive returned goods,
// send an exchange's replacement. Which of these a request allows follows
// its kind and status (modules/aftersales/aftersales.h); the engine decides,
// and its message shows when it refuses (e.g. a role without money rights
// approving a refund).
import { ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { data, type Schemas } from '@/shared/api/client'
import { errorText } from '@/shared/api/errors'
import { api } from '../api'
import { useCursorPages } from '../common/useCursorPages'

export type Aftersales = Schemas['Aftersales']
export type AftersalesStatus = Schemas['AftersalesStatus']
export const kAftersalesStatuses: AftersalesStatus[] = [
  'requested',
  'approved',
  'returning',
  'received',
  'refunded',
  'exchanged',
  'refused',
  'withdrawn',
]

export function useAftersalesList(status: () => AftersalesStatus | '') {
  return useCursorPages<Aftersales>((after) =>
    data(
      api.GET('/admin/v1/aftersales', {
        params: { query: { status: status() || undefined, after, limit: 20 } },
      }),
    ),
  )
}

// A request with the order it belongs to (for the items' names and the
// refunds the order has had).
export function useAftersales(id: () => string) {
  const { t } = useI18n()
  const request = shallowRef<Aftersales | null>(null)
  const order = shallowRef<Schemas['OrderDetail'] | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)
  const acting = ref(false)
  const actionError = ref<string | null>(null)

  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    try {
      const r = await data(api.GET('/admin/v1/aftersales/{id}', { params: { path: { id: id() } } }))
      order.value = await data(
        api.GET('/admin/v1/orders/{id}', { params: { path: { id: r.order_id } } }),
      )
      request.value = r
    } catch (e) {
      error.value = errorText(e, t)
    } finally {
      loading.value = false
    }
  }

  // Runs a decision, then reloads the request and its order; true when done.
  async function act(call: () => Promise<unknown>): Promise<boolean> {
    acting.value = true
    actionError.value = null
    try {
      await call()
      await load()
      return true
    } catch (e) {
      actionError.value = errorText(e, t)
      return false
    } finally {
      acting.value = false
    }
  }
  const path = () => ({ params: { path: { id: id() } } })
  const approve = () => act(() => data(api.POST('/admin/v1/aftersales/{id}/approve', path())))
  const receive = () => act(() => data(api.POST('/admin/v1/aftersales/{id}/receive', path())))
  const refuse = (reason: string) =>
    act(() => data(api.POST('/admin/v1/aftersales/{id}/refuse', { ...path(), body: { reason } })))
  const shipReplacement = (body: Schemas['ShipmentInput']) =>
    act(() =>
      data(api.POST('/admin/v1/aftersales/{id}/ship-replacement', { ...path(), body })),
    )

  return { request, order, loading, error, acting, actionError, load, approve, receive, refuse, shipReplacement }
}
