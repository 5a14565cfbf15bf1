import { describe, expect, it } from 'vitest'
import { formatShopTime, shopDate, shopDateMinus, shopDayEnd, shopDayStart } from './shop-day'

describe('the shop day (Beijing time)', () => {
  it('starts at 16:00 UTC the day before', () => {
    expect(shopDayStart('2026-11-22')).toBe('2026-11-21T16:00:00Z')
    expect(shopDayEnd('2026-11-22')).toBe('2026-11-22T16:00:00Z')
    expect(shopDayStart('2026-01-01')).toBe('2025-12-31T16:00:00Z')
    expect(shopDayStart('2024-03-01')).toBe('2024-02-29T16:00:00Z')
  })
  it('refuses what is not a date', () => {
    expect(() => shopDayStart('2026-02-30')).toThrow(RangeError)
    expect(() => shopDayEnd('yesterday')).toThrow(RangeError)
  })
  it('turns UTC times into what a merchant in China reads', () => {
    expect(formatShopTime('2026-11-22T17:35:05.078Z')).toBe('2026-11-23 01:35')
    expect(formatShopTime('2026-11-22T15:59:59.000Z', true)).toBe('2026-11-22 23:59:59')
    expect(formatShopTime(null)).toBe('')
  })
  it('knows the shop date of a moment and counts days back', () => {
    expect(shopDate(Date.parse('2026-11-22T15:59:59Z'))).toBe('2026-11-22')
    expect(shopDate(Date.parse('2026-11-22T16:00:00Z'))).toBe('2026-11-23')
    expect(shopDateMinus('2026-03-01', 1)).toBe('2026-02-28')
    expect(shopDateMinus('2026-11-22', 29)).toBe('2026-10-24')
  })
})
