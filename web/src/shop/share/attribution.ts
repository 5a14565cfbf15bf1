// Where this device came from (decision 0019): a share link or a channel
// code opens the store with ?r=<code>; the store records the visit with the
// device's visitor id, and sends the same id with sign-in and checkout, so
// a new customer's referrer and channel and an order's credit are the
// engine's to decide. The code is dropped from the address once recorded,
// so a reload does not count the visit twice.
import type { Router } from 'vue-router'
import { api, shopSlug } from '../api'
import { readDevice, writeDevice } from '../device'

const isVisitor = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(v)

let memory: string | null = null

// The device's id, made on first use (kept per shop; for this page only when storage is off).
export function visitorId(): string {
  if (memory) return memory
  let id = readDevice('visitor', isVisitor)
  if (!id) {
    const bytes = crypto.getRandomValues(new Uint8Array(12))
    id = 'v' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
    writeDevice('visitor', id)
  }
  memory = id
  return id
}

// Records each arrival through a code, then takes the code out of the address.
export function followArrivals(router: Router): void {
  router.afterEach((to) => {
    const code = to.query.r
    if (typeof code !== 'string' || code === '') return
    void api
      .POST('/store/v1/{shop}/visits', {
        params: { path: { shop: shopSlug } },
        body: { visitor: visitorId(), code, path: to.path },
      })
      .catch(() => {
        // A lost visit only loses its credit; the page works either way.
      })
    const rest = { ...to.query }
    delete rest.r
    void router.replace({ path: to.path, query: rest, hash: to.hash })
  })
}
