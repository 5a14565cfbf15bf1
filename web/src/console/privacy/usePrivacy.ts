// Personal data and exports through the engine: a saved segment as a CSV
// file (GET /admin/v1/segments/{id}/export.csv), a customer's personal data
// as a JSON file (GET /admin/v1/customers/{id}/personal-data), a customer's
// erasure (POST /admin/v1/customers/{id}/erase), and the owner's audit log
// (GET /admin/v1/audit) by action and shop dates, a page at a time.
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { data } from '@/shared/api/client'
import { errorText } from '@/shared/api/errors'
import { useLocale } from '@/shared/i18n'
import { shopDate } from '@/shared/shop-day'
import { api } from '../api'
import { saveFile } from '../common/saveFile'
import { useCursorPages } from '../common/useCursorPages'

export const kAuditActions = [
  'customer.merge',
  'customer.handover',
  'customer.export',
  'customer.erase',
  'segment.export',
] as const
export type AuditAction = (typeof kAuditActions)[number]
// The message key of an action ("customer.erase" -> "customer_erase").
export const actionKey = (a: string) => a.replace('.', '_')

export interface AuditFilter {
  action: AuditAction | ''
  from: string // shop date, "" for none
  to: string // shop date, included
}

// What an erasure changed (the engine's report; a repeat answers the first).
export interface Erasure {
  customer_id: string
  erased_at: string
  audit_id: number
  identities: number
  addresses: number
  orders: number
}

export interface AuditEntry {
  id: number
  actor_staff_id: string | null
  action: string
  subject: string
  detail: Record<string, unknown>
  at: string
}

export function useAuditLog(filter: () => AuditFilter) {
  return useCursorPages<AuditEntry>((after) => {
    const f = filter()
    return data(
      api.GET('/admin/v1/audit', {
        params: {
          query: {
            action: f.action || undefined,
            from: f.from || undefined,
            to: f.to || undefined,
            after,
            limit: 20,
          },
        },
      }),
    )
  })
}

export function usePrivacy() {
  const { t } = useI18n()
  const locale = useLocale()
  const busy = ref(false)

  // Each answers null when done, else the engine's message.
  async function run(fn: () => Promise<void>): Promise<string | null> {
    busy.value = true
    try {
      await fn()
      return null
    } catch (e) {
      return errorText(e, t)
    } finally {
      busy.value = false
    }
  }

  // Downloads the segment's CSV; `rows` is how many customers it holds.
  async function exportSegment(id: string, full: boolean, rows: { value: number }): Promise<string | null> {
    return run(async () => {
      const { data: file, error: failure, response } = await api.GET('/admin/v1/segments/{id}/export.csv', {
        params: {
          path: { id },
          query: { phones: full ? 'full' : 'masked', lang: locale.value === 'en' ? 'en' : 'zh-CN' },
        },
        parseAs: 'blob',
      })
      if (!response.ok || !file) {
        await data(Promise.resolve({ data: undefined, error: failure, response }))
        return
      }
      rows.value = Number(response.headers.get('X-Export-Rows') ?? 0)
      saveFile(file as Blob, `segment-${id}-${shopDate()}.csv`)
    })
  }

  async function exportPersonalData(id: string): Promise<string | null> {
    return run(async () => {
      const doc = await data(
        api.GET('/admin/v1/customers/{id}/personal-data', { params: { path: { id } } }),
      )
      const file = new Blob([JSON.stringify(doc, null, 2)], { type: 'application/json' })
      saveFile(file, `personal-data-${id}-${shopDate()}.json`)
    })
  }

  async function erase(id: string, done: { value: Erasure | null }): Promise<string | null> {
    return run(async () => {
      done.value = (await data(
        api.POST('/admin/v1/customers/{id}/erase', { params: { path: { id } } }),
      )) as Erasure
    })
  }

  return { busy, exportSegment, exportPersonalData, erase }
}
