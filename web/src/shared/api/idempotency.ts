// Idempotency-Keys for the API's creating requests: one key per thing the
// person means to create, so a double click or a retry after a lost answer
// creates it once. crypto.getRandomValues works on plain http too, where
// crypto.randomUUID does not exist.
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

// A key that stays the same while the request's body does: repeat a failed
// or unanswered request with it; a changed body gets a new key.
export function keyFor(): (body: unknown) => string {
  let key = ''
  let keyed = ''
  return (body) => {
    const text = JSON.stringify(body)
    if (!key || text !== keyed) {
      key = newIdempotencyKey()
      keyed = text
    }
    return key
  }
}
