// One order of this buyer, by its token: the order page's data (the order,
// its trail and its after-sales requests), and the buyer's steps on it.
import { ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { data, type Schemas } from '@/shared/api/client'
import { errorText } from '@/shared/api/errors'
import { api, shopSlug } from '../api'

export function useBuyerOrder(token: () => string) {
  const { t } = useI18n()
  const order = shallowRef<Schemas['BuyerOrderDetail'] | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)
  const path = () => ({ params: { path: { shop: shopSlug, token: token() } } })

  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    try {
      order.value = await data(api.GET('/store/v1/{shop}/orders/{token}', path()))
    } catch (e) {
      error.value = errorText(e, t)
    } finally {
      loading.value = false
    }
  }

  // Each step answers the order; the page reads it again for the trail.
  async function receive(): Promise<void> {
    await data(api.POST('/store/v1/{shop}/orders/{token}/receive', path()))
    await load()
  }
  async function cancel(): Promise<void> {
    await data(api.POST('/store/v1/{shop}/orders/{token}/cancel', path()))
    await load()
  }

  return { order, loading, error, load, receive, cancel }
}
