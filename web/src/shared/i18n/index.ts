// Both apps speak Chinese (zh-CN) by default and English on request; the
// choice is remembered in localStorage and shared by the store and the
// console (one origin). Messages live with each app (shop/messages.ts,
// console/messages.ts) over the common ones below; zh-CN is the source and
// every other language must have the same keys (the type check says so).
import { computed, watch, type WritableComputedRef } from 'vue'
import { createI18n, useI18n, type I18nOptions } from 'vue-i18n'
import { common } from './common'

export const kLocales = ['zh-CN', 'en'] as const
export type Locale = (typeof kLocales)[number]
const kStorageKey = 'weishang.locale'

function remembered(): Locale {
  try {
    const saved = localStorage.getItem(kStorageKey)
    return kLocales.find((l) => l === saved) ?? 'zh-CN'
  } catch {
    return 'zh-CN'
  }
}

// Messages: texts, nested by topic.
export interface MessageTree {
  [key: string]: string | MessageTree
}

// An app's i18n: the common messages plus its own, in every language.
export function createAppI18n(messages: Record<Locale, MessageTree>) {
  const locale = remembered()
  document.documentElement.lang = locale
  return createI18n<false, I18nOptions>({
    legacy: false,
    locale,
    fallbackLocale: 'zh-CN',
    messages: {
      'zh-CN': { ...common['zh-CN'], ...messages['zh-CN'] },
      en: { ...common.en, ...messages.en },
    } as I18nOptions['messages'],
  })
}

// The language shown, to bind to a switch: setting it switches the app,
// the page's lang attribute and what the next visit starts with.
// `onChange` runs now and on each change (e.g. to switch a component
// library's own texts).
export function useLocale(onChange?: (l: Locale) => void): WritableComputedRef<Locale> {
  const { locale } = useI18n({ useScope: 'global' })
  const current = computed<Locale>({
    get: () => kLocales.find((l) => l === locale.value) ?? 'zh-CN',
    set: (l) => {
      locale.value = l
      document.documentElement.lang = l
      try {
        localStorage.setItem(kStorageKey, l)
      } catch {
        // storage disabled: the choice lasts for this page only
      }
    },
  })
  if (onChange) watch(current, onChange, { immediate: true })
  return current
}
