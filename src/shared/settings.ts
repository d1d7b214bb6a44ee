import type { Region } from './aidge'

/** Plain settings (never the secret): persisted in the history database's settings table. */
export interface AppSettings {
  region: Region
  /** a custom base URL (proxy, simulator); null uses the region's */
  endpoint: string | null
  /** spend the free trial quota (x-iop-trial: true) */
  trial: boolean
  polling: {
    maxQps: number
    maxInFlight: number
    staleAfterMinutes: number
  }
  downloads: {
    concurrency: number
    folder: string | null
    filenameTemplate: string
    autoDownload: boolean
  }
  notifications: boolean
  theme: 'system' | 'light' | 'dark'
}

export const DEFAULT_SETTINGS: AppSettings = {
  region: 'global',
  endpoint: null,
  trial: false,
  polling: { maxQps: 5, maxInFlight: 4, staleAfterMinutes: 30 },
  downloads: { concurrency: 6, folder: null, filenameTemplate: '{taskId}_{index}.{ext}', autoDownload: false },
  notifications: true,
  theme: 'system'
}

export type SettingsPatch = Partial<Omit<AppSettings, 'polling' | 'downloads'>> & {
  polling?: Partial<AppSettings['polling']>
  downloads?: Partial<AppSettings['downloads']>
}

export function mergeSettings(base: AppSettings, patch: SettingsPatch): AppSettings {
  return {
    ...base,
    ...patch,
    polling: { ...base.polling, ...patch.polling },
    downloads: { ...base.downloads, ...patch.downloads }
  }
}
