// The downloader as the IPC contract sees it (src/shared/ipc.ts): batches by id, progress views, cancel. The app,
// the CLI and auto-download all start batches here (services.downloads); services.ts relays its events to the
// event hub as 'download:progress' / 'download:done'.
import { randomUUID } from 'node:crypto'
import { EventEmitter } from 'node:events'
import type { DownloadProgressView, DownloadRequest } from '../../shared/ipc'
import { startingView } from '../../shared/downloads'
import type { PendingBatches } from './pendingBatches'
import type { DownloadBatch } from './batch'
import type { Downloader } from './downloader'
import type { BatchProgress } from './progress'
import type { BatchReport, BatchRequest } from './types'

/** What follows 'task:updated' events: the services' event hub and the PollScheduler fit. */
export interface TaskUpdateSource {
  on(event: 'task:updated', listener: (task: { taskId: string }) => void): unknown
  off(event: 'task:updated', listener: (task: { taskId: string }) => void): unknown
}

/** Feeds task updates into a batch that waits for unfinished tasks; unsubscribes when the batch is done. */
export function followTaskUpdates(batch: DownloadBatch, source: TaskUpdateSource): () => void {
  const listener = (task: { taskId: string }): void => batch.taskUpdated(task.taskId)
  source.on('task:updated', listener)
  const stop = (): void => void source.off('task:updated', listener)
  void batch.done.then(stop)
  return stop
}

export interface DownloadServiceEvents {
  progress: [DownloadProgressView]
  done: [DownloadProgressView]
}

export interface DownloadServiceOptions {
  /** defaults for what a request leaves out (from settings) */
  defaults?: () => { template?: string; concurrency?: number; maxConcurrency?: number; manifest?: boolean }
  /** keep finished batches' views for status() this long (default 10 minutes) */
  keepFinishedMs?: number
  /** where requests of batches not yet ended are kept, so a crash or quit mid-batch loses nothing */
  pending?: PendingBatches
  /** task updates (the services' event hub): a batch that waits for unfinished tasks follows them while it runs */
  updates?: TaskUpdateSource
}

/** How a batch was started, beside what was asked for. */
export interface StartOptions {
  /** 'auto': by main's auto-download (default 'user') */
  origin?: DownloadProgressView['origin']
  /** keep the request until the batch ends, so a quit or crash resumes it at the next start (default true;
   * the CLI's batches end with the command) */
  persist?: boolean
  /** a fixed number of files in flight for this batch, instead of the settings' adaptive range */
  concurrency?: number
  /** aborting it cancels the batch */
  signal?: AbortSignal
}

interface Entry {
  batch: DownloadBatch
  view: DownloadProgressView
  endedAt: number | null
  origin: DownloadProgressView['origin']
  tasks: number | null
}

export class DownloadService extends EventEmitter<DownloadServiceEvents> {
  private readonly entries = new Map<string, Entry>()
  private suspended = false

  constructor(
    private readonly downloader: Downloader,
    private readonly options: DownloadServiceOptions = {}
  ) {
    super()
  }

  /** batches started and not yet ended (running, or waiting for unfinished tasks) */
  activeCount(): number {
    let n = 0
    for (const e of this.entries.values()) if (e.endedAt === null) n++
    return n
  }

