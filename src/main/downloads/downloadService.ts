// The downloader as the IPC contract sees it (src/shared/ipc.ts): batches by id, progress views, cancel.
// services.ts can expose this as `services.downloads`; the handlers forward its events as
// 'download:progress' / 'download:done'.
import { randomUUID } from 'node:crypto'
import { EventEmitter } from 'node:events'
import type { DownloadProgressView, DownloadRequest } from '../../shared/ipc'
import type { DownloadBatch } from './batch'
import type { Downloader } from './downloader'
import type { BatchProgress } from './progress'
import type { BatchReport, BatchRequest } from './types'

export interface DownloadServiceEvents {
  progress: [DownloadProgressView]
  done: [DownloadProgressView]
}

export interface DownloadServiceOptions {
  /** defaults for what a request leaves out (from settings) */
  defaults?: () => { template?: string; concurrency?: number; manifest?: boolean }
  /** keep finished batches' views for status() this long (default 10 minutes) */
  keepFinishedMs?: number
  /** where requests of batches not yet ended are kept, so a crash or quit mid-batch loses nothing */
  pending?: PendingBatches
}

/** Durable record of the batches started through the service and not yet ended (done, cancelled or failed). */
export interface PendingBatches {
  load(): Record<string, DownloadRequest>
  save(pending: Record<string, DownloadRequest>): void
}

interface Entry {
  batch: DownloadBatch
  view: DownloadProgressView
  endedAt: number | null
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

  start(req: DownloadRequest, extra: Partial<BatchRequest> = {}): { batchId: string } {
    const d = this.options.defaults?.() ?? {}
    // the downloader takes finished tasks only; a status in the filter has nothing to add
    const { status: _status, ...filter } = req.filter ?? {}
    const request: BatchRequest = {
      targetDir: req.folder,
      ...(req.taskIds ? { taskIds: req.taskIds } : {}),
      ...(req.filter ? { filter } : {}),
      unfinished: req.waitForUnfinished ? 'wait' : 'skip',
      ...(req.template ?? d.template ? { template: req.template ?? d.template } : {}),
      ...(d.concurrency ? { concurrency: d.concurrency } : {}),
      manifest: d.manifest ?? true,
      ...extra
    }
    const batch = this.downloader.start(request)
    const batchId = randomUUID()
    this.remember(batchId, req)
    const entry: Entry = { batch, view: emptyView(batchId, batch.targetDir), endedAt: null }
    this.entries.set(batchId, entry)
    batch.on('progress', (p) => {
      entry.view = viewOf(batchId, batch.targetDir, p, entry.view.failures, 'running')
      this.emit('progress', entry.view)
    })
    batch.on('file', (e) => {
      if (e.type === 'finished' && e.outcome.status === 'failed') {
        entry.view.failures.push({ taskId: e.taskId, index: e.index, error: e.outcome.reason ?? 'failed' })
      }
    })
    void batch.done.then((report) => {
      this.remember(batchId, null)
      entry.endedAt = Date.now()
      entry.view = finalView(batchId, report, batch.progress())
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
    const requests = Object.values(store.load())
    store.save({})
    return requests.map((req) => this.start(req).batchId)
  }

  /** Call before the downloader closes for a quit: the batches it stops stay pending and resume at next start. */
  suspend(): void {
    this.suspended = true
  }

  private remember(batchId: string, req: DownloadRequest | null): void {
    const store = this.options.pending
    if (!store || (req === null && this.suspended)) return
    const pending = store.load()
    if (req) pending[batchId] = req
    else delete pending[batchId]
    store.save(pending)
  }

  cancel(batchId: string): boolean {
    const e = this.entries.get(batchId)
    if (!e || e.endedAt !== null) return false
    e.batch.cancel()
    return true
  }

  status(): DownloadProgressView[] {
    this.prune()
    return [...this.entries.values()].map((e) => (e.endedAt === null ? viewOf(e.view.batchId, e.batch.targetDir, e.batch.progress(), e.view.failures, 'running') : e.view))
  }

  batch(batchId: string): DownloadBatch | undefined {
    return this.entries.get(batchId)?.batch
  }

  /** Tells every running batch that waits for tasks about an update (wire to the scheduler's 'task:updated'). */
  taskUpdated(taskId: string): void {
    for (const e of this.entries.values()) if (e.endedAt === null) e.batch.taskUpdated(taskId)
  }

  private prune(): void {
    const keep = this.options.keepFinishedMs ?? 10 * 60_000
    const now = Date.now()
    for (const [id, e] of this.entries) if (e.endedAt !== null && now - e.endedAt > keep) this.entries.delete(id)
  }
}

function emptyView(batchId: string, folder: string): DownloadProgressView {
  return { batchId, folder, filesDone: 0, filesFailed: 0, filesSkipped: 0, filesTotal: 0, bytesDone: 0, rate: 0, eta: null, state: 'running', failures: [] }
}

function viewOf(batchId: string, folder: string, p: BatchProgress, failures: DownloadProgressView['failures'], state: DownloadProgressView['state']): DownloadProgressView {
  return {
    batchId,
    folder,
    filesDone: p.downloaded,
    filesFailed: p.failed,
    filesSkipped: p.skipped,
    filesTotal: p.filesTotal,
    bytesDone: p.bytesReceived,
    rate: p.rateBytesPerSec,
    eta: p.etaMs === null ? null : Math.round(p.etaMs / 1000),
    state,
    failures
  }
}

function finalView(batchId: string, r: BatchReport, p: BatchProgress): DownloadProgressView {
  const state: DownloadProgressView['state'] = r.cancelled ? 'cancelled' : r.failed > 0 ? 'failed' : 'done'
  const v = viewOf(batchId, r.targetDir, p, r.failures.map((f) => ({ taskId: f.taskId, index: f.index, error: f.reason ?? 'failed' })), state)
  return { ...v, eta: null }
}
