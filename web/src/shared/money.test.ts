import { describe, expect, it } from 'vitest'
import { fenToYuanInput, formatFen, formatFenRange, parseYuan } from './money'

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
  it('reads yuan with up to two decimals as whole fen', () => {
    expect(parseYuan('14.9')).toBe(1490)
    expect(parseYuan('14.90')).toBe(1490)
    expect(parseYuan('14')).toBe(1400)
    expect(parseYuan('0.05')).toBe(5)
    expect(parseYuan(' ¥1,234.56 ')).toBe(123456)
    expect(parseYuan('0')).toBe(0)
  })
  it('keeps exact fen where floating point would not', () => {
    // 1.13 * 100 is 112.99999999999999 in floating point.
    expect(parseYuan('1.13')).toBe(113)
    expect(parseYuan('4.35')).toBe(435)
    expect(parseYuan('100000000')).toBe(10_000_000_000)
  })
  it('refuses what is not an amount', () => {
    for (const bad of ['', ' ', '-1', '1.234', 'abc', '1e3', '.5', '1.', '100000000.01', '0x10']) {
      expect(parseYuan(bad)).toBeNull()
    }
  })
})

describe('fenToYuanInput', () => {
  it('is what parseYuan reads back', () => {
    for (const fen of [0, 5, 1490, 123456, 10_000_000_000]) {
      expect(parseYuan(fenToYuanInput(fen))).toBe(fen)
    }
    expect(fenToYuanInput(123456)).toBe('1234.56')
  })
})
