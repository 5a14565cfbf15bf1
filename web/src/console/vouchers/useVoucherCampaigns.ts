// Share vouchers (分享券) in the console: the campaigns with their counts
// (GET /admin/v1/voucher-campaigns), creating one (POST), ending one, a
// campaign's fission tree with its generations (GET …/{id}/tree), the
// clusters flagged across campaigns (GET /admin/v1/voucher-flags) and
// voiding a voucher (POST /admin/v1/vouchers/{id}/void).
import { ref, shallowRef } from 'vue'
import { data, type Schemas } from '@/shared/api/client'
import { keyFor } from '@/shared/api/idempotency'
import { api } from '../api'

export type VoucherCampaign = Schemas['VoucherCampaignWithCounts']
export type VoucherCampaignInput = Schemas['VoucherCampaignInput']
export type VoucherTree = Schemas['VoucherTree']
export type VoucherFlag = Schemas['VoucherFlag']
export type Generation = VoucherTree['generations'][number]

export function useVoucherCampaigns() {
  const items = shallowRef<VoucherCampaign[]>([])
  const next = ref<string | null>(null)
  const loading = ref(false)
  const error = ref<unknown>(null)

  async function load(more = false): Promise<void> {
    loading.value = true
    error.value = null
    try {
      const query = more && next.value ? { limit: 20, after: next.value } : { limit: 20 }
      const page = await data(api.GET('/admin/v1/voucher-campaigns', { params: { query } }))
      items.value = more ? [...items.value, ...page.items] : page.items
      next.value = page.next_cursor
    } catch (e) {
      error.value = e
    } finally {
      loading.value = false
    }
  }

  // One key per body: a double click or a retry creates once.
  const key = keyFor()
  // Throws the ApiError.
  async function create(input: VoucherCampaignInput): Promise<void> {
    await data(
      api.POST('/admin/v1/voucher-campaigns', { params: { header: { 'Idempotency-Key': key(input) } }, body: input }),
    )
    await load()
  }

  // Throws the ApiError.
  async function end(id: string): Promise<void> {
    const c = await data(api.POST('/admin/v1/voucher-campaigns/{id}/end', { params: { path: { id } } }))
    items.value = items.value.map((x) => (x.id === id ? { ...x, ...c, counts: x.counts } : x))
  }

  return { items, next, loading, error, load, create, end }
}

// One campaign (with its product's title) and its tree. Throws the ApiError;
// the tree alone answers 403 for staff and finance (it names customers).
export function loadCampaign(id: string) {
  return data(api.GET('/admin/v1/voucher-campaigns/{id}', { params: { path: { id } } }))
}
export function loadTree(id: string): Promise<VoucherTree> {
  return data(api.GET('/admin/v1/voucher-campaigns/{id}/tree', { params: { path: { id } } }))
}

export async function loadFlags(): Promise<VoucherFlag[]> {
  return (await data(api.GET('/admin/v1/voucher-flags'))).items
}

// Voids every voucher of a flag not voided yet; answers how many were
// voided with them (their friends' unused vouchers included). Throws the
// first ApiError.
export async function voidFlag(flag: VoucherFlag, reason: string): Promise<number> {
  let voided = 0
  for (const v of flag.vouchers) {
    if (v.voided_at) continue
    const r = await data(api.POST('/admin/v1/vouchers/{id}/void', { params: { path: { id: v.id } }, body: { reason } }))
    voided += r.voided
  }
  return voided
}
