import { describe, expect, it } from 'vitest'
import { fenToYuanInput, formatBp, formatFen, formatFenRange, parsePercentBp, parseYuan } from './money'

describe('formatFen', () => {
  it('moves the decimal point two digits left', () => {
    expect(formatFen(1490)).toBe('¥14.90')
    expect(formatFen(16800)).toBe('¥168.00')
  })
  it('pads amounts under one yuan', () => {
    expect(formatFen(0)).toBe('¥0.00')
    expect(formatFen(5)).toBe('¥0.05')
    expect(formatFen(29)).toBe('¥0.29')
    expect(formatFen(100)).toBe('¥1.00')
  })
  it('groups thousands of yuan', () => {
    expect(formatFen(123450)).toBe('¥1,234.50')
    expect(formatFen(10_000_000_000)).toBe('¥100,000,000.00')
  })
  it('keeps exact cents where floating point would not', () => {
    // 0.1 + 0.2 style traps: 1.005 yuan and friends never exist as floats here.
    expect(formatFen(100_5)).toBe('¥10.05')
    expect(formatFen(9_007_199_254_740_991)).toBe('¥90,071,992,547,409.91')
  })
  it('signs negative amounts (refunds) before the currency', () => {
    expect(formatFen(-5)).toBe('-¥0.05')
    expect(formatFen(-123456)).toBe('-¥1,234.56')
  })
  it('refuses what is not a whole number of fen', () => {
    expect(() => formatFen(14.9)).toThrow(RangeError)
    expect(() => formatFen(Number.NaN)).toThrow(RangeError)
    expect(() => formatFen(2 ** 53)).toThrow(RangeError)
  })
})

describe('formatFenRange', () => {
  it('shows one price when the options cost the same', () => {
    expect(formatFenRange(16800, 16800)).toBe('¥168.00')
  })
  it('shows the span otherwise', () => {
    expect(formatFenRange(1490, 2790)).toBe('¥14.90–¥27.90')
  })
})

describe('parseYuan', () => {
  it('reads yuan as typed into whole fen', () => {
    expect(parseYuan('14.9')).toBe(1490)
    expect(parseYuan('14.90')).toBe(1490)
    expect(parseYuan(' 0.05 ')).toBe(5)
    expect(parseYuan('168')).toBe(16800)
    expect(parseYuan('¥1,234.5')).toBe(123450)
    expect(parseYuan('007.10')).toBe(710)
  })
  it('never goes through floating point', () => {
    // 0.29 * 100 is 28.999999999999996 in floating point.
    expect(parseYuan('0.29')).toBe(29)
    expect(parseYuan('1.005')).toBeNull()
    expect(parseYuan('100000000.00')).toBe(10_000_000_000)
  })
  it('refuses what is not an amount', () => {
    for (const bad of ['', '.5', '1.', '-1', '1e3', 'abc', '1,23', '100000000.01', '9999999999']) {
      expect(parseYuan(bad), bad).toBeNull()
    }
  })
  it('round-trips what fenToYuanInput shows', () => {
    for (const fen of [0, 5, 29, 1490, 123450, 10_000_000_000]) {
      expect(parseYuan(fenToYuanInput(fen))).toBe(fen)
    }
    expect(fenToYuanInput(123450)).toBe('1234.50')
  })
})

describe('percent rates', () => {
  it('reads a percent into basis points', () => {
    expect(parsePercentBp('15')).toBe(1500)
    expect(parsePercentBp('8.25')).toBe(825)
    expect(parsePercentBp('0.5 %')).toBe(50)
    expect(parsePercentBp('100')).toBe(10_000)
    expect(parsePercentBp('100.01')).toBeNull()
    expect(parsePercentBp('8.255')).toBeNull()
    expect(parsePercentBp('-5')).toBeNull()
  })
  it('shows basis points as a percent', () => {
    expect(formatBp(1500)).toBe('15%')
    expect(formatBp(825)).toBe('8.25%')
    expect(formatBp(50)).toBe('0.5%')
    expect(formatBp(9000)).toBe('90%')
    expect(formatBp(0)).toBe('0%')
  })
})
