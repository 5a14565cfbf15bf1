// Shipping the rows of a CSV file in batches of kBatchRows
// (POST /admin/v1/orders/ship-batch), so a long file shows its progress, and
// every row's outcome is reported by its line in the merchant's file. Also
// the file of orders waiting to ship, to fill in and upload back.
import { computed, ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { data, type Schemas } from '@/shared/api/client'
import { errorText } from '@/shared/api/errors'
import { shopDate } from '@/shared/shop-day'
import { api } from '../api'
import { saveFile } from '../common/saveFile'
import { batchBody, csvFile, type ShipRecord } from './shipCsv'

export const kBatchRows = 50
const kTemplateMax = 2000

export interface RowOutcome {
  line: number
  orderId: string
  ok: boolean
  code: string
  message: string
}

export function useBatchShip() {
  const { t } = useI18n()
  const running = ref(false)
  const done = ref(0)
  const total = ref(0)
  const outcomes = shallowRef<RowOutcome[]>([])
  const error = ref<string | null>(null)
  const shipped = computed(() => outcomes.value.filter((o) => o.ok).length)
  const failed = computed(() => outcomes.value.filter((o) => !o.ok).length)

  async function run(rows: ShipRecord[]): Promise<void> {
    running.value = true
    error.value = null
    done.value = 0
    total.value = rows.length
    outcomes.value = []
    try {
      for (let at = 0; at < rows.length; at += kBatchRows) {
        const batch = rows.slice(at, at + kBatchRows)
        const answer: Schemas['ShipBatchResult'] = await data(
          api.POST('/admin/v1/orders/ship-batch', {
            body: batchBody(batch),
            bodySerializer: (csv: string) => csv,
            headers: { 'Content-Type': 'text/csv' },
          }),
        )
        const errors = new Map(answer.errors.map((e) => [e.row, e]))
        const mine = batch.map((r, i): RowOutcome => {
          const e = errors.get(i + 2) // row 1 is the header batchBody wrote
          return {
            line: r.line,
            orderId: r.fields[0] ?? '',
            ok: !e,
            code: e?.code ?? '',
            message: e?.message ?? '',
          }
        })
        outcomes.value = [...outcomes.value, ...mine]
        done.value += batch.length
      }
    } catch (e) {
      error.value = errorText(e, t)
    } finally {
      running.value = false
    }
  }

  // The orders waiting to ship, as a file to fill in: order number, then
  // empty carrier and tracking columns, then who and where for reference.
  const preparing = ref(false)
  async function downloadToShip(): Promise<number> {
    preparing.value = true
    error.value = null
    try {
      const rows: string[][] = []
      let after: string | undefined
      do {
        const page = await data(
          api.GET('/admin/v1/orders', { params: { query: { status: 'paid', limit: 100, after } } }),
        )
        for (const o of page.items) rows.push([o.id, '', '', o.buyer_name, o.buyer_phone, o.region])
        after = page.next_cursor ?? undefined
      } while (after && rows.length < kTemplateMax)
      if (rows.length > 0) {
        const header = ['order_id', 'carrier', 'tracking_no', t('orders.col.buyer'), t('orders.col.phone'), t('orders.col.region')]
        saveFile(csvFile(header, rows), `to-ship-${shopDate()}.csv`)
      }
      return rows.length
    } catch (e) {
      error.value = errorText(e, t)
      return -1
    } finally {
      preparing.value = false
    }
  }

  return { running, done, total, outcomes, shipped, failed, error, run, preparing, downloadToShip }
}
