// The console's product list (GET /admin/v1/products): filters (status,
// category, part of the title), pages by cursor (the engine gives no total,
// so the list goes forward by its cursor and back by the cursors it came
// through), changing the status of several products at once (one request
// each: the engine has no batch route, so each product's answer is reported)
// and the CSV export of what the filters select.
import { reactive, ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { data, type Schemas } from '@/shared/api/client'
import { errorText } from '@/shared/api/errors'
import { api } from '../api'

export type ProductSummary = Schemas['ProductSummary']
export type ProductStatus = Schemas['ProductStatus']
export type ProductAction = Schemas['ProductStatusChange']['action']

export interface ProductFilter {
  status: ProductStatus | ''
  category: string
  q: string
}

export interface BulkResult {
  done: number
  failed: { title: string; message: string }[]
}

const kPageSize = 20

export function useProductList() {
  const { t, locale } = useI18n()
  const filter = reactive<ProductFilter>({ status: '', category: '', q: '' })
  const items = shallowRef<ProductSummary[]>([])
  const loading = ref(false)
  const error = ref<string | null>(null)
  // The cursors of the pages before this one ('' is the first page).
  const trail = ref<string[]>([])
  const current = ref('')
  const next = ref<string | null>(null)

  function query() {
    return {
      status: filter.status || undefined,
      category: filter.category || undefined,
      q: filter.q.trim() || undefined,
    }
  }

  async function fetchPage(after: string): Promise<void> {
    loading.value = true
    error.value = null
    try {
      const page = await data(
        api.GET('/admin/v1/products', {
          params: { query: { ...query(), limit: kPageSize, after: after || undefined } },
        }),
      )
      items.value = page.items
      next.value = page.next_cursor
      current.value = after
    } catch (e) {
      error.value = errorText(e, t)
    } finally {
      loading.value = false
    }
  }

  // The first page of what the filters select.
  async function search(): Promise<void> {
    trail.value = []
    await fetchPage('')
  }
  async function nextPage(): Promise<void> {
    if (!next.value) return
    const from = current.value
    await fetchPage(next.value)
    if (!error.value) trail.value = [...trail.value, from]
  }
  async function previousPage(): Promise<void> {
    const back = trail.value.at(-1)
    if (back === undefined) return
    await fetchPage(back)
    if (!error.value) trail.value = trail.value.slice(0, -1)
  }
  const reload = () => fetchPage(current.value)

  // Publishes, unpublishes or archives each product, one after the other,
  // then reloads the page.
  async function changeStatus(products: ProductSummary[], action: ProductAction): Promise<BulkResult> {
    const result: BulkResult = { done: 0, failed: [] }
    for (const p of products) {
      try {
        await data(
          api.POST('/admin/v1/products/{id}/status', { params: { path: { id: p.id } }, body: { action } }),
        )
        result.done++
      } catch (e) {
        result.failed.push({ title: p.title, message: errorText(e, t) })
      }
    }
    await reload()
    return result
  }

  // Downloads the CSV of every SKU the filters select (the engine names
  // the file). Throws the ApiError.
  async function exportCsv(): Promise<void> {
    const { data: blob, error: failure, response } = await api.GET('/admin/v1/products/export.csv', {
      params: { query: { ...query(), lang: locale.value === 'en' ? 'en' : 'zh-CN' } },
      parseAs: 'blob',
    })
    if (!response.ok || !blob) {
      await data(Promise.resolve({ data: undefined, error: failure, response }))
      return
    }
    const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1]
    const url = URL.createObjectURL(blob)
    const a = document.createElement('a')
    a.href = url
    a.download = name ?? 'products.csv'
    document.body.append(a)
    a.click()
    a.remove()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
  }

  return {
    filter,
    items,
    loading,
    error,
    hasPrevious: () => trail.value.length > 0,
    next,
    trail,
    search,
    nextPage,
    previousPage,
    reload,
    changeStatus,
    exportCsv,
  }
}
