// The console's sign-in: the bearer token from POST /admin/v1/auth/login,
// kept in localStorage so that a reload or a new tab stays signed in until
// the token expires (7 days) or the engine refuses it (401).
import { ref } from 'vue'
import type { Schemas } from './api/client'

const kStorageKey = 'weishang.console.session'

export interface Session {
  token: string
  expiresAt: string // ISO-8601 UTC, as the engine sent it
  shop: string // the shop slug signed in to
}

function load(): Session | null {
  try {
    const raw = localStorage.getItem(kStorageKey)
    if (!raw) return null
    const s = JSON.parse(raw) as Partial<Session>
    if (typeof s.token !== 'string' || typeof s.expiresAt !== 'string') return null
    if (Date.parse(s.expiresAt) <= Date.now()) return null
    return { token: s.token, expiresAt: s.expiresAt, shop: s.shop ?? '' }
  } catch {
    return null // storage disabled, or unreadable: signed out
  }
}

// The current session, shared by every component; null when signed out.
export const session = ref<Session | null>(load())

export function signIn(answer: Schemas['TokenGrant'], shop: string): void {
  session.value = { token: answer.token, expiresAt: answer.expires_at, shop }
  localStorage.setItem(kStorageKey, JSON.stringify(session.value))
}

export function signOut(): void {
  session.value = null
  localStorage.removeItem(kStorageKey)
}
