// The one way the apps talk to the engine: openapi-fetch over the types
// generated from docs/openapi.yaml (schema.d.ts; `npm run gen:api`), so a
// request or a response that does not match the API fails the type check.
// A page never builds a request by hand; it calls a composable that calls
// `api`, and gets either the data or an ApiError.
import createClient, { type Client, type Middleware } from 'openapi-fetch'
import type { components, paths } from './schema'

export type Schemas = components['schemas']
export type ApiClient = Client<paths>

// A failure as the engine tells it: its stable `code` (react to that) and
// its `message` (show that). Status 0 means the engine was not reached.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

// Codes made here rather than by the engine.
export const kUnreachable = 'network.unreachable'
export const kMalformedAnswer = 'network.malformed_answer'

// The engine answers {"error":{"code","message"}}; a proxy in between may
// answer anything, so the shape is checked rather than assumed.
export function toApiError(status: number, body: unknown, fallback: string): ApiError {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const error = (body as { error: unknown }).error
    if (typeof error === 'object' && error !== null) {
      const { code, message } = error as { code?: unknown; message?: unknown }
      if (typeof code === 'string' && typeof message === 'string') {
        return new ApiError(status, code, message)
      }
    }
  }
  return new ApiError(status, `http.${status}`, fallback)
}

// A client for the engine this page came from. `middleware` adds, e.g.,
// the console's bearer token.
export function createApi(...middleware: Middleware[]): ApiClient {
  const client = createClient<paths>({ baseUrl: window.location.origin })
  for (const m of middleware) client.use(m)
  return client
}

// The data of an answer, or throws its ApiError: the one place answers are
// unwrapped, so every page shows the engine's own message.
//   const home = await data(api.GET('/store/v1/{shop}/home', { params: { path: { shop } } }))
export async function data<D>(
  request: Promise<{ data?: D; error?: unknown; response: Response }>,
): Promise<D> {
  let answer: Awaited<typeof request>
  try {
    answer = await request
  } catch (e) {
    // fetch itself failed (offline, refused), or a 2xx body was not JSON.
    if (e instanceof SyntaxError) throw new ApiError(200, kMalformedAnswer, e.message)
    throw new ApiError(0, kUnreachable, e instanceof Error ? e.message : String(e))
  }
  const { response } = answer
  if (!response.ok || answer.data === undefined) {
    throw toApiError(response.status, answer.error, `${response.status} ${response.statusText}`)
  }
  return answer.data
}
