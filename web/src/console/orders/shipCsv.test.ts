import { describe, expect, it } from 'vitest'
import { batchBody, decodeCsv, readCsv, shipRows } from './shipCsv'

describe('readCsv', () => {
  it('reads rows with their line numbers, skipping blank lines', () => {
    const text = 'order_id,carrier,tracking_no\r\nord_1,顺丰速运,SF1\r\n\r\nord_2, 中通快递 ,ZT2\n'
    expect(readCsv(text)).toEqual([
      { line: 1, fields: ['order_id', 'carrier', 'tracking_no'] },
      { line: 2, fields: ['ord_1', '顺丰速运', 'SF1'] },
      { line: 4, fields: ['ord_2', '中通快递', 'ZT2'] },
    ])
  })
  it('reads quoted fields, doubled quotes and line breaks inside quotes', () => {
    const text = 'ord_1,"顺丰, 速运","SF""1"\nord_2,"中通\n快递",ZT2'
    expect(readCsv(text)).toEqual([
      { line: 1, fields: ['ord_1', '顺丰, 速运', 'SF"1'] },
      { line: 2, fields: ['ord_2', '中通\n快递', 'ZT2'] },
    ])
  })
})

describe('shipRows', () => {
  it('drops a header and the columns past the third', () => {
    const rows = shipRows(readCsv('订单号,快递公司,快递单号,收货人\nord_1,顺丰速运,SF1,李娜\n'))
    expect(rows).toEqual([{ line: 2, fields: ['ord_1', '顺丰速运', 'SF1'] }])
  })
  it('keeps a first row that is an order', () => {
    expect(shipRows(readCsv('ord_1,顺丰速运,SF1\nbad row\n')).map((r) => r.line)).toEqual([1, 2])
  })
})

describe('batchBody', () => {
  it('puts the header first, so row n of the answer is rows[n - 2]', () => {
    const rows = shipRows(readCsv('ord_1,"顺丰,速运",SF1\n'))
    expect(batchBody(rows)).toBe('order_id,carrier,tracking_no\nord_1,"顺丰,速运",SF1\n')
  })
})

describe('decodeCsv', () => {
  it('reads UTF-8 with a byte-order mark, and GBK', () => {
    const utf8 = new TextEncoder().encode('\uFEFFord_1,顺丰速运,SF1')
    expect(decodeCsv(utf8.buffer as ArrayBuffer)).toBe('ord_1,顺丰速运,SF1')
    // 顺丰 in GBK: cb b3 b7 e1
    const gbk = new Uint8Array([0x6f, 0x2c, 0xcb, 0xb3, 0xb7, 0xe1])
    expect(decodeCsv(gbk.buffer)).toBe('o,顺丰')
  })
})
