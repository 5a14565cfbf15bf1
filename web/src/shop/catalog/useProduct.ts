// One product as the store shows it (pictures, specs, SKUs with stock),
// with the three states a page shows.
import { ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { data, type Schemas } from '@/shared/api/client'
import { errorText } from '@/shared/api/errors'
import { api, shopSlug } from '../api'

export function useProduct() {
  const { t } = useI18n()
  const product = shallowRef<Schemas['StoreProduct'] | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)

  async function load(id: string): Promise<void> {
    loading.value = true
    error.value = null
    try {
      product.value = await data(
        api.GET('/store/v1/{shop}/products/{id}', { params: { path: { shop: shopSlug, id } } }),
      )
    } catch (e) {
      product.value = null
      error.value = errorText(e, t)
    } finally {
      loading.value = false
    }
  }

  return { product, loading, error, load }
}
