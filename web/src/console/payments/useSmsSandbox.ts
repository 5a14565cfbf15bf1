// The texts the sandbox SMS provider "sent" (GET /admin/v1/sandbox/sms), for
// owners and admins: sign-in codes land here instead of on a phone.
import { ref } from 'vue'
import { ApiError, data, type Schemas } from '@/shared/api/client'
import { api } from '../api'
import { useCursorPages } from '../common/useCursorPages'

export function useSmsSandbox() {
  const phone = ref('')
  const off = ref(false) // the server runs without the sandbox (--no-sandbox)
  const forbidden = ref(false)
  const texts = useCursorPages<Schemas['SandboxSms']>(async (after) => {
    try {
      const query = { after, limit: 20, ...(phone.value.trim() ? { phone: phone.value.trim() } : {}) }
      return await data(api.GET('/admin/v1/sandbox/sms', { params: { query } }))
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) off.value = true
      if (e instanceof ApiError && e.status === 403) forbidden.value = true
      throw e
    }
  })
  return { phone, off, forbidden, texts }
}
