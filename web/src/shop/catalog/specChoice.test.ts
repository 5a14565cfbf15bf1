import { describe, expect, it } from 'vitest'
import { initialChoice, matchingSku, toggleValue, valueState } from './specChoice'

// Two options: colour × size; red/L sold out, blue/S not sold at all.
const skus = [
  { id: 'a', spec_values: ['red', 'S'], sold_out: false },
  { id: 'b', spec_values: ['red', 'L'], sold_out: true },
  { id: 'c', spec_values: ['blue', 'L'], sold_out: false },
]

describe('matchingSku', () => {
  it('names the SKU once every option is chosen', () => {
    expect(matchingSku(skus, ['red', 'S'])?.id).toBe('a')
    expect(matchingSku(skus, ['red', 'L'])?.id).toBe('b')
  })
  it('is null while an option is open or the combination is not sold', () => {
    expect(matchingSku(skus, ['red', null])).toBeNull()
    expect(matchingSku(skus, ['blue', 'S'])).toBeNull()
  })
})

describe('valueState', () => {
  it('looks at the other options chosen', () => {
    expect(valueState(skus, ['red', null], 1, 'S')).toBe('available')
    expect(valueState(skus, ['red', null], 1, 'L')).toBe('sold_out')
    expect(valueState(skus, ['blue', null], 1, 'S')).toBe('none')
    expect(valueState(skus, ['blue', null], 1, 'L')).toBe('available')
  })
  it('with nothing chosen, a value is available while any SKU with it is', () => {
    expect(valueState(skus, [null, null], 1, 'L')).toBe('available')
    expect(valueState(skus, [null, null], 0, 'red')).toBe('available')
    expect(valueState([skus[1]], [null, null], 0, 'red')).toBe('sold_out')
  })
})

describe('toggleValue', () => {
  it('picks, and drops when picked again', () => {
    expect(toggleValue(skus, [null, null], 0, 'red')).toEqual(['red', null])
    expect(toggleValue(skus, ['red', null], 0, 'red')).toEqual([null, null])
  })
  it('refuses a sold-out or unsold combination', () => {
    const chosen = ['red', null]
    expect(toggleValue(skus, chosen, 1, 'L')).toBe(chosen)
    expect(toggleValue(skus, ['blue', null], 1, 'S')).toEqual(['blue', null])
  })
})

describe('initialChoice', () => {
  it('picks options that have one value', () => {
    expect(initialChoice([{ values: ['500ml'] }, { values: ['a', 'b'] }])).toEqual(['500ml', null])
  })
})
