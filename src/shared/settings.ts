import type { Region } from './aidge'
import type { LanguageSetting } from './languages'

/** Plain settings (never the secret): persisted in the history database's settings table. */
export interface AppSettings {
  region: Region
  /** a custom base URL (proxy, simulator); null uses the region's */
  endpoint: string | null
  /** spend the free trial quota (x-iop-trial: true) */
  trial: boolean
  polling: {
    /** where the adaptive rate starts (when nothing was found before for this endpoint and key), calls/s */
    maxQps: number
    /** the adaptive rate's ceiling, calls/s */
    maxQpsCeiling: number
    maxInFlight: number
    staleAfterMinutes: number
  }
  downloads: {
    /** files at once to start with: a batch adds more while the total rate grows */
    concurrency: number
    /** files at once at most (the adaptive concurrency's ceiling); equal to concurrency for a fixed number */
    maxConcurrency: number
    folder: string | null
    filenameTemplate: string
    autoDownload: boolean
    /** the largest image accepted, in MiB: a larger one is refused before or while it arrives */
    maxImageMiB: number
  }
  /** the submit limit of its own, apart from the polling budget */
  submit: {
    maxPerSecond: number
    maxInFlight: number
  }
  notifications: boolean
  theme: 'system' | 'light' | 'dark'
  /** the window's language: the operating system's (see shared/languages.ts) or one the user chose */
  language: LanguageSetting
}

export const DEFAULT_SETTINGS: AppSettings = {
  region: 'global',
  endpoint: null,
  trial: false,
  polling: { maxQps: 5, maxQpsCeiling: 20, maxInFlight: 4, staleAfterMinutes: 30 },
  downloads: { concurrency: 6, maxConcurrency: 24, folder: null, filenameTemplate: '{taskId}_{index}.{ext}', autoDownload: false, maxImageMiB: 64 },
  submit: { maxPerSecond: 1, maxInFlight: 2 },
  notifications: true,
  theme: 'system',
  language: 'system'
}

export type SettingsPatch = Partial<Omit<AppSettings, 'polling' | 'downloads' | 'submit'>> & {
  polling?: Partial<AppSettings['polling']>
  downloads?: Partial<AppSettings['downloads']>
  submit?: Partial<AppSettings['submit']>
}

export function mergeSettings(base: AppSettings, patch: SettingsPatch): AppSettings {
  return {
    ...base,
    ...patch,
    polling: { ...base.polling, ...patch.polling },
    downloads: { ...base.downloads, ...patch.downloads },
    submit: { ...base.submit, ...patch.submit }
  }
}
