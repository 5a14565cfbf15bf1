// The signed-in customer's profile (GET/PATCH /store/v1/{shop}/me) and
// address book (/store/v1/{shop}/me/addresses).
import { ref, shallowRef } from 'vue'
import { data, type Schemas } from '@/shared/api/client'
import { api, shopSlug } from '../api'
import { newIdempotencyKey } from '../device'

export type SavedAddress = Schemas['CustomerAddress']
export type AddressInput = Schemas['CustomerAddressInput']
export interface ProfileChange {
  display_name?: string
  gender?: Schemas['Gender']
  birthday?: string
  province?: string
  city?: string
  district?: string
}

const shop = { shop: shopSlug }

export function useProfile() {
  const me = shallowRef<Schemas['CustomerMe'] | null>(null)
  async function load(): Promise<void> {
    me.value = await data(api.GET('/store/v1/{shop}/me', { params: { path: shop } }))
  }
  async function save(change: ProfileChange): Promise<void> {
    me.value = await data(api.PATCH('/store/v1/{shop}/me', { params: { path: shop }, body: change }))
  }
  return { me, load, save }
}

export function useAddressBook() {
  const addresses = shallowRef<SavedAddress[]>([])
  const loaded = ref(false)
  async function load(): Promise<void> {
    const page = await data(api.GET('/store/v1/{shop}/me/addresses', { params: { path: shop } }))
    addresses.value = page.items
    loaded.value = true
  }
  async function add(input: AddressInput): Promise<void> {
    await data(
      api.POST('/store/v1/{shop}/me/addresses', {
        params: { path: shop, header: { 'Idempotency-Key': newIdempotencyKey() } },
        body: input,
      }),
    )
    await load()
  }
  async function update(id: string, input: AddressInput): Promise<void> {
    await data(api.PATCH('/store/v1/{shop}/me/addresses/{id}', { params: { path: { ...shop, id } }, body: input }))
    await load()
  }
  async function remove(id: string): Promise<void> {
    await data(api.DELETE('/store/v1/{shop}/me/addresses/{id}', { params: { path: { ...shop, id } } }))
    await load()
  }
  return { addresses, loaded, load, add, update, remove }
}

// 湖南省 长沙市 岳麓区 麓山南路 1 号
export function addressLine(a: SavedAddress): string {
  return [a.province, a.city === a.province ? '' : a.city, a.district, a.address].filter(Boolean).join(' ')
}
