// The SKU matrix of a product: one SKU per combination of its spec options'
// values (the cartesian product, in option order), as the merchant edits
// them. Pure functions; the page keeps the state.
//
// Editing the options regenerates the matrix and keeps what was typed:
//  - a combination that survives keeps its row as it was (its price, list
//    price, stock, barcode; the engine keeps its SKU id, matching on the
//    spec values);
//  - a new combination that agrees with an old row on every dimension both
//    have (a dimension was added or removed), or any combination when there
//    was a single row before (the first spec), starts from that row's price
//    and list price, but not its stock or barcode: those belong to one SKU,
//    and copying them would count the same units twice or repeat a barcode.

export interface SpecOptionDraft {
  name: string
  values: string[]
}

// Fields as typed (yuan and units as text), parsed when saving.
export interface SkuDraft {
  specValues: string[]
  price: string
  listPrice: string
  stock: string
  barcode: string
  id?: string // the engine's SKU id, once saved
}

// Every combination of the options' values, first option slowest:
// [[3只装, 微辣], [3只装, 特辣], [6只装, 微辣], …]. No options: one empty
// combination (a product without specs has one SKU).
export function combinations(options: SpecOptionDraft[]): string[][] {
  return options.reduce<string[][]>(
    (acc, option) => acc.flatMap((combo) => option.values.map((v) => [...combo, v])),
    [[]],
  )
}

// How many SKUs the options make, without building them.
export function combinationCount(options: SpecOptionDraft[]): number {
  return options.reduce((n, o) => n * o.values.length, 1)
}

const key = (values: string[]) => JSON.stringify(values)

// The rows for `options`, keeping what `previous` (made for
// `previousOptions`) holds, as the header comment says.
export function regenerate(
  options: SpecOptionDraft[],
  previousOptions: SpecOptionDraft[],
  previous: SkuDraft[],
): SkuDraft[] {
  const exact = new Map(previous.map((row) => [key(row.specValues), row]))
  // Dimensions both sides have, by name: [index now, index before].
  const shared = options
    .map((o, now) => [now, previousOptions.findIndex((p) => p.name === o.name)] as const)
    .filter(([, before]) => before >= 0)
  return combinations(options).map((specValues) => {
    const same = exact.get(key(specValues))
    if (same) return { ...same, specValues }
    // With no dimension in common, a lone previous row (a product without
    // specs getting its first) lends its prices to every combination.
    const near =
      shared.length > 0
        ? previous.find((row) => shared.every(([now, before]) => row.specValues[before] === specValues[now]))
        : previous.length === 1
          ? previous[0]
          : undefined
    return {
      specValues,
      price: near?.price ?? '',
      listPrice: near?.listPrice ?? '',
      stock: '',
      barcode: '',
    }
  })
}

// The options that make SKUs: a dimension still without values makes none
// (and does not empty the matrix while it is being filled in).
export function withValues(options: SpecOptionDraft[]): SpecOptionDraft[] {
  return options.filter((o) => o.values.length > 0)
}

// "规格: 3只装; 口味: 微辣" as the engine writes spec_text; "" without specs.
export function specLabel(options: SpecOptionDraft[], values: string[]): string {
  return values.map((v, i) => `${options[i]?.name ?? ''}: ${v}`).join('; ')
}
