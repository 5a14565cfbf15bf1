// The shop's categories (GET /admin/v1/categories: hidden ones too, by sort
// order), and creating, renaming, ordering and hiding them. Categories are
// hidden, never deleted; the order is each one's sort_order.
import { ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { data, type Schemas } from '@/shared/api/client'
import { errorText } from '@/shared/api/errors'
import { keyFor } from '@/shared/api/idempotency'
import { api } from '../api'

export type Category = Schemas['Category']

export function useCategories() {
  const { t } = useI18n()
  const categories = shallowRef<Category[]>([])
  const loading = ref(false)
  const error = ref<string | null>(null)
  const createKey = keyFor()

  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    try {
      categories.value = (await data(api.GET('/admin/v1/categories'))).items
    } catch (e) {
      error.value = errorText(e, t)
    } finally {
      loading.value = false
    }
  }

  // Creates a category after the last one. Throws the ApiError.
  async function create(name: string): Promise<Category> {
    const last = categories.value.at(-1)
    const body = { name, sort_order: last ? Math.min(last.sort_order + 10, 1_000_000) : 0 }
    const made = await data(
      api.POST('/admin/v1/categories', {
        body,
        params: { header: { 'Idempotency-Key': createKey(body) } },
      }),
    )
    categories.value = [...categories.value, made]
    return made
  }

  // Changes one category. Throws the ApiError.
  async function update(id: string, change: Schemas['CategoryUpdate']): Promise<Category> {
    const saved = await data(
      api.PATCH('/admin/v1/categories/{id}', { params: { path: { id } }, body: change }),
    )
    categories.value = categories.value.map((c) => (c.id === id ? saved : c))
    return saved
  }

  // Moves the category at `from` to `to` and numbers them all 0, 10, 20 …,
  // writing only those whose number changed. Throws the first ApiError.
  async function move(from: number, to: number): Promise<void> {
    const list = [...categories.value]
    const [moved] = list.splice(from, 1)
    if (moved) list.splice(to, 0, moved)
    for (const [i, c] of list.entries()) {
      if (c.sort_order !== i * 10) await update(c.id, { sort_order: i * 10 })
    }
    categories.value = [...categories.value].sort((a, b) => a.sort_order - b.sort_order)
  }

  return { categories, loading, error, load, create, update, move }
}
