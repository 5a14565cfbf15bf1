// The money figures and order counts by status over orders placed in a
// period (GET /admin/v1/finance/summary). Dates are shop dates (Beijing
// time), sent as the UTC instants they span. Roles without money rights are
// refused by the engine (403); `forbidden` lets the page say it plainly.
import { ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError, data, type Schemas } from '@/shared/api/client'
import { errorText } from '@/shared/api/errors'
import { shopDayEnd, shopDayStart } from '@/shared/shop-day'
import { api } from '../api'

export function useFinanceSummary() {
  const { t } = useI18n()
  const summary = shallowRef<Schemas['FinanceSummary'] | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)
  const forbidden = ref(false)

  // `from` and `to` are shop dates, both included; "" for an open end.
  async function load(from = '', to = ''): Promise<void> {
    loading.value = true
    error.value = null
    forbidden.value = false
    try {
      const query = {
        from: from ? shopDayStart(from) : undefined,
        to: to ? shopDayEnd(to) : undefined,
      }
      summary.value = await data(api.GET('/admin/v1/finance/summary', { params: { query } }))
    } catch (e) {
      if (e instanceof ApiError && e.status === 403) forbidden.value = true
      else error.value = errorText(e, t)
    } finally {
      loading.value = false
    }
  }

  return { summary, loading, error, forbidden, load }
}
