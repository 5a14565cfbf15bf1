// The store's client and the shop it shows. A store link is /s/{shop}/…: the
// shop is the first segment after /s/, and the router works under it.
import { createApi } from '@/shared/api/client'

export const api = createApi()

// The slug of the shop this page belongs to ("demo" for /s/demo/…).
export const shopSlug = decodeURIComponent(window.location.pathname.split('/')[2] ?? '')

// The router's base: every in-app path is under the shop's link.
export const storeBase = `/s/${encodeURIComponent(shopSlug)}/`
