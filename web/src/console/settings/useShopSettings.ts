// The shop's profile and rules (GET/PUT /admin/v1/shop), and a logo picture
// uploaded through POST /admin/v1/images. Money in the form is typed in
// yuan and sent in fen (parseYuan: no floating point).
import { ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError, data, type Schemas } from '@/shared/api/client'
import { errorText } from '@/shared/api/errors'
import { api } from '../api'

export type Shop = Schemas['Shop']

export function useShopSettings() {
  const { t } = useI18n()
  const shop = shallowRef<Shop | null>(null)
  const error = ref<string | null>(null)
  const saving = ref(false)
  const saveError = ref<string | null>(null)
  const forbidden = ref(false)

  async function load(): Promise<void> {
    error.value = null
    try {
      shop.value = await data(api.GET('/admin/v1/shop'))
    } catch (e) {
      error.value = errorText(e, t)
    }
  }

  async function save(body: Schemas['ShopUpdate']): Promise<boolean> {
    saving.value = true
    saveError.value = null
    try {
      shop.value = await data(api.PUT('/admin/v1/shop', { body }))
      return true
    } catch (e) {
      if (e instanceof ApiError && e.status === 403) forbidden.value = true
      saveError.value = errorText(e, t)
      return false
    } finally {
      saving.value = false
    }
  }

  // The URL of the uploaded picture, or throws the engine's message.
  async function uploadLogo(file: File): Promise<string> {
    try {
      const image = await data(
        api.POST('/admin/v1/images', {
          body: file as never,
          bodySerializer: (b: unknown) => b as Blob,
          headers: { 'Content-Type': file.type || 'application/octet-stream' },
        }),
      )
      return image.url
    } catch (e) {
      throw new Error(errorText(e, t))
    }
  }

  return { shop, error, saving, saveError, forbidden, load, save, uploadLogo }
}
