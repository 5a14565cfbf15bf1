// Channel codes (渠道活码), link campaigns and the attribution window in the
// console: GET/POST/PATCH /admin/v1/growth/channels, its QR as PNG or SVG,
// GET/POST/PATCH /admin/v1/growth/campaigns, GET/PUT /admin/v1/growth/settings.
import { ref, shallowRef } from 'vue'
import { data, type Schemas } from '@/shared/api/client'
import { keyFor } from '@/shared/api/idempotency'
import { api } from '../api'
import { saveFile } from '../common/saveFile'

export type Channel = Schemas['ChannelCode']
export type ChannelInput = Schemas['ChannelCodeInput']
export type Campaign = Schemas['GrowthCampaign']
export type CampaignInput = Schemas['GrowthCampaignInput']
export type Figures = Schemas['GrowthFigures']

export const channelKinds = ['insert_card', 'article', 'store', 'event', 'other'] as const

// Spend per new customer it brought, in fen; null when it brought none yet.
export function costPerCustomer(spend: number, f: Figures): number | null {
  return f.new_customers > 0 ? Math.round(spend / f.new_customers) : null
}

export function useChannels() {
  const channels = shallowRef<Channel[]>([])
  const campaigns = shallowRef<Campaign[]>([])
  const windowDays = ref(7)
  const loading = ref(false)
  const error = ref<unknown>(null)

  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    try {
      const [c, g, s] = await Promise.all([
        data(api.GET('/admin/v1/growth/channels')),
        data(api.GET('/admin/v1/growth/campaigns')),
        data(api.GET('/admin/v1/growth/settings')),
      ])
      channels.value = c.items
      campaigns.value = g.items
      windowDays.value = s.window_days
    } catch (e) {
      error.value = e
    } finally {
      loading.value = false
    }
  }

  const channelKey = keyFor()
  async function createChannel(input: ChannelInput): Promise<Channel> {
    const made = await data(
      api.POST('/admin/v1/growth/channels', {
        params: { header: { 'Idempotency-Key': channelKey(input) } },
        body: input,
      }),
    )
    channels.value = [made, ...channels.value]
    return made
  }

  async function updateChannel(id: string, input: ChannelInput): Promise<void> {
    const c = await data(api.PATCH('/admin/v1/growth/channels/{id}', { params: { path: { id } }, body: input }))
    channels.value = channels.value.map((x) => (x.id === id ? c : x))
  }

  async function download(c: Channel, format: 'png' | 'svg'): Promise<void> {
    const file = await data(
      api.GET('/admin/v1/growth/channels/{id}/qr', {
        params: { path: { id: c.id }, query: { format, size: 1024 } },
        parseAs: 'blob',
      }),
    )
    saveFile(file as Blob, `${c.name}-${c.id}.${format}`)
  }

  const campaignKey = keyFor()
  async function createCampaign(input: CampaignInput): Promise<void> {
    const made = await data(
      api.POST('/admin/v1/growth/campaigns', {
        params: { header: { 'Idempotency-Key': campaignKey(input) } },
        body: input,
      }),
    )
    campaigns.value = [made, ...campaigns.value]
  }

  async function updateCampaign(id: string, input: CampaignInput): Promise<void> {
    const c = await data(api.PATCH('/admin/v1/growth/campaigns/{id}', { params: { path: { id } }, body: input }))
    campaigns.value = campaigns.value.map((x) => (x.id === id ? c : x))
  }

  async function saveWindow(days: number): Promise<void> {
    const s = await data(api.PUT('/admin/v1/growth/settings', { body: { window_days: days } }))
    windowDays.value = s.window_days
  }

  return {
    channels,
    campaigns,
    windowDays,
    loading,
    error,
    load,
    createChannel,
    updateChannel,
    download,
    createCampaign,
    updateCampaign,
    saveWindow,
  }
}
