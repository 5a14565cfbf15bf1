// Money as the engine sends it: an integer number of fen (分, 1/100 yuan).
// Shown in yuan by moving the decimal point in the digits: no floating point
// touches an amount, so ¥0.29 never shows as ¥0.28999. Amounts are shown as
// the API says them; prices are never computed here (STYLE.md, "The web").

// "¥1,234.50" for 123450; "-¥0.05" for -5. Throws a RangeError for anything
// but a safe integer (the API's amounts are at most 10^10 fen).
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an amount in fen: ${fen}`)
  const digits = String(Math.abs(fen)).padStart(3, '0')
  const yuan = digits.slice(0, -2).replace(/\B(?=(\d{3})+$)/g, ',')
  return `${fen < 0 ? '-' : ''}¥${yuan}.${digits.slice(-2)}`
}

// A product's price span: "¥14.90" when its options cost the same,
// otherwise "¥14.90–¥27.90".
export function formatFenRange(min: number, max: number): string {
  return min === max ? formatFen(min) : `${formatFen(min)}–${formatFen(max)}`
}

// The API's largest amount: 10,000,000,000 fen (¥100 million).
export const kMaxFen = 10_000_000_000

// What a person typed as yuan ("14.9", "14.90", "¥1,234.5", " 0.05 ") as
// integer fen, by reading the digits: 1490, 1490, 123450, 5. null for
// anything else (letters, more than two decimals, a sign, over kMaxFen).
export function parseYuan(text: string): number | null {
  const m = /^¥?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(text.trim())
  if (!m) return null
  const whole = (m[1] ?? '').replace(/,/g, '').replace(/^0+(?=\d)/, '')
  if (whole.length > 9) return null // more than ¥100 million, before any arithmetic
  const fen = Number(whole) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
  return fen <= kMaxFen ? fen : null
}

// Integer fen as the yuan a form field shows: "14.90" for 1490, no sign of
// currency, no grouping (what parseYuan reads back).
export function fenToYuanInput(fen: number): string {
  return formatFen(fen).replace(/[¥,]/g, '')
}

// A rate in basis points (1/100 of a percent, as the API sends rates) from
// what a person typed as a percent: "15" → 1500, "8.25" → 825, "0.5" → 50.
// null unless it is 0–100 with at most two decimals.
export function parsePercentBp(text: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?\s*%?$/.exec(text.trim())
  if (!m) return null
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
  return bp <= 10_000 ? bp : null
}

// Basis points as a percent: "15%" for 1500, "8.25%" for 825.
export function formatBp(bp: number): string {
  if (!Number.isSafeInteger(bp) || bp < 0) throw new RangeError(`not a rate in basis points: ${bp}`)
  const digits = String(bp).padStart(3, '0')
  const cents = digits.slice(-2).replace(/0+$/, '')
  return `${digits.slice(0, -2)}${cents ? `.${cents}` : ''}%`
}
