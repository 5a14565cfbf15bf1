// Signing in: POST /admin/v1/auth/login, keep the token (shared/session.ts).
// `error` is the engine's message (wrong password, throttled, busy).
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { data } from '@/shared/api/client'
import { errorText } from '@/shared/api/errors'
import { signIn } from '@/shared/session'
import { api } from '../api'

export interface Credentials {
  shop: string
  login: string
  password: string
}

export function useLogin() {
  const { t } = useI18n()
  const submitting = ref(false)
  const error = ref<string | null>(null)

  // True once signed in.
  async function submit(c: Credentials): Promise<boolean> {
    submitting.value = true
    error.value = null
    try {
      const body = { shop: c.shop.trim(), login: c.login.trim(), password: c.password }
      signIn(await data(api.POST('/admin/v1/auth/login', { body })), body.shop)
      return true
    } catch (e) {
      error.value = errorText(e, t)
      return false
    } finally {
      submitting.value = false
    }
  }

  return { submitting, error, submit }
}
