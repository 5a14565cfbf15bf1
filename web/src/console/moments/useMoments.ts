// Moments in the console: the posts with their counters (GET /admin/v1/moments),
// composing one (POST, answered with the warnings), withdrawing one, a post's
// comments and deleting one, and the active segments the composer offers.
import { ref, shallowRef } from 'vue'
import { data, type Schemas } from '@/shared/api/client'
import { keyFor } from '@/shared/api/idempotency'
import { api } from '../api'

export type Moment = Schemas['Moment']
export type MomentInput = Schemas['MomentInput']
export type MomentComment = Schemas['MomentCommentForConsole']
export type MomentWarning = Schemas['MomentWarning']

// WeChat lays out more than six pictures poorly; the engine warns too.
export const kImagesShownWell = 6
export const kMaxImages = 9

export function useMoments() {
  const items = shallowRef<Moment[]>([])
  const next = ref<string | null>(null)
  const loading = ref(false)
  const error = ref<unknown>(null)

  async function load(more = false): Promise<void> {
    loading.value = true
    error.value = null
    try {
      const query = more && next.value ? { limit: 20, after: next.value } : { limit: 20 }
      const page = await data(api.GET('/admin/v1/moments', { params: { query } }))
      items.value = more ? [...items.value, ...page.items] : page.items
      next.value = page.next_cursor
    } catch (e) {
      error.value = e
    } finally {
      loading.value = false
    }
  }

  // One key per body: a double click or a retry posts once.
  const key = keyFor()
  // Saves the post; answers the engine's warnings. Throws the ApiError.
  async function create(input: MomentInput): Promise<MomentWarning[]> {
    const made = await data(
      api.POST('/admin/v1/moments', { params: { header: { 'Idempotency-Key': key(input) } }, body: input }),
    )
    await load()
    return made.warnings
  }

  async function withdraw(id: string): Promise<void> {
    const p = await data(api.POST('/admin/v1/moments/{id}/withdraw', { params: { path: { id } } }))
    items.value = items.value.map((m) => (m.id === id ? p : m))
  }

  return { items, next, loading, error, load, create, withdraw }
}

export function useMomentComments() {
  const comments = shallowRef<MomentComment[]>([])
  async function load(id: string): Promise<void> {
    const page = await data(
      api.GET('/admin/v1/moments/{id}/comments', { params: { path: { id }, query: { limit: 100 } } }),
    )
    comments.value = page.items
  }
  async function remove(id: string, commentId: string): Promise<void> {
    const c = await data(
      api.POST('/admin/v1/moments/{id}/comments/{comment_id}/delete', {
        params: { path: { id, comment_id: commentId } },
      }),
    )
    comments.value = comments.value.map((x) => (x.id === c.id ? c : x))
  }
  return { comments, load, remove }
}

// The active segments, for the "who can see" pickers.
export async function activeSegments(): Promise<Schemas['Segment'][]> {
  const page = await data(api.GET('/admin/v1/segments'))
  return page.items.filter((s) => s.status === 'active')
}
