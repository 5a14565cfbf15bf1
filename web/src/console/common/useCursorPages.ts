// A list the engine pages by cursor (?after=…&limit=…, newest first): the
// page shown, and the cursors of the pages before it, so a merchant can go
// forward and back. `load` asks the engine for one page; the filter is the
// caller's, and changing it starts again from the first page.
import { computed, ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { errorText } from '@/shared/api/errors'

export interface CursorPage<T> {
  items: T[]
  next_cursor: string | null
}

export function useCursorPages<T>(load: (after: string | undefined) => Promise<CursorPage<T>>) {
  const { t } = useI18n()
  const items = shallowRef<T[]>([])
  const loading = ref(false)
  const loaded = ref(false)
  const error = ref<string | null>(null)
  // cursors[i] opens page i (undefined: the first page).
  const cursors = ref<(string | undefined)[]>([undefined])
  const next = ref<string | null>(null)
  const page = computed(() => cursors.value.length) // 1-based

  let asked = 0
  async function show(after: string | undefined): Promise<boolean> {
    const mine = ++asked
    loading.value = true
    error.value = null
    try {
      const answer = await load(after)
      if (mine !== asked) return false // a newer request won
      items.value = answer.items
      next.value = answer.next_cursor
      loaded.value = true
      return true
    } catch (e) {
      if (mine === asked) error.value = errorText(e, t)
      return false
    } finally {
      if (mine === asked) loading.value = false
    }
  }

  // The first page again (after a filter changed, or to refresh).
  async function first(): Promise<void> {
    cursors.value = [undefined]
    await show(undefined)
  }
  // The page shown, again (after an action changed a row).
  async function reload(): Promise<void> {
    await show(cursors.value[cursors.value.length - 1])
  }
  async function forward(): Promise<void> {
    if (!next.value) return
    const cursor = next.value
    if (await show(cursor)) cursors.value = [...cursors.value, cursor]
  }
  async function back(): Promise<void> {
    if (cursors.value.length < 2) return
    const previous = cursors.value.slice(0, -1)
    if (await show(previous[previous.length - 1])) cursors.value = previous
  }

  const hasNext = computed(() => next.value !== null)
  const hasPrevious = computed(() => cursors.value.length > 1)
  return { items, loading, loaded, error, page, hasNext, hasPrevious, first, reload, forward, back }
}
