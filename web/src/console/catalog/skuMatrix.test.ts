import { describe, expect, it } from 'vitest'
import { combinationCount, combinations, regenerate, withValues, type SkuDraft } from './skuMatrix'

const size = { name: '规格', values: ['3只装', '6只装'] }
const taste = { name: '口味', values: ['微辣', '特辣'] }
const row = (specValues: string[], price: string, stock = '', barcode = ''): SkuDraft => ({
  specValues,
  price,
  listPrice: '',
  stock,
  barcode,
})

describe('combinations', () => {
  it('is the cartesian product, first option slowest', () => {
    expect(combinations([size, taste])).toEqual([
      ['3只装', '微辣'],
      ['3只装', '特辣'],
      ['6只装', '微辣'],
      ['6只装', '特辣'],
    ])
    expect(combinationCount([size, taste, { name: 'x', values: ['a', 'b', 'c'] }])).toBe(12)
  })
  it('is one empty combination without options, none with an empty option', () => {
    expect(combinations([])).toEqual([[]])
    expect(combinations([{ name: '规格', values: [] }])).toEqual([])
  })
})

describe('regenerate', () => {
  it('keeps the rows of combinations that survive', () => {
    const before = [row(['3只装'], '19.90', '100', '690001'), row(['6只装'], '35.90', '5')]
    const after = regenerate(
      [{ name: '规格', values: ['3只装', '12只装'] }],
      [size],
      before,
    )
    expect(after).toEqual([row(['3只装'], '19.90', '100', '690001'), row(['12只装'], '')])
  })
  it('keeps the engine’s SKU id with a surviving row', () => {
    const before = [{ ...row(['3只装'], '19.90'), id: 'sku_1' }]
    expect(regenerate([size], [size], before)[0].id).toBe('sku_1')
  })
  it('starts the combinations of an added dimension from the old row’s prices only', () => {
    const before = [row(['3只装'], '19.90', '100', '690001'), row(['6只装'], '35.90', '5')]
    const after = regenerate([size, taste], [size], before)
    expect(after.map((r) => [r.specValues.join('/'), r.price, r.stock, r.barcode])).toEqual([
      ['3只装/微辣', '19.90', '', ''],
      ['3只装/特辣', '19.90', '', ''],
      ['6只装/微辣', '35.90', '', ''],
      ['6只装/特辣', '35.90', '', ''],
    ])
  })
  it('carries prices when a dimension is removed', () => {
    const before = regenerate([size, taste], [], []).map((r, i) => ({ ...r, price: String(10 + i) }))
    const after = regenerate([taste], [size, taste], before)
    expect(after.map((r) => [r.specValues[0], r.price])).toEqual([
      ['微辣', '10'],
      ['特辣', '11'],
    ])
  })
  it('makes one SKU for a product without specs, from the prices of the last row', () => {
    expect(regenerate([], [size], [row(['3只装'], '19.90', '5')])).toEqual([row([], '19.90')])
    expect(regenerate([], [size], [row(['3只装'], '19.90'), row(['6只装'], '35.90')])).toEqual([row([], '')])
  })
  it('gives the first spec’s combinations the price typed before there were specs', () => {
    const after = regenerate([size], [], [row([], '19.90', '100', '690001')])
    expect(after).toEqual([row(['3只装'], '19.90'), row(['6只装'], '19.90')])
  })
  it('ignores a dimension that has no values yet', () => {
    const options = withValues([size, { name: '口味', values: [] }])
    expect(regenerate(options, [size], [row(['3只装'], '19.90', '7')])[0]).toEqual(row(['3只装'], '19.90', '7'))
  })
})
