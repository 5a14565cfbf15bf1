// A rule tag's form and the rule JSON the engine keeps
// (src/modules/tags/rules.h): one set of fields per kind; money in yuan on
// the form, fen in the rule. `toRule` answers null while the form is
// incomplete.
export const kRuleKinds = [
  'spent_over',
  'orders_at_least',
  'bought_category',
  'bought_product',
  'no_order_for_days',
  'rfm_band',
  'age_stage',
  'stage_is',
] as const
export type RuleKind = (typeof kRuleKinds)[number]

export interface Band {
  min: number
  max: number
}
export interface RuleForm {
  kind: RuleKind
  amountYuan: string
  count: number
  categoryId: string
  productId: string
  days: number
  r: Band
  f: Band
  m: Band
  field: string
  minYears: number
  maxYears: number
  stage: string
}

export type Rule = { kind: string } & Record<string, unknown>

export function emptyRuleForm(): RuleForm {
  return {
    kind: 'spent_over',
    amountYuan: '',
    count: 2,
    categoryId: '',
    productId: '',
    days: 90,
    r: { min: 4, max: 5 },
    f: { min: 4, max: 5 },
    m: { min: 4, max: 5 },
    field: 'birth_date',
    minYears: 18,
    maxYears: 25,
    stage: 'repeat_buyer',
  }
}

const band = (b: Band): Band | null =>
  Number.isInteger(b.min) && Number.isInteger(b.max) && b.min >= 1 && b.max <= 5 && b.min <= b.max
    ? { min: b.min, max: b.max }
    : null

export function toRule(f: RuleForm): Rule | null {
  switch (f.kind) {
    case 'spent_over': {
      if (!/^\d+(\.\d{1,2})?$/.test(f.amountYuan.trim())) return null
      const amount = Math.round(Number(f.amountYuan) * 100)
      return amount > 0 ? { kind: f.kind, amount } : null
    }
    case 'orders_at_least':
      return f.count >= 1 ? { kind: f.kind, count: f.count } : null
    case 'bought_category':
      return f.categoryId ? { kind: f.kind, category_id: f.categoryId } : null
    case 'bought_product':
      return /^prd_[0-9a-z]+$/.test(f.productId.trim()) ? { kind: f.kind, product_id: f.productId.trim() } : null
    case 'no_order_for_days':
      return f.days >= 1 ? { kind: f.kind, days: f.days } : null
    case 'rfm_band': {
      const [r, fr, m] = [band(f.r), band(f.f), band(f.m)]
      return r && fr && m ? { kind: f.kind, r, f: fr, m } : null
    }
    case 'age_stage':
      return f.field.trim() && f.minYears >= 0 && f.maxYears >= f.minYears
        ? { kind: f.kind, field: f.field.trim(), min_years: f.minYears, max_years: f.maxYears }
        : null
    case 'stage_is':
      return f.stage ? { kind: f.kind, stage: f.stage } : null
  }
}

export function fromRule(rule: Rule): RuleForm {
  const f = emptyRuleForm()
  f.kind = rule.kind as RuleKind
  const n = (v: unknown, fallback: number) => (typeof v === 'number' ? v : fallback)
  const b = (v: unknown): Band => {
    const x = v as Partial<Band> | undefined
    return { min: n(x?.min, 1), max: n(x?.max, 5) }
  }
  if (typeof rule.amount === 'number') f.amountYuan = (rule.amount / 100).toString()
  f.count = n(rule.count, f.count)
  f.categoryId = String(rule.category_id ?? '')
  f.productId = String(rule.product_id ?? '')
  f.days = n(rule.days, f.days)
  if (rule.kind === 'rfm_band') {
    f.r = b(rule.r)
    f.f = b(rule.f)
    f.m = b(rule.m)
  }
  if (typeof rule.field === 'string') f.field = rule.field
  f.minYears = n(rule.min_years, f.minYears)
  f.maxYears = n(rule.max_years, f.maxYears)
  if (typeof rule.stage === 'string') f.stage = rule.stage
  return f
}
