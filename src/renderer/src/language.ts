// Puts the window in a language: the words (i18next re-renders every useTranslation() user) and <html lang>, so
// screen readers, fonts and line breaking follow.
import type { UiLanguage } from '../../shared/languages'
import { i18n } from './i18n'

export async function applyLanguage(language: UiLanguage): Promise<void> {
  if (i18n.language !== language) await i18n.changeLanguage(language)
  document.documentElement.lang = language
}
