// Whether the console is on a phone-sized screen (under 768 px wide), for
// forms that put their labels above the fields there.
import { onBeforeUnmount, ref } from 'vue'

export function useNarrow() {
  const query = window.matchMedia('(max-width: 767px)')
  const narrow = ref(query.matches)
  const update = (e: MediaQueryListEvent) => (narrow.value = e.matches)
  query.addEventListener('change', update)
  onBeforeUnmount(() => query.removeEventListener('change', update))
  return narrow
}
