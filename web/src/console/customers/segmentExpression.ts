// The segment builder's model and the engine's expression JSON
// (src/modules/tags/expression.h): a tree of AND/OR groups of conditions,
// any of them negated. A condition is a tag the customer carries (or not),
// or an attribute compared with a value. Incomplete conditions and empty
// groups are left out of the expression, so the live count follows what is
// filled in. Money is edited in yuan and sent in fen.

export type AttrType = 'text' | 'number' | 'money' | 'date'
export const kAttrs = {
  gender: 'text',
  stage: 'text',
  province: 'text',
  city: 'text',
  channel: 'text',
  owner_staff_id: 'text',
  orders_count: 'number',
  spent_total: 'money',
  birthday_month: 'number',
  first_order_at: 'date',
  last_order_at: 'date',
  created_at: 'date',
} as const satisfies Record<string, AttrType>
export type Attr = keyof typeof kAttrs
export const kAttrNames = Object.keys(kAttrs) as Attr[]

export type Op =
  | 'eq'
  | 'ne'
  | 'lt'
  | 'lte'
  | 'gt'
  | 'gte'
  | 'between'
  | 'in'
  | 'within_days'
  | 'before_days'
export const kOpsByType: Record<AttrType, Op[]> = {
  text: ['eq', 'ne', 'in'],
  number: ['eq', 'ne', 'gte', 'lte', 'gt', 'lt', 'between'],
  money: ['gte', 'lte', 'gt', 'lt', 'between', 'eq'],
  date: ['within_days', 'before_days', 'between', 'gte', 'lte', 'eq'],
}

export const kGenders = ['unknown', 'female', 'male']
export const kStages = ['acquired', 'interacted', 'first_purchase', 'repeat_buyer', 'referrer', 'promoter']

export interface TagCondition {
  kind: 'tag'
  id: number
  negate: boolean
  tag: string // "tag_…", "" until chosen
}
export interface AttrCondition {
  kind: 'attr'
  id: number
  negate: boolean
  attr: Attr
  op: Op
  // What the editor holds: text, a number (yuan for money), a date
  // "YYYY-MM-DD", a list (in), or a pair (between).
  text: string
  list: string[]
  from: string
  to: string
}
export interface Group {
  kind: 'group'
  id: number
  negate: boolean
  join: 'and' | 'or'
  children: Node[]
}
export type Node = TagCondition | AttrCondition | Group

// The JSON the engine reads.
export type Expression =
  | { and: Expression[] }
  | { or: Expression[] }
  | { not: Expression }
  | { tag: string }
  | { attr: string; op: string; value: unknown }

let nextId = 1
export function newGroup(join: 'and' | 'or' = 'and'): Group {
  return { kind: 'group', id: nextId++, negate: false, join, children: [] }
}
export function newTagCondition(tag = ''): TagCondition {
  return { kind: 'tag', id: nextId++, negate: false, tag }
}
export function newAttrCondition(attr: Attr = 'spent_total'): AttrCondition {
  return {
    kind: 'attr',
    id: nextId++,
    negate: false,
    attr,
    op: kOpsByType[kAttrs[attr]][0] ?? 'eq',
    text: '',
    list: [],
    from: '',
    to: '',
  }
}

// A whole number from the editor's text, or null.
function whole(text: string): number | null {
  const t = text.trim()
  if (!/^-?\d+$/.test(t)) return null
  const n = Number(t)
  return Number.isSafeInteger(n) ? n : null
}
// Fen from yuan text ("12.5" -> 1250), or null.
function fen(text: string): number | null {
  const t = text.trim()
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return null
  return Math.round(Number(t) * 100)
}
const isDate = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text)

// The value of an attribute condition as the engine wants it, or undefined
// while it is incomplete.
function valueOf(c: AttrCondition): unknown {
  const type = kAttrs[c.attr]
  const one = (text: string): unknown => {
    if (type === 'text') return c.attr === 'owner_staff_id' || text.trim() ? text.trim() : undefined
    if (type === 'number') return whole(text) ?? undefined
    if (type === 'money') return fen(text) ?? undefined
    return isDate(text) ? text : undefined
  }
  if (c.op === 'within_days' || c.op === 'before_days') {
    const n = whole(c.text)
    return n !== null && n >= 0 ? n : undefined
  }
  if (c.op === 'in') {
    const values = c.list.map(one)
    return values.length > 0 && values.every((v) => v !== undefined) ? values : undefined
  }
  if (c.op === 'between') {
    const a = one(c.from)
    const b = one(c.to)
    return a !== undefined && b !== undefined ? [a, b] : undefined
  }
  return one(c.text)
}

export function isComplete(n: Node): boolean {
  if (n.kind === 'tag') return n.tag !== ''
  if (n.kind === 'attr') return valueOf(n) !== undefined
  return n.children.some(isComplete)
}

// The expression of `n`, or null when nothing in it is complete.
export function toExpression(n: Node): Expression | null {
  let e: Expression | null
  if (n.kind === 'tag') {
    e = n.tag ? { tag: n.tag } : null
  } else if (n.kind === 'attr') {
    const value = valueOf(n)
    e = value === undefined ? null : { attr: n.attr, op: n.op, value }
  } else {
    const parts = n.children.map(toExpression).filter((x): x is Expression => x !== null)
    if (parts.length === 0) e = null
    else if (parts.length === 1) e = parts[0] ?? null
    else e = n.join === 'and' ? { and: parts } : { or: parts }
  }
  if (e === null) return null
  return n.negate ? { not: e } : e
}

// The builder's model of a saved expression (the engine's canonical JSON).
export function fromExpression(e: Expression): Group {
  const node = toNode(e)
  if (node.kind === 'group') return node
  const root = newGroup()
  root.children.push(node)
  return root
}

function toNode(e: Expression): Node {
  if ('not' in e) {
    const inner = toNode(e.not)
    inner.negate = !inner.negate
    return inner
  }
  if ('and' in e || 'or' in e) {
    const g = newGroup('and' in e ? 'and' : 'or')
    g.children = ('and' in e ? e.and : e.or).map(toNode)
    return g
  }
  if ('tag' in e) return newTagCondition(e.tag)
  const c = newAttrCondition(e.attr as Attr)
  c.op = e.op as Op
  const type = kAttrs[c.attr]
  const text = (v: unknown) =>
    type === 'money' ? (Number(v) / 100).toString() : typeof v === 'number' ? String(v) : String(v ?? '')
  if (c.op === 'within_days' || c.op === 'before_days') c.text = String(e.value)
  else if (c.op === 'in') c.list = (e.value as unknown[]).map(text)
  else if (c.op === 'between') {
    const [a, b] = e.value as unknown[]
    c.from = text(a)
    c.to = text(b)
  } else c.text = text(e.value)
  return c
}
