// One product being created or edited: loads it (GET /admin/v1/products/{id}),
// saves it (POST, with one Idempotency-Key per body, or PUT), changes its
// status (publish, unpublish, archive) and uploads its pictures
// (POST /admin/v1/images, the file's bytes as the body).
import { ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { data, type Schemas } from '@/shared/api/client'
import { errorText } from '@/shared/api/errors'
import { keyFor } from '@/shared/api/idempotency'
import { api } from '../api'
import type { Product, ProductInput } from './productForm'

export type ImageType = Schemas['ImageContentType']
export const kImageTypes: readonly ImageType[] = ['image/jpeg', 'image/png', 'image/webp', 'image/gif']
// The engine refuses pictures over 5 MiB (catalog.image_too_large).
export const kMaxImageBytes = 5 * 1024 * 1024

export function useProductEditor() {
  const { t } = useI18n()
  const product = shallowRef<Product | null>(null)
  const loading = ref(false)
  const loadError = ref<string | null>(null)
  const createKey = keyFor()

  async function load(id: string): Promise<void> {
    loading.value = true
    loadError.value = null
    try {
      product.value = await data(api.GET('/admin/v1/products/{id}', { params: { path: { id } } }))
    } catch (e) {
      loadError.value = errorText(e, t)
    } finally {
      loading.value = false
    }
  }

  // Creates the product (a draft) or replaces the loaded one. Throws the ApiError.
  async function save(body: ProductInput): Promise<Product> {
    const saved = product.value
      ? await data(
          api.PUT('/admin/v1/products/{id}', { params: { path: { id: product.value.id } }, body }),
        )
      : await data(
          api.POST('/admin/v1/products', {
            body,
            params: { header: { 'Idempotency-Key': createKey(body) } },
          }),
        )
    product.value = saved
    return saved
  }

  // Throws the ApiError (catalog.invalid_status_change: e.g. no live SKU).
  async function changeStatus(action: Schemas['ProductStatusChange']['action']): Promise<Product> {
    if (!product.value) throw new Error('save the product first')
    const id = product.value.id
    product.value = await data(
      api.POST('/admin/v1/products/{id}/status', { params: { path: { id } }, body: { action } }),
    )
    return product.value
  }

  return { product, loading, loadError, load, save, changeStatus }
}

// Uploads one picture. The engine checks that the bytes are the type named;
// the same bytes again answer the image uploaded before. Throws the ApiError.
export async function uploadImage(file: File): Promise<Schemas['Image']> {
  const type = file.type as ImageType
  return data(
    api.POST('/admin/v1/images', {
      // The operation's body is the raw bytes; the generated type says string.
      body: file as unknown as string,
      bodySerializer: (b: unknown) => b as BodyInit,
      headers: { 'Content-Type': type },
    }),
  )
}
