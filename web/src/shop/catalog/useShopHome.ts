// The shop's home: its profile (name, positioning) and its featured
// products, read together. Returns refs for the three states a page shows
// (loading, failed with a message, loaded) and `load` to try again.
import { ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { data, type Schemas } from '@/shared/api/client'
import { errorText } from '@/shared/api/errors'
import { api } from '../api'

export function useShopHome(shop: string) {
  const { t } = useI18n()
  const profile = shallowRef<Schemas['StoreShop'] | null>(null)
  const featured = shallowRef<Schemas['ProductSummary'][]>([])
  const loading = ref(false)
  const error = ref<string | null>(null)

  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    try {
      const path = { shop }
      const [p, home] = await Promise.all([
        data(api.GET('/store/v1/{shop}', { params: { path } })),
        data(api.GET('/store/v1/{shop}/home', { params: { path } })),
      ])
      profile.value = p
      // The merchant arranges at most 8 (the shop's strongest first).
      featured.value = home.featured.slice(0, 8)
      document.title = p.name
    } catch (e) {
      error.value = errorText(e, t)
    } finally {
      loading.value = false
    }
  }

  return { profile, featured, loading, error, load }
}
