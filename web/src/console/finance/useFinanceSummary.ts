// The money figures and order counts by status (GET
// /admin/v1/finance/summary). Roles without money rights (staff) are told
// so by the engine (403); `forbidden` lets the page say it plainly.
import { ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError, data, type Schemas } from '@/shared/api/client'
import { errorText } from '@/shared/api/errors'
import { api } from '../api'

export function useFinanceSummary() {
  const { t } = useI18n()
  const summary = shallowRef<Schemas['FinanceSummary'] | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)
  const forbidden = ref(false)

  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    forbidden.value = false
    try {
      summary.value = await data(api.GET('/admin/v1/finance/summary'))
    } catch (e) {
      if (e instanceof ApiError && e.status === 403) forbidden.value = true
      else error.value = errorText(e, t)
    } finally {
      loading.value = false
    }
  }

  return { summary, loading, error, forbidden, load }
}
