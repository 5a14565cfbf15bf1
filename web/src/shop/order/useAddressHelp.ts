// The engine's help with the address: the province -> city -> district tree
// of the picker (GET /store/v1/{shop}/address/regions, fetched once per page
// and cached by the browser for a day) and the parse of a pasted address
// (POST /store/v1/{shop}/address/parse).
import { shallowRef } from 'vue'
import { data, type Schemas } from '@/shared/api/client'
import { api, shopSlug } from '../api'

// An option of Vant's Cascader.
export interface RegionOption {
  text: string
  value: string
  children?: RegionOption[]
}

function toOption(r: Schemas['Region']): RegionOption {
  return r.children?.length
    ? { text: r.name, value: r.name, children: r.children.map(toOption) }
    : { text: r.name, value: r.name }
}

export function useAddressHelp() {
  const path = { params: { path: { shop: shopSlug } } }
  const regions = shallowRef<RegionOption[]>([])

  async function loadRegions(): Promise<void> {
    if (regions.value.length > 0) return
    const tree = await data(api.GET('/store/v1/{shop}/address/regions', path))
    regions.value = tree.regions.map(toOption)
  }

  // The fields of `text`, or throws the ApiError (address.empty, address.too_long).
  function parse(text: string): Promise<Schemas['ParsedAddress']> {
    return data(api.POST('/store/v1/{shop}/address/parse', { ...path, body: { text } }))
  }

  return { regions, loadRegions, parse }
}
