// One customer's profile (GET /admin/v1/customers/{id}): facts, identities,
// tags and latest orders; giving and taking a manual tag; merging another
// record of the same person into this one (POST …/{id}/merge, owner and
// admin).
import { ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { data, type Schemas } from '@/shared/api/client'
import { errorText } from '@/shared/api/errors'
import { api } from '../api'
import { tagCustomers, type Customer } from './useCustomers'

export type CustomerDetail = Customer & {
  identities?: { kind: string; value: string }[]
  recent_orders?: Schemas['OrderSummary'][]
}

export function useCustomer(id: () => string) {
  const { t } = useI18n()
  const customer = shallowRef<CustomerDetail | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)

  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    try {
      customer.value = (await data(
        api.GET('/admin/v1/customers/{id}', { params: { path: { id: id() } } }),
      )) as CustomerDetail
    } catch (e) {
      error.value = errorText(e, t)
    } finally {
      loading.value = false
    }
  }

  // Each answers null when done, else the engine's message.
  async function setTag(tag: string, add: boolean): Promise<string | null> {
    try {
      await tagCustomers(tag, [customer.value?.id ?? id()], add)
      await load()
      return null
    } catch (e) {
      return errorText(e, t)
    }
  }
  async function merge(otherId: string): Promise<string | null> {
    try {
      await data(
        api.POST('/admin/v1/customers/{id}/merge', {
          params: { path: { id: id() } },
          body: { other_id: otherId },
        }),
      )
      await load()
      return null
    } catch (e) {
      return errorText(e, t)
    }
  }

  return { customer, loading, error, load, setTag, merge }
}
