// The store's pre-sales and fan votes: a pre-sale's page
// (GET /store/v1/{shop}/presales/{id}), registering interest, ordering in
// full or by deposit with the customer's default address, asking for the
// balance; a vote's page and casting a ballot.
import { data, type Schemas } from '@/shared/api/client'
import { api, shopSlug } from '../api'
import { newIdempotencyKey } from '../device'

export type StorePresale = Awaited<ReturnType<typeof loadPresale>>
export type StoreVote = Schemas['Vote']

export async function loadPresale(id: string) {
  return data(api.GET('/store/v1/{shop}/presales/{id}', { params: { path: { shop: shopSlug, id } } }))
}

export async function registerInterest(id: string, kind: 'like' | 'reservation') {
  return data(
    api.POST('/store/v1/{shop}/presales/{id}/interest', { params: { path: { shop: shopSlug, id } }, body: { kind } }),
  )
}

export async function placePresaleOrder(
  id: string,
  sku: string,
  payment: 'full' | 'deposit',
  buyer: Schemas['BuyerInput'],
): Promise<Schemas['PresalePlaced']> {
  const header = { 'Idempotency-Key': newIdempotencyKey() }
  return data(
    api.POST('/store/v1/{shop}/presales/{id}/orders', {
      params: { path: { shop: shopSlug, id }, header },
      body: { sku_id: sku, quantity: 1, payment, buyer },
    }),
  )
}

export async function payBalance(order: string): Promise<Schemas['PresalePlaced']> {
  const header = { 'Idempotency-Key': newIdempotencyKey() }
  return data(
    api.POST('/store/v1/{shop}/presale-orders/{id}/balance', { params: { path: { shop: shopSlug, id: order }, header } }),
  )
}

export async function loadVote(id: string) {
  return data(api.GET('/store/v1/{shop}/votes/{id}', { params: { path: { shop: shopSlug, id } } }))
}

export async function castBallot(id: string, candidate: string) {
  return data(
    api.POST('/store/v1/{shop}/votes/{id}/ballots', {
      params: { path: { shop: shopSlug, id } },
      body: { candidate_id: candidate },
    }),
  )
}
