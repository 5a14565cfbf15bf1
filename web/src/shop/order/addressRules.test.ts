import { describe, expect, it } from 'vitest'
import { addressProblem, normalisePhone, utf8Length, validPhone } from './addressRules'

const ok = { name: '李娜', phone: '138 0013 8001', region: '湖南', address: '长沙市岳麓区 8 号', note: '' }

describe('validPhone', () => {
  it('takes mainland mobile numbers as people type them', () => {
    expect(validPhone('13800138001')).toBe(true)
    expect(validPhone('138-0013-8001')).toBe(true)
    expect(normalisePhone('138 0013 8001')).toBe('13800138001')
  })
  it('refuses others', () => {
    expect(validPhone('1380013800')).toBe(false)
    expect(validPhone('23800138001')).toBe(false)
    expect(validPhone('12800138001')).toBe(false)
    expect(validPhone('1380013800a')).toBe(false)
  })
})

describe('addressProblem', () => {
  it('passes a whole address', () => {
    expect(addressProblem(ok)).toBeNull()
  })
  it('names the first problem', () => {
    expect(addressProblem({ ...ok, name: ' ' })).toBe('nameRequired')
    expect(addressProblem({ ...ok, phone: '123' })).toBe('phoneInvalid')
    expect(addressProblem({ ...ok, region: '' })).toBe('regionRequired')
    expect(addressProblem({ ...ok, address: '长沙' })).toBe('addressTooShort')
    expect(addressProblem({ ...ok, note: '备'.repeat(101) })).toBe('noteTooLong')
  })
  it('counts limits in UTF-8 bytes, as the engine does', () => {
    expect(utf8Length('长沙')).toBe(6)
    expect(addressProblem({ ...ok, name: '李'.repeat(17) })).toBe('nameTooLong')
    expect(addressProblem({ ...ok, name: '李'.repeat(16) })).toBeNull()
  })
})
