// Who is signed in (GET /admin/v1/me), read once per session and shared by
// the frame and the pages; signOut ends the session on the engine too.
import { ref, shallowRef, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { data, type Schemas } from '@/shared/api/client'
import { errorText } from '@/shared/api/errors'
import { session, signOut as forget } from '@/shared/session'
import { api } from '../api'

const me = shallowRef<Schemas['Me'] | null>(null)
const loading = ref(false)
const error = ref<string | null>(null)
watch(session, (s) => {
  if (!s) me.value = null
})

export function useMe() {
  const { t } = useI18n()

  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    try {
      me.value = await data(api.GET('/admin/v1/me'))
    } catch (e) {
      error.value = errorText(e, t)
    } finally {
      loading.value = false
    }
  }

  // Revokes the token; the session ends here even if the engine is not reached.
  async function signOut(): Promise<void> {
    try {
      await data(api.POST('/admin/v1/auth/logout'))
    } catch {
      // the token is forgotten below either way
    }
    forget()
  }

  return { me, loading, error, load, signOut }
}
