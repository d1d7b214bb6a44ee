import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Region } from '../shared/aidge'
import type { AppSettings } from '../shared/settings'
import type { DownloadRequest } from '../shared/ipc'
import { extractTaskIds, taskIdProblem } from '../shared/taskIds'
import { AidgeClient } from './aidge/client'
import { createCredentialStore, takeEnvCredentials, type CredentialStore, type Credentials } from './credentials'
import { openHistoryStore, type HistoryStore } from './history'
import { SettingsStore } from './settingsStore'
import { PollScheduler, type Clock, type PollOptions } from './tracking'
import { createDownloader, createImageCache, DownloadService, refreshWithRequery, type Downloader, type ImageCache } from './downloads'
import { resolveAllowedFile } from './mediaPaths'

export interface ServicesOptions {
  dataDir: string
  /** environment for credentials (AIDGE_ACCESS_KEY_NAME/SECRET) and overrides; default process.env */
  env?: NodeJS.ProcessEnv
  /** a ready credential store (tests); default: env, then the OS keychain, then memory */
  credentials?: CredentialStore
  /** keychain service name (tests use their own) */
  keychainService?: string
  /** connection overrides that win over the saved settings for this run (CLI flags, env) */
  connection?: { region?: Region; endpoint?: string | null; trial?: boolean }
  /** poll option overrides (tests, benchmark) */
  pollOptions?: Partial<PollOptions>
  clock?: Clock
  random?: () => number
}

export interface AddTasksResult {
  added: string[]
  existing: string[]
  /** inputs that are not acceptable ids, each with the reason */
  invalid: Array<{ input: string; problem: string }>
}

export interface Services {
  readonly dataDir: string
  readonly history: HistoryStore
  readonly credentials: CredentialStore
  readonly settings: SettingsStore
  readonly scheduler: PollScheduler
  readonly downloader: Downloader
  /** batches as the UI sees them (ids, progress views, cancel) */
  readonly downloads: DownloadService
  readonly imageCache: ImageCache
  /** the file behind a media URL, only from the image cache or a download folder (symlinks resolved) */
  mediaFile(kind: 'thumb' | 'full', taskId: string, index: number): Promise<string>
  /** the client for the current settings (rebuilt when they change) */
  client(): AidgeClient
  /** settings with this run's connection overrides applied */
  effectiveSettings(): AppSettings
  updateSettings(patch: unknown): AppSettings
  /** adds ids (validated; duplicates folded) to history and starts tracking the new and unfinished ones */
  addTasks(ids: readonly string[]): AddTasksResult
  /** extracts ids from any text, then addTasks */
  addTasksFromText(text: string): AddTasksResult
  /** call after credentials change: the next call uses them, a blocked poller retries */
  credentialsChanged(): void
  close(): Promise<void>
}

