// The four after-sales services (售后服务) a product may offer, as order
// lines name them (their `aftersales` flags) and as requests name them.
// Relative, not '@/…': the unit tests' type check (tsconfig.node.json) has no alias.
import type { Schemas } from '../../shared/api/client'

export type RequestKind = Schemas['AftersalesKind']
type Flags = Schemas['AftersalesPolicy']

export const kKinds: { kind: RequestKind; flag: keyof Flags; returnsGoods: boolean }[] = [
  { kind: 'no_reason_return', flag: 'no_reason_7d', returnsGoods: true },
  { kind: 'quality_return', flag: 'quality_return', returnsGoods: true },
  { kind: 'exchange', flag: 'exchange', returnsGoods: true },
  { kind: 'refund_only', flag: 'refund_only', returnsGoods: false },
]

export function returnsGoods(kind: RequestKind): boolean {
  return kKinds.find((k) => k.kind === kind)?.returnsGoods ?? false
}

// Whether order line `line` offers `kind`.
export function lineOffers(line: { aftersales: Flags }, kind: RequestKind): boolean {
  const k = kKinds.find((x) => x.kind === kind)
  return !!k && line.aftersales[k.flag]
}

// The kinds a buyer may ask for on an order in `status`: those some line
// offers; before the parcel leaves, only a refund (nothing to send back).
export function kindsFor(status: Schemas['OrderStatus'], lines: { aftersales: Flags }[]): RequestKind[] {
  return kKinds
    .filter((k) => (status === 'paid' ? !k.returnsGoods : true))
    .filter((k) => lines.some((l) => l.aftersales[k.flag]))
    .map((k) => k.kind)
}
