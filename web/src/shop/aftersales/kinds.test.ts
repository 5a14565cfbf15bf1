import { describe, expect, it } from 'vitest'
import { kindsFor, lineOffers } from './kinds'

const all = { no_reason_7d: true, quality_return: true, exchange: true, refund_only: true }
const noExchange = { ...all, exchange: false }
const refundOnly = { no_reason_7d: false, quality_return: false, exchange: false, refund_only: true }

describe('kindsFor', () => {
  it('offers what some line offers', () => {
    expect(kindsFor('received', [{ aftersales: noExchange }])).toEqual([
      'no_reason_return',
      'quality_return',
      'refund_only',
    ])
    expect(kindsFor('shipped', [{ aftersales: refundOnly }, { aftersales: noExchange }])).toHaveLength(3)
  })
  it('offers only a refund before the parcel leaves', () => {
    expect(kindsFor('paid', [{ aftersales: all }])).toEqual(['refund_only'])
  })
  it('offers nothing the product did not promise', () => {
    const none = { ...refundOnly, refund_only: false }
    expect(kindsFor('received', [{ aftersales: none }])).toEqual([])
  })
})

describe('lineOffers', () => {
  it('reads the line flag of the kind', () => {
    expect(lineOffers({ aftersales: noExchange }, 'exchange')).toBe(false)
    expect(lineOffers({ aftersales: noExchange }, 'no_reason_return')).toBe(true)
  })
})
