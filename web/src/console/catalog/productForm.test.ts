import { describe, expect, it } from 'vitest'
import { emptyForm, formOf, inputOf, type Product, type ProductForm } from './productForm'
import { regenerate } from './skuMatrix'

function twoSpecForm(): ProductForm {
  const form = emptyForm()
  form.title = '麻辣鸭脖'
  form.specOptions = [
    { name: '规格', values: ['3只装', '6只装'] },
    { name: '口味', values: ['微辣', '特辣'] },
  ]
  form.skus = regenerate(form.specOptions, [], []).map((s, i) => ({
    ...s,
    price: ['19.9', '19.90', '35.9', '35.90'][i],
    stock: String(10 * i),
  }))
  return form
}

describe('inputOf', () => {
  it('sends prices in fen and one SKU per combination', () => {
    const out = inputOf(twoSpecForm())
    if (!('body' in out)) throw new Error(JSON.stringify(out.problems))
    expect(out.body.skus).toEqual([
      { spec_values: ['3只装', '微辣'], price: 1990, stock: 0 },
      { spec_values: ['3只装', '特辣'], price: 1990, stock: 10 },
      { spec_values: ['6只装', '微辣'], price: 3590, stock: 20 },
      { spec_values: ['6只装', '特辣'], price: 3590, stock: 30 },
    ])
    expect(out.body.category_id).toBe('')
    expect(out.body.main_image_id).toBe('')
  })
  it('names the SKU whose price is wrong', () => {
    const form = twoSpecForm()
    form.skus[3].price = '35.999'
    form.skus[1].listPrice = 'abc'
    const out = inputOf(form)
    expect('problems' in out && out.problems).toEqual([
      { key: 'badListPrice', sku: '规格: 3只装; 口味: 特辣' },
      { key: 'badPrice', sku: '规格: 6只装; 口味: 特辣' },
    ])
  })
  it('refuses a missing title, a zero price, bad stock and repeated barcodes', () => {
    const form = twoSpecForm()
    form.title = '  '
    form.skus[0].price = '0'
    form.skus[0].stock = '1.5'
    form.skus[1].barcode = '690001'
    form.skus[2].barcode = '690001'
    const out = inputOf(form)
    expect('problems' in out && out.problems.map((p) => p.key)).toEqual([
      'titleRequired',
      'badPrice',
      'badStock',
      'barcodeRepeated',
    ])
  })
  it('counts the title in bytes as the engine does', () => {
    const form = twoSpecForm()
    form.title = '鸭'.repeat(67) // 201 bytes
    expect('problems' in inputOf(form)).toBe(true)
    form.title = '鸭'.repeat(66)
    expect('body' in inputOf(form)).toBe(true)
  })
})

describe('formOf', () => {
  it('shows a saved product’s live SKUs in yuan', () => {
    const product = {
      id: 'prd_1',
      title: '剁椒鱼头酱',
      subtitle: '下饭神器',
      description: '',
      category_id: null,
      main_image: null,
      detail_images: [],
      consumption_cycle_days: 30,
      aftersales: { no_reason_7d: true, quality_return: true, exchange: false, refund_only: true },
      spec_options: [{ name: '规格', values: ['200g'] }],
      status: 'on_sale',
      skus: [
        { id: 'sku_1', spec_values: ['200g'], spec_text: '规格: 200g', price: 1490, list_price: 1990, stock: 80, barcode: null, status: 'on_sale' },
        { id: 'sku_2', spec_values: ['400g'], spec_text: '规格: 400g', price: 2790, list_price: null, stock: 0, barcode: null, status: 'off_sale' },
      ],
      created_at: '2026-11-22T17:35:04.586Z',
      updated_at: '2026-11-22T17:35:04.586Z',
    } satisfies Product
    const form = formOf(product)
    expect(form.skus).toEqual([
      { id: 'sku_1', specValues: ['200g'], price: '14.90', listPrice: '19.90', stock: '80', barcode: '' },
    ])
    expect(form.categoryId).toBe('')
  })
})
