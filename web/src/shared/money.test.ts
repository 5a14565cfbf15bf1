import { describe, expect, it } from 'vitest'
import { formatFen, formatFenRange } from './money'

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
