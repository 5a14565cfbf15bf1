import { describe, expect, it } from 'vitest'
import { shippingAddress } from './shippingAddress'

describe('shippingAddress', () => {
  it('joins the parts, each division once', () => {
    expect(shippingAddress({ region: '湖南省', address: '麓谷大道 8 号', province: '湖南省', city: '长沙市', district: '岳麓区', postal_code: '410082' }))
      .toBe('湖南省长沙市岳麓区 麓谷大道 8 号 410082')
    expect(shippingAddress({ region: '上海市', address: '漕溪北路 88 号', province: '上海市', city: '上海市', district: '徐汇区', postal_code: '' }))
      .toBe('上海市徐汇区 漕溪北路 88 号')
  })
  it('keeps older orders as they were written', () => {
    expect(shippingAddress({ region: '湖南', address: '长沙市岳麓区 8 号', province: '' })).toBe('湖南 长沙市岳麓区 8 号')
  })
})
