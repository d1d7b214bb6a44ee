import { mkdirSync } from 'node:fs'
import type { AppSettings } from '../shared/settings'
import type { AidgeClient, AidgeClientOptions } from './aidge/client'
import { createClientSource } from './aidge/clientSource'
import { createCredentialStore, takeEnvCredentials, type CredentialStore } from './credentials'
import { AutoDownload, createDownloader, createImageCache, DownloadService, imageHostsFor, openPendingBatches, refreshWithRequery, type Downloader, type ImageCache } from './downloads'
import { channelSchemas } from './handlers/schemas'
import { EventHub } from './events'
import { openHistory, type HistoryStore } from './history'
import { startBackupSchedule } from './history/backupSchedule'
import type { StartupNotice } from '../shared/notices'
import { createMediaFiles, type MediaFiles } from './mediaPaths'
import { SettingsStore, type ConnectionOverrides } from './settings'
import { SubmitService, submitOptionsOf, type SubmitQueueOptions } from './submit'
import { addAndTrack, pollOptionsOf, PollScheduler, systemClock, type AddTasksResult, type Clock, type PollOptions } from './tracking'

export interface ServicesOptions {
  dataDir: string
  /** environment for credentials (AIDGE_ACCESS_KEY_NAME/SECRET) and overrides; default process.env */
  env?: NodeJS.ProcessEnv
  /** a ready credential store (tests); default: env, then the OS keychain, then memory */
  credentials?: CredentialStore
  /** keychain service name (tests use their own) */
  keychainService?: string
  /** connection overrides that win over the saved settings for this run (CLI flags, env) */
  connection?: ConnectionOverrides
  /** poll option overrides (tests, benchmark) */
  pollOptions?: Partial<PollOptions>
  /** client timeouts (tests) */
  clientTimeouts?: AidgeClientOptions['timeouts']
  /** submit queue overrides (tests, benchmark) */
  submitOptions?: Partial<SubmitQueueOptions>
  clock?: Clock
  random?: () => number
}

export interface Services {
  readonly dataDir: string
  readonly history: HistoryStore
  /** what happened at start that the user must be told (a damaged history restored from a backup...) */
  readonly startupNotices: readonly StartupNotice[]
  readonly credentials: CredentialStore
  readonly settings: SettingsStore
  readonly scheduler: PollScheduler
  readonly downloader: Downloader
  /** batches as the UI sees them (ids, progress views, cancel) */
  readonly downloads: DownloadService
  /** settings.downloads.autoDownload, run in main (enabled by start()) */
  readonly autoDownload: AutoDownload
  readonly imageCache: ImageCache
  /** the one typed event source: task updates, tracking state, download progress */
  readonly events: EventHub
  /** paid calls: the journal, the queue and the balance (nothing is sent until submit() or resume()) */
  readonly submissions: SubmitService
  /** the file behind a media URL, only from the image cache or a download folder (symlinks resolved) */
  mediaFile: MediaFiles
  /** the client for the current settings (rebuilt when they change) */
  client(): AidgeClient
  /** settings with this run's connection overrides applied */
  effectiveSettings(): AppSettings
  updateSettings(patch: unknown): AppSettings
  /** adds ids to history (all refused with a TaskIdError when one is bad) and tracks the new and unfinished ones */
  addTasks(ids: readonly string[]): AddTasksResult
  /** call after credentials change: the next call uses them, a blocked poller retries */
  credentialsChanged(): void
  /** What the app does at start (the CLI does not): tracking resumes, batches a quit or crash interrupted carry
   * on, and finished tasks download on their own when the settings ask. */
  start(): void
  close(): Promise<void>
}

/** The composition root: builds every plain-Node service on one data folder and wires them. The app, the CLI and
 * tests use it. Rules live in the rooms these come from, not here. */
