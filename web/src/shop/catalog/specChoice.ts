// Choosing a product's spec values (规格) and the SKU they name. Pure: the
// product page keeps the choice; prices and stock stay the engine's.
//   chosen[i] is the value picked for spec option i, or null.

export interface SpecSku {
  spec_values: string[]
  sold_out: boolean
}

// The SKU whose values are exactly the chosen ones; null until every option
// has a value, or when no SKU has that combination.
export function matchingSku<T extends SpecSku>(skus: T[], chosen: (string | null)[]): T | null {
  if (chosen.some((v) => v === null)) return null
  return skus.find((s) => s.spec_values.every((v, i) => v === chosen[i])) ?? null
}

// What picking `value` for option `option` would lead to, given the values
// chosen for the other options: 'available' when some SKU with it is in
// stock, 'sold_out' when all such SKUs are out of stock, 'none' when no SKU
// has that combination at all (the merchant does not sell it).
export type ValueState = 'available' | 'sold_out' | 'none'

export function valueState(
  skus: SpecSku[],
  chosen: (string | null)[],
  option: number,
  value: string,
): ValueState {
  const fits = skus.filter((s) =>
    s.spec_values.every((v, i) => (i === option ? v === value : chosen[i] === null || v === chosen[i])),
  )
  if (fits.length === 0) return 'none'
  return fits.some((s) => !s.sold_out) ? 'available' : 'sold_out'
}

// The first choice: an option with a single value is picked already;
// nothing else is guessed for the buyer.
export function initialChoice(options: { values: string[] }[]): (string | null)[] {
  return options.map((o) => (o.values.length === 1 ? (o.values[0] ?? null) : null))
}

// Picks `value` for option `option` (or drops it when it was picked); a
// value that leads nowhere cannot be picked.
export function toggleValue(
  skus: SpecSku[],
  chosen: (string | null)[],
  option: number,
  value: string,
): (string | null)[] {
  const next = [...chosen]
  if (next[option] === value) {
    next[option] = null
    return next
  }
  if (valueState(skus, chosen, option, value) !== 'available') return chosen
  next[option] = value
  return next
}
