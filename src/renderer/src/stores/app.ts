// What the app is showing and the settings/credentials it runs with.
import { create } from 'zustand'
import type { CredentialStatusView } from '../../../shared/ipc'
import type { AppSettings, SettingsPatch } from '../../../shared/settings'
import { ApiError, call, errorMessage, hasBridge } from '../api'

export type Phase = 'loading' | 'setup' | 'ready' | 'offline' | 'error'
export type View = 'tasks' | 'settings' | 'new'

interface AppState {
  phase: Phase
  loadError: string | null
  view: View
  settings: AppSettings | null
  credentials: CredentialStatusView | null
  /** the operating system's preferred languages as main reports them (Electron's); [] until known */
  systemLanguages: string[]
  /** asks main what the window starts with; `alongside` (work asked for at the same time whose result the first
   * screen shows) is waited for too, for up to ALONGSIDE_WAIT_MS */
  boot(alongside?: Promise<unknown>): Promise<void>
  setView(view: View): void
  /** persists a patch; throws ApiError with the reason when main refuses it */
  updateSettings(patch: SettingsPatch): Promise<AppSettings>
  setCredentials(c: CredentialStatusView): void
  finishSetup(): void
}

/** How long the start waits for the list's first page beyond the settings: rendering the window once with its rows
 * costs less than rendering it without them and again (its answer's parsing would wait behind that first render). */
const ALONGSIDE_WAIT_MS = 500

export const useApp = create<AppState>()((set) => ({
  phase: 'loading',
  loadError: null,
  view: 'tasks',
  settings: null,
  credentials: null,
  systemLanguages: [],
  async boot(alongside) {
    if (!hasBridge()) {
      set({ phase: 'offline' })
      return
    }
    set({ phase: 'loading', loadError: null })
    try {
      const [settings, credentials, info] = await Promise.all([call('settings:get'), call('credentials:status'), call('app:info')])
      if (alongside) await Promise.race([alongside.catch(() => undefined), new Promise((r) => window.setTimeout(r, ALONGSIDE_WAIT_MS))])
      set({ settings, credentials, systemLanguages: info.languages, phase: credentials.configured ? 'ready' : 'setup' })
    } catch (e) {
      set({ phase: 'error', loadError: errorMessage(e) })
    }
  },
  setView(view) {
    set({ view })
  },
  async updateSettings(patch) {
    const settings = await call('settings:update', patch)
    set({ settings })
    return settings
  },
  setCredentials(credentials) {
    set({ credentials })
  },
  finishSetup() {
    set({ phase: 'ready', view: 'tasks' })
  }
}))

export { ApiError }
