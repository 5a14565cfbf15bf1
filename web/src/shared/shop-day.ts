// The shop's calendar: every shop keeps Beijing time (UTC+8, no daylight
// saving), as the engine's dashboard and exports do (src/queries/shop_time.h),
// whatever the time zone of the browser. The engine takes and gives UTC;
// these turn a shop date into the UTC instants it spans, and a UTC time into
// what a merchant reads.
const kOffsetMs = 8 * 3_600_000
const kDayMs = 86_400_000

function utcDate(date: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!m) return null
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  return new Date(t).toISOString().startsWith(date) ? t : null
}

function iso(t: number): string {
  return new Date(t).toISOString().replace('.000Z', 'Z')
}

// The UTC instant shop date "2026-11-22" starts at: "2026-11-21T16:00:00Z".
// Throws a RangeError for anything but a real date.
export function shopDayStart(date: string): string {
  const t = utcDate(date)
  if (t === null) throw new RangeError(`not a date: ${date}`)
  return iso(t - kOffsetMs)
}

// The UTC instant the day after shop date `date` starts at: the exclusive end
// of a range that includes `date`.
export function shopDayEnd(date: string): string {
  const t = utcDate(date)
  if (t === null) throw new RangeError(`not a date: ${date}`)
  return iso(t + kDayMs - kOffsetMs)
}

// The shop's date at UTC time `at` (ms; now by default): "2026-11-22".
export function shopDate(at: number = Date.now()): string {
  return new Date(at + kOffsetMs).toISOString().slice(0, 10)
}

// "2026-11-22 17:35" in shop time for an ISO UTC time; "" for null.
export function formatShopTime(at: string | null | undefined, seconds = false): string {
  if (!at) return ''
  const t = Date.parse(at)
  if (Number.isNaN(t)) return at
  const s = new Date(t + kOffsetMs).toISOString()
  return `${s.slice(0, 10)} ${s.slice(11, seconds ? 19 : 16)}`
}

// The shop date `days` days before `date`.
export function shopDateMinus(date: string, days: number): string {
  const t = utcDate(date)
  if (t === null) throw new RangeError(`not a date: ${date}`)
  return new Date(t - days * kDayMs).toISOString().slice(0, 10)
}
