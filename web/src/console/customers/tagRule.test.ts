import { describe, expect, it } from 'vitest'
import { emptyRuleForm, fromRule, toRule } from './tagRule'

describe('a rule tag’s form', () => {
  it('writes each kind’s fields, money in fen', () => {
    const f = emptyRuleForm()
    expect(toRule(f)).toBeNull() // no amount yet
    f.amountYuan = '1000'
    expect(toRule(f)).toEqual({ kind: 'spent_over', amount: 100000 })
    f.kind = 'rfm_band'
    expect(toRule(f)).toEqual({ kind: 'rfm_band', r: { min: 4, max: 5 }, f: { min: 4, max: 5 }, m: { min: 4, max: 5 } })
    f.r = { min: 5, max: 3 }
    expect(toRule(f)).toBeNull()
    f.kind = 'bought_product'
    f.productId = 'not an id'
    expect(toRule(f)).toBeNull()
    f.productId = 'prd_2k9x3'
    expect(toRule(f)).toEqual({ kind: 'bought_product', product_id: 'prd_2k9x3' })
  })

  it('opens a saved rule as it was saved', () => {
    for (const rule of [
      { kind: 'spent_over', amount: 12345 },
      { kind: 'no_order_for_days', days: 60 },
      { kind: 'age_stage', field: 'birth_date', min_years: 26, max_years: 35 },
      { kind: 'stage_is', stage: 'first_purchase' },
    ]) {
      expect(toRule(fromRule(rule))).toEqual(rule)
    }
  })
})
