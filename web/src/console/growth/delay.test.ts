import { describe, expect, it } from 'vitest'
import { parseDelay } from './delay'

describe('parseDelay', () => {
  it('reads weights separated by commas, Chinese commas or spaces', () => {
    expect(parseDelay('0.5,0.3,0.2')).toEqual([0.5, 0.3, 0.2])
    expect(parseDelay(' 1， 1  2 ')).toEqual([1, 1, 2])
    expect(parseDelay('0,1')).toEqual([0, 1])
  })
  it('refuses what the engine would', () => {
    expect(parseDelay('')).toBeNull()
    expect(parseDelay('0,0')).toBeNull()
    expect(parseDelay('0.5,-0.1')).toBeNull()
    expect(parseDelay('0.5,x')).toBeNull()
    expect(parseDelay(Array(31).fill('1').join(','))).toBeNull()
    expect(parseDelay(Array(30).fill('1').join(','))).toHaveLength(30)
  })
})
