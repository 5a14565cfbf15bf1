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

// The largest amount the engine takes in one field: 100 million yuan.
export const kMaxFen = 10_000_000_000

// The fen of an amount a person typed in yuan ("14.9", "14.90", "¥1,234.5",
// "0.05"), by moving digits, never through floating point; null when it is
// not an amount (negative, more than two decimals, past kMaxFen, empty).
export function parseYuan(text: string): number | null {
  const t = text.trim().replace(/^¥/, '').replace(/,/g, '')
  const m = /^(\d{1,11})(?:\.(\d{1,2}))?$/.exec(t)
  if (!m) return null
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
  return fen <= kMaxFen ? fen : null
}

// "14.90" for 1490: the yuan of an amount as an input field shows it.
export function fenToYuanInput(fen: number): string {
  return formatFen(fen).replace(/^(-?)¥/, '$1').replace(/,/g, '')
}
