// What to tell a person about a failed call: the engine's own message, or,
// when the engine was not reached, a sentence in their language.
import type { Composer } from 'vue-i18n'
import { ApiError, kUnreachable } from './client'

export function errorText(e: unknown, t: Composer['t']): string {
  if (e instanceof ApiError) return e.code === kUnreachable ? t('state.unreachable') : e.message
  return e instanceof Error ? e.message : String(e)
}
