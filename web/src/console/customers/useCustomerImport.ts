// Importing customers from a CSV file (POST /admin/v1/customers/imports):
// the file is sent as it is (UTF-8 or GB18030, the server reads both), then
// the import is polled until the job has worked through it; the rows it could
// not take can be listed and downloaded as a file to fix and upload again.
import { onBeforeUnmount, ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { data, type Schemas } from '@/shared/api/client'
import { errorText } from '@/shared/api/errors'
import { newIdempotencyKey } from '@/shared/api/idempotency'
import { api } from '../api'
import { saveFile } from '../common/saveFile'

export type CustomerImport = Schemas['CustomerImport']
export type ImportRowError = Schemas['ImportRowErrorPage']['items'][number]

const kPollMs = 1000

export function useCustomerImport() {
  const { t } = useI18n()
  const history = shallowRef<CustomerImport[]>([])
  const current = shallowRef<CustomerImport | null>(null)
  const columns = shallowRef<{ recognised: string[]; ignored: string[] } | null>(null)
  const rowErrors = shallowRef<ImportRowError[]>([])
  const uploading = ref(false)
  const error = ref<string | null>(null)
  let timer: ReturnType<typeof setTimeout> | undefined

  async function loadHistory(): Promise<void> {
    try {
      history.value = (await data(api.GET('/admin/v1/customers/imports', { params: { query: { limit: 20 } } }))).items
    } catch (e) {
      error.value = errorText(e, t)
    }
  }

  function finished(i: CustomerImport): boolean {
    return i.status === 'done' || i.status === 'failed'
  }

  async function poll(id: string): Promise<void> {
    try {
      const i = await data(api.GET('/admin/v1/customers/imports/{id}', { params: { path: { id } } }))
      current.value = i
      if (!finished(i)) {
        timer = setTimeout(() => void poll(id), kPollMs)
        return
      }
      if (i.failed_rows > 0) {
        rowErrors.value = (
          await data(
            api.GET('/admin/v1/customers/imports/{id}/errors', { params: { path: { id }, query: { limit: 100 } } }),
          )
        ).items
      }
      await loadHistory()
    } catch (e) {
      error.value = errorText(e, t)
    }
  }

  async function upload(file: File): Promise<void> {
    uploading.value = true
    error.value = null
    rowErrors.value = []
    columns.value = null
    try {
      const started = await data(
        api.POST('/admin/v1/customers/imports', {
          params: { query: { file_name: file.name }, header: { 'Idempotency-Key': newIdempotencyKey() } },
          body: file as unknown as string,
          bodySerializer: (body: unknown) => body as Blob,
          headers: { 'Content-Type': 'text/csv' },
        }),
      )
      columns.value = { recognised: started.recognised_columns, ignored: started.ignored_columns }
      current.value = started
      await poll(started.id)
    } catch (e) {
      error.value = errorText(e, t)
    } finally {
      uploading.value = false
    }
  }

  async function open(i: CustomerImport): Promise<void> {
    clearTimeout(timer)
    columns.value = null
    rowErrors.value = []
    current.value = i
    await poll(i.id)
  }

  async function downloadErrors(): Promise<void> {
    const i = current.value
    if (!i) return
    try {
      const file = await data(
        api.GET('/admin/v1/customers/imports/{id}/errors.csv', { params: { path: { id: i.id } }, parseAs: 'blob' }),
      )
      saveFile(file as Blob, `import-errors-${i.id}.csv`)
    } catch (e) {
      error.value = errorText(e, t)
    }
  }

  onBeforeUnmount(() => clearTimeout(timer))
  return { history, current, columns, rowErrors, uploading, error, loadHistory, upload, open, downloadErrors }
}