/** The composition root: builds every plain-Node service on one data folder. The app, the CLI and tests use it. */
export async function createServices(options: ServicesOptions): Promise<Services> {
  mkdirSync(options.dataDir, { recursive: true })
  // The secret leaves the environment here, whichever store ends up holding the credentials (see takeEnvCredentials).
  const env = takeEnvCredentials(options.env ?? process.env)
  const clock = options.clock
  const history = openHistoryStore({ dataDir: options.dataDir, ...(clock ? { now: () => clock.now() } : {}) })
  // Downloads interrupted by a crash start again from the temp file; none stays "pending" forever.
  history.resetPendingDownloads()
  const credentials =
    options.credentials ??
    (await createCredentialStore({ env, ...(options.keychainService ? { serviceName: options.keychainService } : {}) }))
  const settings = new SettingsStore(history)

  const effectiveSettings = (): AppSettings => {
    const s = settings.get()
    const c = options.connection ?? {}
    return {
      ...s,
      ...(c.region !== undefined ? { region: c.region } : {}),
      ...(c.endpoint !== undefined ? { endpoint: c.endpoint } : {}),
      ...(c.trial !== undefined ? { trial: c.trial } : {})
    }
  }

  // Credentials are read from the store at most once per change, not at every call.
  let cached: Promise<Credentials | null> | null = null
  const readCredentials = (): Promise<Credentials | null> => (cached ??= credentials.get().catch(() => null))

  let client: AidgeClient | null = null
  let clientKey = ''
  const currentClient = (): AidgeClient => {
    const s = effectiveSettings()
    const key = JSON.stringify([s.region, s.endpoint, s.trial])
    if (!client || key !== clientKey) {
      const old = client
      client = new AidgeClient({ credentials: readCredentials, region: s.region, endpoint: s.endpoint, trial: s.trial, ...(clock ? { now: () => clock.now() } : {}) })
      clientKey = key
      void old?.close()
    }
    return client
  }

  const pollingFromSettings = (s: AppSettings): Partial<PollOptions> => ({
    maxQps: s.polling.maxQps,
    maxInFlight: s.polling.maxInFlight,
    staleAfterMs: s.polling.staleAfterMinutes * 60_000
  })

  const scheduler = new PollScheduler((taskId, signal) => currentClient().queryTask(taskId, { signal }), history, {
    ...(clock ? { clock } : {}),
    ...(options.random ? { random: options.random } : {}),
    options: { ...pollingFromSettings(effectiveSettings()), ...options.pollOptions }
  })

  // Expired image links are re-queried through the scheduler, so the fresh URLs are recorded like any answer.
  const refresh = refreshWithRequery((id) => scheduler.requery(id), history)
  const downloader = createDownloader({ history, refresh, concurrency: effectiveSettings().downloads.concurrency })
  const downloads = new DownloadService(downloader, {
    pending: {
      load: () => history.getSetting<Record<string, DownloadRequest>>('downloads.pending') ?? {},
      save: (p) => history.setSetting('downloads.pending', p)
    },
    defaults: () => {
      const d = effectiveSettings().downloads
      return { template: d.filenameTemplate, concurrency: d.concurrency, manifest: true }
    }
  })
  scheduler.on('task:updated', (t) => downloads.taskUpdated(t.taskId))
  const imageCache = createImageCache({ dataDir: options.dataDir, history, refresh, env: downloader.env })

  const mediaFile = async (kind: 'thumb' | 'full', taskId: string, index: number): Promise<string> => {
    const file = kind === 'thumb' ? await imageCache.thumbnail(taskId, index) : await imageCache.full(taskId, index)
    // A full image may be the user's own download: its folder is allowed only because history points there.
    const image = history.getTask(taskId)?.images.find((i) => i.index === index)
    const roots = [imageCache.imagesDir, imageCache.thumbsDir]
    if (image?.downloadState === 'done' && image.localPath) roots.push(dirname(image.localPath))
    return resolveAllowedFile(file, roots)
  }

  const addTasks = (ids: readonly string[]): AddTasksResult => {
    const invalid: AddTasksResult['invalid'] = []
    const valid: string[] = []
    for (const id of ids) {
      const problem = taskIdProblem(id)
      if (problem) invalid.push({ input: id, problem })
      else valid.push(id)
    }
    const { added, existing } = history.addTasks([...new Set(valid)])
    const unfinished = new Set(history.nonTerminalTaskIds())
    scheduler.track([...added, ...existing.filter((id) => unfinished.has(id))])
    return { added, existing, invalid }
  }

  return {
    dataDir: options.dataDir,
    history,
    credentials,
    settings,
    scheduler,
    downloader,
    downloads,
    imageCache,
    mediaFile,
    client: currentClient,
    effectiveSettings,
    updateSettings(patch) {
      const next = settings.update(patch)
      scheduler.setOptions({ ...pollingFromSettings(next), ...options.pollOptions })
      currentClient()
      scheduler.unblock()
      return next
    },
    addTasks,
    addTasksFromText: (text) => addTasks(extractTaskIds(text).ids),
    credentialsChanged() {
      cached = null
      scheduler.unblock()
    },
    async close() {
      downloads.suspend()
      await downloader.close()
      await imageCache.close()
      await scheduler.stop()
      await client?.close()
      history.close()
    }
  }
}
