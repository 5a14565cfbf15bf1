// One line for a buyer's shipping address, as the store and the console show
// it: "湖南省长沙市岳麓区 麓谷大道 8 号 410082" when the order has the address in
// parts (a municipality's city and a province-administered unit's district,
// which repeat the name above them, shown once), else "湖南 长沙市岳麓区 8 号".
export interface ShippingBuyer {
  region: string
  address: string
  province?: string
  city?: string
  district?: string
  postal_code?: string
}

export function shippingAddress(b: ShippingBuyer): string {
  if (!b.province) return `${b.region} ${b.address}`
  const city = b.city === b.province ? '' : (b.city ?? '')
  const district = b.district === b.city ? '' : (b.district ?? '')
  const postal = b.postal_code ? ` ${b.postal_code}` : ''
  return `${b.province}${city}${district} ${b.address}${postal}`
}
