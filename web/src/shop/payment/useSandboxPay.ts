// Paying an order through the sandbox provider, the stand-in for WeChat
// Pay: the store starts a payment (POST …/pay) and the sandbox's gateway
// completes it — or, when asked, declines it, as WeChat Pay declines a
// payment the buyer's balance cannot cover. A declined or cancelled payment
// leaves the order waiting: paying again works until its deadline.
import { data } from '@/shared/api/client'
import { api, shopSlug } from '../api'
import { visitorId } from '../share/attribution'

export type PayOutcome = 'paid' | 'declined'

export async function payInSandbox(token: string, outcome: PayOutcome): Promise<void> {
  const payment = await data(
    api.POST('/store/v1/{shop}/orders/{token}/pay', {
      params: { path: { shop: shopSlug, token } },
      body: { provider: 'sandbox' },
    }),
  )
  await data(
    api.POST('/sandbox/v1/{shop}/payments/{id}/complete', {
      params: { path: { shop: shopSlug, id: payment.id } },
      // The sandbox's paying account is the device's, as a WeChat account is the phone's.
      body: { outcome, payer: `sandbox-${visitorId()}` },
    }),
  )
}
