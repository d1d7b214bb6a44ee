// The window's words: i18next with every language's catalog shipped with the app (a desktop app must not fetch its
// words from anywhere else). English, the fallback, is in the main bundle; another language's catalog is a chunk of
// its own, loaded when the window switches to it (changeLanguage waits for it), so a window in English does not parse
// it at every start. Components use useTranslation() (react-i18next); stores and plain modules use t() from here.
// The language is chosen by ../language.ts (the Settings choice, else the OS's languages main reports). No DOM here:
// vitest imports the catalogs and the formatters in Node.
import i18next, { type BackendModule, type i18n as I18n } from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { UiLanguage } from '../../../shared/languages'
import en from './en'

export const i18n: I18n = i18next.createInstance()

/** The catalogs not in the main bundle, each a dynamic import (a chunk of the built renderer). */
const catalogChunks: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read(language, _namespace, callback) {
    if (language !== 'zh-CN') return callback(new Error(`no catalog for ${language}`), false)
    import('./zh-CN').then(
      (m) => callback(null, m.default),
      (e: unknown) => callback(e instanceof Error ? e : new Error(String(e)), false)
    )
  }
}

void i18n.use(catalogChunks).use(initReactI18next).init({
  resources: { en: { translation: en } },
  // the other languages come through catalogChunks
  partialBundledLanguages: true,
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: ['en', 'zh-CN'],
  // 'zh-CN' must stay 'zh-CN' (not 'zh'), the resources' own name
  load: 'currentOnly',
  initAsync: false,
  // React escapes what it renders
  interpolation: { escapeValue: false },
  returnNull: false
})
// {{count, number}}: i18next's own `number` format keys its formatter cache on every value passed to t(), so each new
// count built a new Intl.NumberFormat (about a millisecond each: the sidebar's counts alone cost tens at start-up).
// One formatter per language instead.
const numberFormats = new Map<string, Intl.NumberFormat>()
i18n.services.formatter?.add('number', (value: unknown, lng: string | undefined) => {
  const lang = lng ?? 'en'
  let f = numberFormats.get(lang)
  if (!f) numberFormats.set(lang, (f = new Intl.NumberFormat(lang)))
  return f.format(value as number)
})

/** The language shown now, for Intl formatters. */
export const currentLanguage = (): UiLanguage => (i18n.language === 'zh-CN' ? 'zh-CN' : 'en')

export const t = i18n.t.bind(i18n)

/** Each language's name in itself (not translated: a user finds their own language whatever the window shows). */
export const LANGUAGE_NAMES: Record<UiLanguage, string> = { en: 'English', 'zh-CN': '简体中文' }
