// The languages the app's window speaks, and how one is chosen. Shared because main stores the user's choice (a
// setting) and the renderer applies it; the words themselves live only in the renderer (src/renderer/src/i18n).

export const UI_LANGUAGES = ['en', 'zh-CN'] as const
export type UiLanguage = (typeof UI_LANGUAGES)[number]

/** The Settings choice: follow the operating system, or one language. */
export type LanguageSetting = 'system' | UiLanguage

/** Traditional-script Chinese: Simplified is not what these users asked for, so they fall through to their next
 * preference (English when there is none). */
const TRADITIONAL = /^zh-(hant|tw|hk|mo)\b/i

/**
 * The language to show for the operating system's preferred languages (most preferred first, BCP 47 tags as
 * Electron's app.getPreferredSystemLanguages() or navigator.languages report them): the first one the app
 * speaks, English when none is.
 */
export function pickLanguage(preferred: readonly string[]): UiLanguage {
  for (const raw of preferred) {
    const tag = raw.trim().replace(/_/g, '-')
    if (/^zh(-|$)/i.test(tag) && !TRADITIONAL.test(tag)) return 'zh-CN'
    if (/^en(-|$)/i.test(tag)) return 'en'
  }
  return 'en'
}

/** What the window shows: the setting's language, or the system's when the setting follows it. */
export function resolveLanguage(setting: LanguageSetting | undefined, systemLanguages: readonly string[]): UiLanguage {
  return setting && setting !== 'system' ? setting : pickLanguage(systemLanguages)
}
