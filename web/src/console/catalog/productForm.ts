// A product as the console's form holds it (text as typed), made from the
// engine's Product and turned back into the body of POST or PUT
// /admin/v1/products, checking on the way what the engine would refuse, so a
// merchant hears about a bad price before anything is sent. Pure functions.
import type { Schemas } from '../../shared/api/client'
// Relative, so the unit tests (vitest, no aliases) load it.
import { fenToYuanInput, parseYuan } from '../../shared/money'
import { combinationCount, specLabel, type SkuDraft, type SpecOptionDraft } from './skuMatrix'

export type Product = Schemas['Product']
export type ProductInput = Schemas['ProductInput']
export type ImageRef = Schemas['ImageRef']
export type AftersalesPolicy = Schemas['AftersalesPolicy']

// The engine's limits (src/modules/catalog/product.h); byte lengths, a
// Chinese character taking 3 bytes.
export const kLimits = {
  titleBytes: 200,
  subtitleBytes: 300,
  descriptionBytes: 20_000,
  specTextBytes: 60,
  barcodeBytes: 64,
  specDimensions: 3,
  specValues: 20,
  skus: 100,
  // The engine takes 9; a micro-store shows 4–6 detail pictures best.
  detailImages: 6,
  cycleDays: 365,
  stock: 100_000_000,
} as const

export interface ProductForm {
  title: string
  subtitle: string
  description: string
  categoryId: string
  mainImage: ImageRef | null
  detailImages: ImageRef[]
  consumptionCycleDays: number
  aftersales: AftersalesPolicy
  specOptions: SpecOptionDraft[]
  skus: SkuDraft[]
}

export function emptyForm(): ProductForm {
  return {
    title: '',
    subtitle: '',
    description: '',
    categoryId: '',
    mainImage: null,
    detailImages: [],
    consumptionCycleDays: 0,
    aftersales: { no_reason_7d: true, quality_return: true, exchange: true, refund_only: true },
    specOptions: [],
    skus: [{ specValues: [], price: '', listPrice: '', stock: '', barcode: '' }],
  }
}

// The form for a saved product: its live SKUs (removed ones are history).
export function formOf(p: Product): ProductForm {
  return {
    title: p.title,
    subtitle: p.subtitle,
    description: p.description,
    categoryId: p.category_id ?? '',
    mainImage: p.main_image ?? null,
    detailImages: [...p.detail_images],
    consumptionCycleDays: p.consumption_cycle_days,
    aftersales: { ...p.aftersales },
    specOptions: p.spec_options.map((o) => ({ name: o.name, values: [...o.values] })),
    skus: p.skus
      .filter((s) => s.status === 'on_sale')
      .map((s) => ({
        id: s.id,
        specValues: [...s.spec_values],
        price: fenToYuanInput(s.price),
        listPrice: s.list_price === null ? '' : fenToYuanInput(s.list_price),
        stock: String(s.stock),
        barcode: s.barcode ?? '',
      })),
  }
}

// A problem with the form: the message's key under `product.invalid` and
// its values; `sku` names the SKU row it is about.
export interface FormProblem {
  key: string
  values?: Record<string, string | number>
  sku?: string
}

const bytes = (s: string) => new TextEncoder().encode(s).length

// The request body, or the problems that keep it from being sent.
export function inputOf(form: ProductForm): { body: ProductInput } | { problems: FormProblem[] } {
  const problems: FormProblem[] = []
  const title = form.title.trim()
  if (!title) problems.push({ key: 'titleRequired' })
  else if (bytes(title) > kLimits.titleBytes) problems.push({ key: 'titleTooLong' })
  if (bytes(form.subtitle.trim()) > kLimits.subtitleBytes) problems.push({ key: 'subtitleTooLong' })
  if (bytes(form.description) > kLimits.descriptionBytes) problems.push({ key: 'descriptionTooLong' })

  const options = form.specOptions.map((o) => ({ name: o.name.trim(), values: o.values.map((v) => v.trim()) }))
  for (const o of options) {
    if (!o.name) problems.push({ key: 'specNameRequired' })
    else if (bytes(o.name) > kLimits.specTextBytes) problems.push({ key: 'specTextTooLong', values: { text: o.name } })
    if (o.values.length === 0) problems.push({ key: 'specValuesRequired', values: { name: o.name } })
    if (new Set(o.values).size !== o.values.length) problems.push({ key: 'specValueRepeated', values: { name: o.name } })
    for (const v of o.values) {
      if (bytes(v) > kLimits.specTextBytes) problems.push({ key: 'specTextTooLong', values: { text: v } })
    }
  }
  if (new Set(options.map((o) => o.name)).size !== options.length) problems.push({ key: 'specNameRepeated' })
  if (combinationCount(options) > kLimits.skus) problems.push({ key: 'tooManySkus', values: { n: kLimits.skus } })
  if (form.skus.length === 0) problems.push({ key: 'noSkus' })

  const skus: ProductInput['skus'] = []
  const barcodes = new Set<string>()
  for (const row of form.skus) {
    const sku = specLabel(options, row.specValues) || undefined
    const price = parseYuan(row.price)
    if (price === null || price < 1) problems.push({ key: 'badPrice', sku })
    const listPrice = row.listPrice.trim() ? parseYuan(row.listPrice) : null
    if (row.listPrice.trim() && (listPrice === null || listPrice < 1)) problems.push({ key: 'badListPrice', sku })
    const stockText = row.stock.trim()
    const stock = stockText ? Number(stockText) : 0
    if (stockText && !(/^\d+$/.test(stockText) && stock <= kLimits.stock)) problems.push({ key: 'badStock', sku })
    const barcode = row.barcode.trim()
    if (bytes(barcode) > kLimits.barcodeBytes) problems.push({ key: 'barcodeTooLong', sku })
    if (barcode && barcodes.has(barcode)) problems.push({ key: 'barcodeRepeated', values: { barcode }, sku })
    barcodes.add(barcode || `\u0000${barcodes.size}`)
    skus.push({
      spec_values: row.specValues,
      price: price ?? 0,
      ...(listPrice !== null ? { list_price: listPrice } : {}),
      ...(barcode ? { barcode } : {}),
      stock,
    })
  }
  if (!Number.isInteger(form.consumptionCycleDays) || form.consumptionCycleDays < 0 ||
      form.consumptionCycleDays > kLimits.cycleDays) {
    problems.push({ key: 'badCycle', values: { max: kLimits.cycleDays } })
  }
  if (problems.length > 0) return { problems }
  return {
    body: {
      title,
      subtitle: form.subtitle.trim(),
      description: form.description,
      category_id: form.categoryId,
      main_image_id: form.mainImage?.id ?? '',
      detail_image_ids: form.detailImages.map((i) => i.id),
      consumption_cycle_days: form.consumptionCycleDays,
      aftersales: { ...form.aftersales },
      spec_options: options,
      skus,
    },
  }
}
