// The sandbox provider's secret (GET /admin/v1/payments/sandbox) and the log
// of callbacks received (GET /admin/v1/payments/callbacks), both for roles
// with money rights.
import { ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError, data, type Schemas } from '@/shared/api/client'
import { errorText } from '@/shared/api/errors'
import { api } from '../api'
import { useCursorPages } from '../common/useCursorPages'

export function useSandbox() {
  const { t } = useI18n()
  const secret = shallowRef<Schemas['SandboxSecret'] | null>(null)
  const error = ref<string | null>(null)
  const forbidden = ref(false)

  async function load(): Promise<void> {
    error.value = null
    try {
      secret.value = await data(api.GET('/admin/v1/payments/sandbox'))
    } catch (e) {
      if (e instanceof ApiError && e.status === 403) forbidden.value = true
      else error.value = errorText(e, t)
    }
  }

  const callbacks = useCursorPages<Schemas['PaymentCallback']>((after) =>
    data(api.GET('/admin/v1/payments/callbacks', { params: { query: { after, limit: 20 } } })),
  )

  return { secret, error, forbidden, load, callbacks }
}