export async function createServices(options: ServicesOptions): Promise<Services> {
  mkdirSync(options.dataDir, { recursive: true })
  // The secret leaves the environment here, whichever store ends up holding the credentials (see takeEnvCredentials).
  const env = takeEnvCredentials(options.env ?? process.env)
  const clock = options.clock
  const now = clock ? () => clock.now() : undefined
  // A damaged file is moved aside and the newest good backup restored; the notices say so.
  const { store: history, notices } = openHistory({ dataDir: options.dataDir, ...(now ? { now } : {}) })
  // Real timers even under a test's manual clock (whose queue must hold only the poller's timers); its time, though.
  const stopBackups = startBackupSchedule(history, { ...systemClock, now: () => (clock ?? systemClock).now() })
  // Downloads interrupted by a crash start again from the temp file; none stays "pending" forever.
  history.resetPendingDownloads()
  const credentials =
    options.credentials ??
    (await createCredentialStore({ env, ...(options.keychainService ? { serviceName: options.keychainService } : {}) }))
  const settings = new SettingsStore(history, options.connection)
  const clients = createClientSource({
    credentials,
    connection: () => settings.effective(),
    ...(now ? { now } : {}),
    ...(options.clientTimeouts ? { timeouts: options.clientTimeouts } : {})
  })
  const events = new EventHub()

  // The rate AIMD found is kept per endpoint and access key: another key or gateway has its own limit.
  const keyName = (await credentials.get().catch(() => null))?.accessKeyName ?? ''
  const rateKey = (): string => {
    const c = settings.effective()
    return `tracking.rate:${JSON.stringify([c.region, c.endpoint ?? '', keyName])}`
  }
  const scheduler = new PollScheduler((taskId, signal) => clients.client().queryTask(taskId, { signal }), history, {
    ...(clock ? { clock } : {}),
    ...(options.random ? { random: options.random } : {}),
    options: { ...pollOptionsOf(settings.effective().polling), ...options.pollOptions },
    durationsMs: history.finishedDurations(200),
    rateMemory: {
      load: () => history.getSetting<number>(rateKey()),
      save: (rate) => history.setSetting(rateKey(), rate)
    }
  })

  // Expired image links are re-queried through the scheduler, so the fresh URLs are recorded like any answer.
  const refresh = refreshWithRequery((id) => scheduler.requery(id), history)
  const downloader = createDownloader({
    history,
    refresh,
    concurrency: settings.effective().downloads.concurrency,
    maxConcurrency: settings.effective().downloads.maxConcurrency,
    // images from public https hosts only, unless signed calls go to this computer (simulator, local proxy)
    imageHosts: () => imageHostsFor(clients.client().baseUrl),
    maxImageBytes: () => settings.effective().downloads.maxImageMiB * 1024 * 1024
  })
  const downloads = new DownloadService(downloader, {
    pending: openPendingBatches(history.connection(), {
      // a stored request is checked as the renderer's is
      check: (request) => {
        const parsed = channelSchemas['downloads:start'].safeParse([request])
        return parsed.success ? parsed.data[0] : null
      },
      ...(now ? { now } : {})
    }),
    defaults: () => {
      const d = settings.effective().downloads
      return { template: d.filenameTemplate, concurrency: d.concurrency, maxConcurrency: d.maxConcurrency, manifest: true }
    },
    // batches that wait for unfinished tasks (watch --download, "wait for unfinished") follow the hub
    updates: events
  })
  const autoDownload = new AutoDownload({
    settings: () => settings.effective().downloads,
    start: (taskIds, folder) => void downloads.start({ taskIds, folder }, { origin: 'auto' }),
    skipped: (notice) => events.emit('download:autoSkipped', notice),
    ...(clock ? { clock } : {})
  })
  const imageCache = createImageCache({ dataDir: options.dataDir, history, refresh, env: downloader.env })

  const submissions = new SubmitService({
    history,
    client: () => clients.client(),
    track: (id) => scheduler.track([id]),
    ...(clock ? { clock } : {}),
    options: { ...submitOptionsOf(settings.effective().submit), ...options.submitOptions }
  })

  scheduler.on('task:updated', (t) => events.emit('task:updated', t))
  scheduler.on('tracking:state', (s) => events.emit('tracking:state', s))
  downloads.on('progress', (v) => events.emit('download:progress', v))
  downloads.on('done', (v) => events.emit('download:done', v))
  submissions.queue.on('submission:updated', (r) => events.emit('submission:updated', r))
  events.on('task:updated', (t) => autoDownload.taskUpdated(t))

  return {
    dataDir: options.dataDir,
    history,
    startupNotices: notices,
    credentials,
    settings,
    scheduler,
    downloader,
    downloads,
    autoDownload,
    imageCache,
    events,
    submissions,
    mediaFile: createMediaFiles(imageCache, history),
    client: () => clients.client(),
    effectiveSettings: () => settings.effective(),
    updateSettings(patch) {
      const next = settings.update(patch)
      scheduler.setOptions({ ...pollOptionsOf(next.polling), ...options.pollOptions })
      submissions.queue.setOptions({ ...submitOptionsOf(next.submit), ...options.submitOptions })
      clients.client()
      scheduler.unblock()
      return next
    },
    addTasks: (ids) => addAndTrack(history, scheduler, ids),
    credentialsChanged() {
      clients.credentialsChanged()
      scheduler.unblock()
    },
    start() {
      scheduler.start()
      downloads.resumePending()
      // submit batches a quit or crash interrupted send the rest; the photo that was on its way becomes unknown
      submissions.resume()
      autoDownload.enable()
    },
    async close() {
      autoDownload.close()
      stopBackups()
      downloads.suspend()
      // Submits on their way finish and are recorded before anything they write to is closed.
      await submissions.close()
      await downloader.close()
      await imageCache.close()
      await scheduler.stop()
      await clients.close()
      history.close()
    }
  }
}
