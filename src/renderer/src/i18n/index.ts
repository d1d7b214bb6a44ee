// The window's words: i18next with every language's catalog bundled (they are small, and a desktop app must not
// fetch its words). Components use useTranslation() (react-i18next); stores and plain modules use t() from here.
// The language is chosen by ../language.ts (the Settings choice, else the OS's languages main reports). No DOM here:
// vitest imports the catalogs and the formatters in Node.
import i18next, { type i18n as I18n } from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { UiLanguage } from '../../../shared/languages'
import en from './en'
import zhCN from './zh-CN'

export const i18n: I18n = i18next.createInstance()

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
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
