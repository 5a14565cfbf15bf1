// The dashboard's figures (GET /admin/v1/dashboard): every role gets the
// counts; money fields are null for roles without money rights.
import { ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { data, type Schemas } from '@/shared/api/client'
import { errorText } from '@/shared/api/errors'
import { api } from '../api'

export type Dashboard = Schemas['Dashboard']

export function useDashboard() {
  const { t } = useI18n()
  const dashboard = shallowRef<Dashboard | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)

  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    try {
      dashboard.value = await data(api.GET('/admin/v1/dashboard'))
    } catch (e) {
      error.value = errorText(e, t)
    } finally {
      loading.value = false
    }
  }

  return { dashboard, loading, error, load }
}
