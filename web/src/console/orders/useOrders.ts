// The order list (GET /admin/v1/orders) under the merchant's filters, paged
// by cursor, and the same selection as a CSV file
// (GET /admin/v1/orders/export.csv). Dates are shop dates (Beijing time),
// sent as the UTC instants they span.
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { data, type Schemas } from '@/shared/api/client'
import { errorText } from '@/shared/api/errors'
import { shopDate, shopDayEnd, shopDayStart } from '@/shared/shop-day'
import { useLocale } from '@/shared/i18n'
import { api } from '../api'
import { useCursorPages } from '../common/useCursorPages'
import { saveFile } from '../common/saveFile'

export type OrderStatus = Schemas['OrderStatus']
export const kOrderStatuses: OrderStatus[] = [
  'pending_payment',
  'paid',
  'shipped',
  'received',
  'completed',
  'cancelled',
]

export interface OrderFilter {
  status: OrderStatus | ''
  from: string // shop date, "" for none
  to: string // shop date, included
  phone: string
}

export function emptyFilter(): OrderFilter {
  return { status: '', from: '', to: '', phone: '' }
}

function query(f: OrderFilter) {
  return {
    status: f.status || undefined,
    from: f.from ? shopDayStart(f.from) : undefined,
    to: f.to ? shopDayEnd(f.to) : undefined,
    phone: f.phone.trim() || undefined,
  }
}

export function useOrders(filter: () => OrderFilter) {
  const { t } = useI18n()
  const locale = useLocale()
  const list = useCursorPages<Schemas['OrderSummary']>((after) =>
    data(api.GET('/admin/v1/orders', { params: { query: { ...query(filter()), after, limit: 20 } } })),
  )

  const exporting = ref(false)
  const exportError = ref<string | null>(null)
  async function exportCsv(): Promise<void> {
    exporting.value = true
    exportError.value = null
    try {
      const file = await data(
        api.GET('/admin/v1/orders/export.csv', {
          params: { query: { ...query(filter()), lang: locale.value === 'en' ? 'en' : 'zh-CN' } },
          parseAs: 'blob',
        }),
      )
      saveFile(file as Blob, `orders-${shopDate()}.csv`)
    } catch (e) {
      exportError.value = errorText(e, t)
    } finally {
      exporting.value = false
    }
  }

  return { ...list, exporting, exportError, exportCsv }
}