  start(req: DownloadRequest, opts: StartOptions = {}): { batchId: string } {
    const d = this.options.defaults?.() ?? {}
    // the downloader takes finished tasks only; a status in the filter has nothing to add
    const { status: _status, ...filter } = req.filter ?? {}
    const request: BatchRequest = {
      ...req,
      ...(req.filter ? { filter } : {}),
      ...(req.template ?? d.template ? { template: req.template ?? d.template } : {}),
      ...(opts.concurrency !== undefined
        ? { concurrency: opts.concurrency, maxConcurrency: opts.concurrency }
        : { ...(d.concurrency ? { concurrency: d.concurrency } : {}), ...(d.maxConcurrency ? { maxConcurrency: d.maxConcurrency } : {}) }),
      manifest: d.manifest ?? true,
      ...(opts.signal ? { signal: opts.signal } : {})
    }
    const batch = this.downloader.start(request)
    if (request.waitForUnfinished && this.options.updates) followTaskUpdates(batch, this.options.updates)
    const batchId = randomUUID()
    const persist = opts.persist ?? true
    if (persist) this.remember(batchId, req)
    const origin = opts.origin ?? 'user'
    const tasks = req.images ? new Set(req.images.map((i) => i.taskId)).size : (req.taskIds?.length ?? null)
    const entry: Entry = { batch, view: startingView(batchId, batch.folder, origin, tasks), endedAt: null, origin, tasks }
    this.entries.set(batchId, entry)
    batch.on('progress', (p) => {
      entry.view = viewOf(entry, batchId, p, entry.view.failures, 'running')
      this.emit('progress', entry.view)
    })
    batch.on('file', (e) => {
      if (e.type === 'finished' && e.outcome.status === 'failed') {
        entry.view.failures.push({ taskId: e.taskId, index: e.index, code: e.outcome.errorCode, error: e.outcome.reason ?? 'failed' })
      }
    })
    void batch.done.then((report) => {
      if (persist) this.remember(batchId, null)
      entry.endedAt = Date.now()
      entry.view = finalView(entry, batchId, report, batch.progress())
      this.emit('done', entry.view)
      this.prune()
    })
    return { batchId }
  }

  /**
   * Starts again every batch that was running when the app last stopped (quit, crash, power loss). Files already
   * complete are skipped and partial ones resume. Returns the new batch ids.
   */
  resumePending(): string[] {
    const store = this.options.pending
    if (!store) return []
    return store.list().map(({ batchId, request }) => {
      store.remove(batchId)
      return this.start(request).batchId
    })
  }

  /** Call before the downloader closes for a quit: the batches it stops stay pending and resume at next start. */
  suspend(): void {
    this.suspended = true
  }

  private remember(batchId: string, req: DownloadRequest | null): void {
    const store = this.options.pending
    if (!store || (req === null && this.suspended)) return
    if (req) store.add(batchId, req)
    else store.remove(batchId)
  }

  cancel(batchId: string): boolean {
    const e = this.entries.get(batchId)
    if (!e || e.endedAt !== null) return false
    e.batch.cancel()
    return true
  }

  status(): DownloadProgressView[] {
    this.prune()
    return [...this.entries.values()].map((e) => (e.endedAt === null ? viewOf(e, e.view.batchId, e.batch.progress(), e.view.failures, 'running') : e.view))
  }

  batch(batchId: string): DownloadBatch | undefined {
    return this.entries.get(batchId)?.batch
  }

  private prune(): void {
    const keep = this.options.keepFinishedMs ?? 10 * 60_000
    const now = Date.now()
    for (const [id, e] of this.entries) if (e.endedAt !== null && now - e.endedAt > keep) this.entries.delete(id)
  }
}

/** The view is the batch's own progress with which batch, where, and how it ended: no translation. */
function viewOf(
  entry: Pick<Entry, 'batch' | 'origin' | 'tasks'>,
  batchId: string,
  p: BatchProgress,
  failures: DownloadProgressView['failures'],
  state: DownloadProgressView['state']
): DownloadProgressView {
  return { ...p, batchId, folder: entry.batch.folder, state, failures, origin: entry.origin, tasks: entry.tasks, manifestNote: null }
}

function finalView(entry: Pick<Entry, 'batch' | 'origin' | 'tasks'>, batchId: string, r: BatchReport, p: BatchProgress): DownloadProgressView {
  const state: DownloadProgressView['state'] = r.cancelled ? 'cancelled' : r.failed > 0 ? 'failed' : 'done'
  const v = viewOf(entry, batchId, p, r.failures.map((f) => ({ taskId: f.taskId, index: f.index, code: f.errorCode, error: f.reason ?? 'failed' })), state)
  return { ...v, etaMs: null, manifestNote: r.manifestNote }
}
