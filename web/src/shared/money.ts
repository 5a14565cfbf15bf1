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
