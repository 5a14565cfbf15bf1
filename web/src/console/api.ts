// The console's client: every request carries the signed-in staff member's
// bearer token, and a 401 to a request that carried one (expired, revoked,
// password changed elsewhere) ends the session, which sends the console back
// to the login page (ConsoleLayout watches the session).
import type { Middleware } from 'openapi-fetch'
import { createApi } from '@/shared/api/client'
import { session, signOut } from '@/shared/session'

const bearer: Middleware = {
  onRequest({ request }) {
    if (session.value) request.headers.set('Authorization', `Bearer ${session.value.token}`)
    return request
  },
  onResponse({ request, response }) {
    if (response.status === 401 && request.headers.has('Authorization')) signOut()
    return response
  },
}

export const api = createApi(bearer)
