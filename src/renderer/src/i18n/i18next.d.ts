// Typed keys: t('…') accepts only keys of the English catalog and asks for each string's {{variables}}, so a
// missing key or argument fails `npm run typecheck`.
import 'i18next'
import type en from './en'

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: { translation: typeof en }
    strictKeyChecks: true
    strictInterpolationChecks: true
  }
}
