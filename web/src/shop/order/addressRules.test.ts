import { describe, expect, it } from 'vitest'
import { addressProblem, fieldsToCheck, normalisePhone, regionText, utf8Length, validPhone } from './addressRules'

const ok = {
  name: '李娜', phone: '138 0013 8001', province: '湖南省', city: '长沙市', district: '岳麓区',
  address: '麓谷大道 8 号', postal_code: '', note: '',
}

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
    expect(addressProblem({ ...ok, province: '' })).toBe('regionRequired')
    expect(addressProblem({ ...ok, city: '' })).toBe('regionRequired')
    expect(addressProblem({ ...ok, address: '8' })).toBe('addressTooShort')
    expect(addressProblem({ ...ok, postal_code: '41008' })).toBe('postalInvalid')
    expect(addressProblem({ ...ok, postal_code: '410082' })).toBeNull()
    expect(addressProblem({ ...ok, note: '备'.repeat(101) })).toBe('noteTooLong')
  })
  it('counts limits in UTF-8 bytes, as the engine does', () => {
    expect(utf8Length('长沙')).toBe(6)
    expect(addressProblem({ ...ok, name: '李'.repeat(17) })).toBe('nameTooLong')
    expect(addressProblem({ ...ok, name: '李'.repeat(16) })).toBeNull()
  })
})

describe('fieldsToCheck', () => {
  it('maps what the parser is unsure of to the fields to highlight', () => {
    expect([...fieldsToCheck(['city_inferred', 'province_inferred', 'name_unsure'])].sort()).toEqual(['name', 'region'])
    expect(fieldsToCheck(['phone_missing', 'remark_dropped', 'not_a_flag'])).toEqual(new Set(['phone', 'address']))
  })
})

describe('regionText', () => {
  it('shows a municipality and a province-administered unit once', () => {
    expect(regionText({ province: '广东省', city: '深圳市', district: '南山区' })).toBe('广东省 / 深圳市 / 南山区')
    expect(regionText({ province: '上海市', city: '上海市', district: '徐汇区' })).toBe('上海市 / 徐汇区')
    expect(regionText({ province: '河南省', city: '济源市', district: '济源市' })).toBe('河南省 / 济源市')
    expect(regionText({ province: '', city: '', district: '' })).toBe('')
  })
})
