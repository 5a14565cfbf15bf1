// The simulation form's delay weights: "0.5,0.3,0.2" (commas, Chinese
// commas or spaces between) as the shares redeemed 1, 2, 3 … days after a
// voucher is passed on; null for anything the engine would refuse (none, more
// than 30, a negative or non-number, all 0).
export function parseDelay(text: string): number[] | null {
  const parts = text.split(/[,，\s]+/).filter((p) => p !== '')
  if (!parts.length || parts.length > 30) return null
  const weights = parts.map(Number)
  return weights.every((w) => Number.isFinite(w) && w >= 0) && weights.some((w) => w > 0) ? weights : null
}
