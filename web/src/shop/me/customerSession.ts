// The signed-in customer of this shop on this phone: the session token from
// POST /store/v1/{shop}/auth/sign-in, kept with the device's other memories
// (device.ts) and sent as `Authorization: Bearer wsc_…` on every store
// request, so checkout links the order to the customer and the "me" pages
// read theirs. A 401 accounts.unauthenticated (expired, signed out
// elsewhere) forgets it.
import { computed, ref } from 'vue'
import { data, type Schemas } from '@/shared/api/client'
import { api, shopSlug } from '../api'
import { forgetDevice, readDevice, writeDevice } from '../device'
import { visitorId } from '../share/attribution'

interface StoredSession {
  token: string
  expiresAt: string
  name: string
  phone: string
}

const isSession = (v: unknown): v is StoredSession =>
  typeof v === 'object' &&
  v !== null &&
  ['token', 'expiresAt', 'name', 'phone'].every((k) => typeof (v as Record<string, unknown>)[k] === 'string')

function load(): StoredSession | null {
  const s = readDevice('session', isSession)
  return s && Date.parse(s.expiresAt) > Date.now() ? s : null
}

const current = ref<StoredSession | null>(load())

api.use({
  onRequest({ request }) {
    if (current.value && !request.headers.has('Authorization')) {
      request.headers.set('Authorization', `Bearer ${current.value.token}`)
    }
    return request
  },
  async onResponse({ response }) {
    if (response.status === 401 && current.value) {
      const body = (await response.clone().json().catch(() => null)) as { error?: { code?: string } } | null
      if (body?.error?.code === 'accounts.unauthenticated') forget()
    }
    return response
  },
})

function forget(): void {
  current.value = null
  forgetDevice('session')
}

function keep(signed: Schemas['CustomerSignedIn']): void {
  current.value = {
    token: signed.token,
    expiresAt: signed.expires_at,
    name: signed.customer.display_name,
    phone: signed.customer.phone,
  }
  writeDevice('session', current.value)
}

export function useCustomerSession() {
  const path = { params: { path: { shop: shopSlug } } }
  const signedIn = computed(() => current.value !== null)

  // Texts a code to `phone`; throws the ApiError (sms.too_soon, sms.daily_cap …).
  async function requestCode(phone: string) {
    return data(api.POST('/store/v1/{shop}/auth/code', { ...path, body: { phone } }))
  }

  async function signIn(phone: string, code: string): Promise<void> {
    const body = { phone, code, visitor: visitorId() }
    keep(await data(api.POST('/store/v1/{shop}/auth/sign-in', { ...path, body })))
  }

  async function signOut(): Promise<void> {
    try {
      await data(api.POST('/store/v1/{shop}/auth/sign-out', path))
    } finally {
      forget()
    }
  }

  return { session: current, signedIn, requestCode, signIn, signOut }
}
