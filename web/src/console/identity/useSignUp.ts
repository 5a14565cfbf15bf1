// Opening a shop: POST /admin/v1/auth/signup, then signed in as its owner
// (the answer is a session, as a login's). One Idempotency-Key per filled-in
// form, so a double click or a retry after a lost answer opens one shop.
// A refusal's message goes under the field it is about when the engine's
// code says which (the password's strength, the slug), else above the form.
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError, data, type Schemas } from '@/shared/api/client'
import { errorText } from '@/shared/api/errors'
import { keyFor } from '@/shared/api/idempotency'
import { signIn } from '@/shared/session'
import { api } from '../api'

export type SignUpForm = Required<Schemas['SignUpRequest']>
export type SignUpField = keyof SignUpForm

// The engine's codes that name one field.
const kFieldOf: Record<string, SignUpField> = {
  'identity.weak_password': 'password',
  'identity.invalid_slug': 'shop',
  'identity.slug_taken': 'shop',
}

export function useSignUp() {
  const { t } = useI18n()
  const submitting = ref(false)
  const error = ref<string | null>(null)
  const fieldErrors = ref<Partial<Record<SignUpField, string>>>({})
  const keyOf = keyFor()

  // True once the shop is open and its owner signed in.
  async function submit(form: SignUpForm): Promise<boolean> {
    submitting.value = true
    error.value = null
    fieldErrors.value = {}
    const body = {
      shop: form.shop.trim(),
      shop_name: form.shop_name.trim(),
      login: form.login.trim(),
      name: form.name.trim(),
      password: form.password,
    }
    const key = keyOf(body)
    try {
      const grant = await data(
        api.POST('/admin/v1/auth/signup', { body, params: { header: { 'Idempotency-Key': key } } }),
      )
      signIn(grant, body.shop)
      return true
    } catch (e) {
      const field = e instanceof ApiError ? kFieldOf[e.code] : undefined
      if (field) fieldErrors.value = { [field]: errorText(e, t) }
      else error.value = errorText(e, t)
      return false
    } finally {
      submitting.value = false
    }
  }

  return { submitting, error, fieldErrors, submit }
}
