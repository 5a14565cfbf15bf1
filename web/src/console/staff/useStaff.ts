// The shop's staff accounts (GET/POST /admin/v1/staff, PATCH …/{id}). The
// engine enforces who may change whom (only the owner touches owners and
// admins; nobody disables themselves; the last owner stays); its message
// shows when it refuses.
import { ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError, data, type Schemas } from '@/shared/api/client'
import { errorText } from '@/shared/api/errors'
import { api } from '../api'

export type Staff = Schemas['Staff']
export type Role = Schemas['Role']
export const kRoles: Role[] = ['owner', 'admin', 'staff', 'finance']

export function useStaff() {
  const { t } = useI18n()
  const staff = shallowRef<Staff[]>([])
  const loading = ref(false)
  const loaded = ref(false)
  const error = ref<string | null>(null)
  const forbidden = ref(false)

  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    try {
      staff.value = (await data(api.GET('/admin/v1/staff'))).items
      loaded.value = true
    } catch (e) {
      if (e instanceof ApiError && e.status === 403) forbidden.value = true
      else error.value = errorText(e, t)
    } finally {
      loading.value = false
    }
  }

  // Null when done, else the engine's message.
  async function create(body: Schemas['StaffCreate'], key: string): Promise<string | null> {
    try {
      await data(api.POST('/admin/v1/staff', { body, params: { header: { 'Idempotency-Key': key } } }))
      await load()
      return null
    } catch (e) {
      return errorText(e, t)
    }
  }

  async function update(id: string, body: Schemas['StaffUpdate']): Promise<string | null> {
    try {
      await data(api.PATCH('/admin/v1/staff/{id}', { params: { path: { id } }, body }))
      await load()
      return null
    } catch (e) {
      await load()
      return errorText(e, t)
    }
  }

  return { staff, loading, loaded, error, forbidden, load, create, update }
}
