import { describe, expect, it } from 'vitest'
import { toChartTree, type TreeNode } from './tree'

const node = (id: string, giver: string | null, generation: number, name: string): TreeNode => ({
  customer_id: id,
  giver_id: giver,
  generation,
  name,
  paid: true,
  issued: 3,
  redeemed: 0,
})

describe('toChartTree', () => {
  it('hangs the seeds from the campaign and each friend from their giver', () => {
    const root = toChartTree('体验券', [
      node('cus_a', null, 0, '李娜'),
      node('cus_b', null, 0, '王芳'),
      node('cus_c', 'cus_a', 1, '周敏'),
      node('cus_d', 'cus_c', 2, '陈晨'),
      node('cus_e', 'cus_a', 1, '赵雷'),
    ])
    expect(root.name).toBe('体验券')
    expect(root.children.map((c) => c.name)).toEqual(['李娜', '王芳'])
    const [ann, bob] = root.children
    expect(ann!.children.map((c) => c.name)).toEqual(['周敏', '赵雷'])
    expect(ann!.children[0]!.children.map((c) => [c.name, c.value])).toEqual([['陈晨', 2]])
    expect(bob!.children).toEqual([])
  })

  it('hangs a friend whose giver was cut off the list from the root', () => {
    const root = toChartTree('体验券', [node('cus_c', 'cus_gone', 1, '周敏')])
    expect(root.children.map((c) => c.name)).toEqual(['周敏'])
  })
})
