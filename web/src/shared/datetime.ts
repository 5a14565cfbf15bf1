// Times as the engine sends them (ISO-8601 UTC, "2026-11-22T17:35:05.078Z")
// shown in the viewer's own time zone, and times picked in a form sent back
// as UTC. The engine never receives a local wall-clock time.

// "2026-11-22 17:35" in the viewer's time zone; "" for null.
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

// A picked moment as the API's time input: UTC with milliseconds.
export function toApiTime(d: Date): string {
  return d.toISOString()
}
