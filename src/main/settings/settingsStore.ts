import { z } from 'zod'
// Where settings live: the history file's settings table, read and written only through this module. The keys
// are this module's own: 'app' (what the Settings screen edits) and 'window' (the main window's bounds).
import { DEFAULT_SETTINGS, mergeSettings, type AppSettings, type SettingsPatch } from '../../shared/settings'
import { UI_LANGUAGES } from '../../shared/languages'
import { resolveBaseUrl } from '../aidge/endpoint'

const KEY = 'app'
const WINDOW_KEY = 'window'

/** The main window's size and place, as saved when it last moved or closed. */
export const windowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(100).max(100_000),
  height: z.number().int().min(100).max(100_000),
  maximized: z.boolean()
})
export type WindowState = z.infer<typeof windowStateSchema>

const positive = (max: number) => z.number().finite().positive().max(max)

/** Schema of a settings patch: every value a user (or a hostile renderer) may send, with its bounds. */
export const settingsPatchSchema = z
  .object({
    region: z.enum(['global', 'cn']),
    endpoint: z.string().max(2048).nullable(),
    trial: z.boolean(),
    polling: z
      .object({ maxQps: positive(100), maxQpsCeiling: positive(100), maxInFlight: z.number().int().min(1).max(64), staleAfterMinutes: positive(7 * 24 * 60) })
      .partial()
      .strict(),
    downloads: z
      .object({
        concurrency: z.number().int().min(1).max(32),
        maxConcurrency: z.number().int().min(1).max(64),
        folder: z.string().max(4096).nullable(),
        filenameTemplate: z.string().min(1).max(256),
        autoDownload: z.boolean(),
        maxImageMiB: z.number().int().min(1).max(4096)
      })
      .partial()
      .strict(),
    submit: z.object({ maxPerSecond: positive(20), maxInFlight: z.number().int().min(1).max(8) }).partial().strict(),
    notifications: z.boolean(),
    theme: z.enum(['system', 'light', 'dark']),
    language: z.enum(['system', ...UI_LANGUAGES])
  })
  .partial()
  .strict()

/** A patch that is valid field by field but not as a whole: a code and its data for the renderer to word. */
export class SettingsError extends Error {
  override name = 'SettingsError'
  constructor(
    readonly code: 'DOWNLOAD_CONCURRENCY_ABOVE_MAX',
    readonly data: Record<string, number>,
    message: string
  ) {
    super(message)
  }
}

export interface SettingsBackend {
  getSetting<T>(key: string): T | undefined
  setSetting(key: string, value: unknown): void
}

/** Connection settings a run takes from its flags or environment instead of the saved ones (never saved). */
export type ConnectionOverrides = Partial<Pick<AppSettings, 'region' | 'endpoint' | 'trial'>>

/** Reads settings over the defaults (so new settings get their default), validates and persists patches. */
export class SettingsStore {
  private readonly listeners = new Set<(next: AppSettings) => void>()

  constructor(
    private readonly backend: SettingsBackend,
    private readonly overrides: ConnectionOverrides = {}
  ) {}

  /** What this run uses and shows: the saved settings with its connection overrides applied. */
  effective(): AppSettings {
    const s = this.get()
    const c = this.overrides
    return {
      ...s,
      ...(c.region !== undefined ? { region: c.region } : {}),
      ...(c.endpoint !== undefined ? { endpoint: c.endpoint } : {}),
      ...(c.trial !== undefined ? { trial: c.trial } : {})
    }
  }

  get(): AppSettings {
    const stored = this.backend.getSetting<SettingsPatch>(KEY)
    const parsed = settingsPatchSchema.safeParse(stored ?? {})
    return mergeSettings(DEFAULT_SETTINGS, parsed.success ? parsed.data : {})
  }

  /** Validates, checks the endpoint, saves, and returns the new settings. */
  update(patch: unknown): AppSettings {
    const parsed = settingsPatchSchema.parse(patch)
    const next = mergeSettings(this.get(), parsed)
    if (next.endpoint !== null && next.endpoint.trim() === '') next.endpoint = null
    const { concurrency, maxConcurrency } = next.downloads
    if (concurrency > maxConcurrency) {
      throw new SettingsError('DOWNLOAD_CONCURRENCY_ABOVE_MAX', { concurrency, maxConcurrency }, `downloads.concurrency ${concurrency} > downloads.maxConcurrency ${maxConcurrency}`)
    }
    resolveBaseUrl(next.region, next.endpoint) // throws EndpointError with a clear message
    this.backend.setSetting(KEY, next)
    for (const l of this.listeners) l(next)
    return next
  }

  /** Called after each saved update (e.g. main re-labels its menu when the language changes); returns an unsubscribe. */
  onChange(listener: (next: AppSettings) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The saved window bounds; undefined when none were saved or what is stored is not window bounds. */
  windowState(): WindowState | undefined {
    const parsed = windowStateSchema.safeParse(this.backend.getSetting(WINDOW_KEY))
    return parsed.success ? parsed.data : undefined
  }

  saveWindowState(state: WindowState): void {
    this.backend.setSetting(WINDOW_KEY, windowStateSchema.parse(state))
  }
}
