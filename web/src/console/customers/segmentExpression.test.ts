import { describe, expect, it } from 'vitest'
import {
  fromExpression,
  newAttrCondition,
  newGroup,
  newTagCondition,
  toExpression,
  type Expression,
} from './segmentExpression'

describe('the segment builder', () => {
  it('leaves out what is incomplete, so the count follows what is filled in', () => {
    const root = newGroup('and')
    const tag = newTagCondition()
    const spent = newAttrCondition('spent_total')
    root.children.push(tag, spent)
    expect(toExpression(root)).toBeNull()
    tag.tag = 'tag_1'
    expect(toExpression(root)).toEqual({ tag: 'tag_1' })
    spent.op = 'gte'
    spent.text = '100.5'
    expect(toExpression(root)).toEqual({
      and: [{ tag: 'tag_1' }, { attr: 'spent_total', op: 'gte', value: 10050 }],
    })
  })

  it('writes OR groups, negations, ranges, lists and relative days', () => {
    const root = newGroup('or')
    const stage = newAttrCondition('stage')
    stage.op = 'in'
    stage.list = ['first_purchase', 'repeat_buyer']
    const quiet = newAttrCondition('last_order_at')
    quiet.op = 'before_days'
    quiet.text = '90'
    quiet.negate = true
    const inner = newGroup('and')
    const orders = newAttrCondition('orders_count')
    orders.op = 'between'
    orders.from = '2'
    orders.to = '5'
    const joined = newAttrCondition('created_at')
    joined.op = 'between'
    joined.from = '2026-01-01'
    joined.to = '2026-06-30'
    inner.children.push(orders, joined)
    root.children.push(stage, quiet, inner)
    const e = toExpression(root)
    expect(e).toEqual({
      or: [
        { attr: 'stage', op: 'in', value: ['first_purchase', 'repeat_buyer'] },
        { not: { attr: 'last_order_at', op: 'before_days', value: 90 } },
        {
          and: [
            { attr: 'orders_count', op: 'between', value: [2, 5] },
            { attr: 'created_at', op: 'between', value: ['2026-01-01', '2026-06-30'] },
          ],
        },
      ],
    })
    // And back: the saved expression opens in the builder as it was made.
    expect(toExpression(fromExpression(e as Expression))).toEqual(e)
  })

  it('refuses malformed numbers and money', () => {
    const c = newAttrCondition('spent_total')
    c.op = 'gte'
    c.text = '12.345'
    expect(toExpression(c)).toBeNull()
    const n = newAttrCondition('orders_count')
    n.text = 'two'
    expect(toExpression(n)).toBeNull()
  })

  it('reads a saved money range back in yuan', () => {
    const g = fromExpression({ attr: 'spent_total', op: 'between', value: [10000, 50050] })
    const c = g.children[0]
    expect(c.kind === 'attr' && [c.from, c.to]).toEqual(['100', '500.5'])
  })
})
