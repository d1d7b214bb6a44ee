// A batch: a set of tasks' images going into one folder, with a concurrency cap, progress events, waiting for
// unfinished tasks (watch --download), cancel, a manifest and a final report listing every failure.
import { EventEmitter, setMaxListeners } from 'node:events'
import fs from 'node:fs/promises'
import path from 'node:path'
import type { ManifestNote } from '../../shared/downloads'
import type { HistoryStore } from '../history'
import { AdaptiveConcurrency, type ConcurrencyState } from './concurrency'
import { fileSystemError, isDownloadError, loadMayCause } from './errors'
import type { FetchEnv, FetchEvent } from './fetchImage'
import { outcome, runJob, type Job, type JobContext } from './fileJob'
import { DEFAULT_TEMPLATE, validateTemplate } from './fileNames'
import { HistoryWriter } from './historyWriter'
import { ForeignManifestError, updateManifest } from './manifest'
import { isPartFileName, partPathsFor } from './partFile'
import { yieldedLimit } from './priority'
import { NameReservations } from './placement'
import { batchProgress, RateMeter, type BatchProgress } from './progress'
import { freshUrlsOnce } from './refresh'
import type { BatchEvents, BatchReport, BatchRequest, FileEvent, FileOutcome, RefreshTask, TaskNote } from './types'

export interface BatchDeps {
  history: HistoryStore
  env: FetchEnv
  refresh: RefreshTask | null
  /** files at once to start with, and at most (see concurrency.ts) */
  concurrency: number
  maxConcurrency: number
  busyMeter?: () => () => number
  progressIntervalMs: number
  verifyExisting: 'sha256' | 'size'
}

export class DownloadBatch extends EventEmitter<BatchEvents> {
  readonly folder: string
  /** resolves once every file has an outcome (never rejects) */
  readonly done: Promise<BatchReport>
  private resolveDone!: (r: BatchReport) => void
  private readonly controller = new AbortController()
  private readonly queue: Job[] = []
  private readonly active = new Set<Job>()
  /** jobs holding a network slot (the concurrency cap); a job whose body has arrived gives its slot back */
  private readonly onNetwork = new Set<Job>()
  /** each running job's pause: aborted to make room for a priority fetch (the job goes back to the queue) */
  private readonly pauses = new Map<Job, AbortController>()
  private stopFollowingPriority: () => void = () => undefined
  private readonly awaited = new Set<string>()
  private readonly seen = new Set<string>()
  private readonly outcomes: FileOutcome[] = []
  private readonly notes = new Map<string, TaskNote>()
  private readonly meter: RateMeter
  private readonly writer: HistoryWriter
  private readonly ctx: JobContext
  private readonly startedAt: number
  private readonly concurrency: AdaptiveConcurrency
  /** the chosen images of each task (request.images), or null: every image of each task */
  private readonly chosen: ReadonlyMap<string, ReadonlySet<number>> | null
  private sealed: boolean
  private starting = true
  private finished = false
  private lastProgressAt = -Infinity

  constructor(
    private readonly deps: BatchDeps,
    private readonly request: BatchRequest
  ) {
    super()
    // every transfer and backoff in flight listens for cancel: as many as the concurrency, and more
    setMaxListeners(0, this.controller.signal)
    const template = request.template ?? DEFAULT_TEMPLATE
    validateTemplate(template)
    this.chosen = request.images ? imagesByTask(request.images) : null
    this.folder = path.resolve(request.folder)
    this.done = new Promise((resolve) => (this.resolveDone = resolve))
    const clock = deps.env.clock
    this.startedAt = clock.now()
    this.meter = new RateMeter(() => clock.now())
    const reservations = new NameReservations()
    this.writer = new HistoryWriter(deps.history, clock, (folder) => reservations.syncer.sync(folder))
    this.concurrency = new AdaptiveConcurrency(
      { initial: request.concurrency ?? deps.concurrency, ceiling: request.maxConcurrency ?? deps.maxConcurrency },
      () => clock.now(),
      () => this.onNetwork.size,
      () => this.queue.length,
      () => this.pump(),
      deps.busyMeter
    )
    this.sealed = !request.open
    this.ctx = {
      folder: this.folder,
      template,
      env: deps.env,
      history: deps.history,
      writer: this.writer,
      reservations,
      signal: this.controller.signal,
      verifyExisting: deps.verifyExisting,
      knownParts: null,
      folderError: null,
      freshUrl: deps.refresh ? freshUrlsOnce(deps.refresh, this.controller.signal) : null,
      onFetchEvent: (job, e) => this.onFetchEvent(job, e),
      onBytes: (job, received, total) => this.onBytes(job, received, total),
      onBodyDone: (job) => {
        if (this.onNetwork.delete(job)) this.pump()
      }
    }
    const priority = deps.env.priority
    if (priority) {
      // The pause comes on the next turn of the event loop: stopping a dozen transfers is main-thread work, and the
      // fetch a person waits for goes out on the wire first (its time to first byte covers the pause). Meanwhile
      // limit() already starts nothing new.
      let queued = false
      const onChange = (): void => {
        if (queued) return
        queued = true
        setImmediate(() => {
          queued = false
          this.priorityChanged(priority.active)
        })
      }
      priority.on('change', onChange)
      this.stopFollowingPriority = () => void priority.off('change', onChange)
      if (priority.active > 0) this.concurrency.suspend(true)
    }
    if (request.signal) {
      if (request.signal.aborted) this.controller.abort()
      else request.signal.addEventListener('abort', () => this.cancel(), { once: true })
    }
  }

  /** Called by the downloader right after construction (listeners are attached by then: events are async). */
  async begin(): Promise<void> {
    await Promise.resolve()
    try {
      await fs.mkdir(this.folder, { recursive: true })
      // one listing now spares every file a stat for a partial file that is not there
      this.ctx.knownParts = new Set((await fs.readdir(this.folder)).filter(isPartFileName))
    } catch (e) {
      this.ctx.folderError = fileSystemError(e, `The target folder ${this.folder} cannot be used`)
    }
    try {
      const ids = this.chosen ? [...this.chosen.keys()] : (this.request.taskIds ?? this.finishedTaskIds())
      this.addTasks(ids)
    } finally {
      this.starting = false
      this.maybeFinish()
    }
  }

  /** Adds tasks to a running batch (images of finished tasks are queued; unfinished ones wait or are skipped). */
  add(taskIds: readonly string[]): void {
    if (this.finished || this.controller.signal.aborted) throw new Error('This download batch has ended; start a new one')
    this.addTasks(taskIds)
    this.maybeFinish()
  }

  /** Tell the batch a task changed (e.g. the scheduler's 'task:updated'): a waited-for task that finished is queued. */
  taskUpdated(taskId: string): void {
    if (!this.awaited.has(taskId) || this.finished) return
    this.awaited.delete(taskId)
    this.addTasks([taskId])
    this.maybeFinish()
  }

  /** No more add() calls: the batch ends once everything queued and waited for is done. */
  seal(): void {
    this.sealed = true
    this.maybeFinish()
  }

  /** Aborts transfers in flight (their partial files stay, resumable), drops the queue, stops waiting. */
  cancel(): void {
    if (this.finished) return
    this.controller.abort()
    for (const job of this.queue.splice(0)) this.record(job, this.cancelledOutcome(job))
    for (const taskId of this.awaited) this.note({ taskId, state: 'cancelled', reason: 'cancelled before the task finished' })
    this.awaited.clear()
    this.maybeFinish()
  }

  get cancelled(): boolean {
    return this.controller.signal.aborted
  }

  /** Tasks the batch still waits for. */
  waitingFor(): string[] {
    return [...this.awaited]
  }

  /** files at once now, and how the batch got there */
  concurrencyState(): ConcurrencyState {
    return this.concurrency.state()
  }

  progress(): BatchProgress {
    return batchProgress(this.outcomes, this.active, this.queue, this.meter, this.awaited.size, this.deps.env.clock.now() - this.startedAt)
  }

  private finishedTaskIds(): string[] {
    const ids: string[] = []
    // collected first: the store must not be written while iterating
    for (const t of this.deps.history.iterateTasks({ ...this.request.filter, status: 'finished', sort: 'addedAsc' })) ids.push(t.taskId)
    return ids
  }

  private addTasks(taskIds: readonly string[]): void {
    const wait = this.request.waitForUnfinished === true
    for (const taskId of new Set(taskIds)) {
      const task = this.deps.history.getTask(taskId)
      if (!task) {
        if (wait) this.wait(taskId, 'not in history yet')
        else this.note({ taskId, state: 'missing', reason: 'not in history' })
      } else if (task.status === 'finished') {
        this.awaited.delete(taskId)
        const only = this.chosen?.get(taskId)
        const images = only ? task.images.filter((i) => only.has(i.index)) : task.images
        if (images.length === 0) this.note({ taskId, state: 'no-images', reason: only ? 'the task has none of the chosen images' : 'the task finished without images' })
        else this.note({ taskId, state: 'queued', reason: `${images.length} image(s)` })
        for (const img of images) this.enqueue(taskId, img.index, task.finishedAt ?? task.addedAt)
      } else if (task.status === 'failed') {
        this.awaited.delete(taskId)
        this.note({ taskId, state: 'failed', reason: `the task failed${task.message ? `: ${task.message}` : ''}` })
      } else if (wait && task.tracking === 'active') {
        this.wait(taskId, `status ${task.status ?? 'not queried yet'}`)
      } else {
        this.awaited.delete(taskId)
        const why = task.tracking === 'active' ? '' : ` and is no longer tracked (${task.tracking})`
        this.note({ taskId, state: 'not-finished', reason: `the task is ${task.status ?? 'not queried yet'}${why}` })
      }
    }
  }

  private wait(taskId: string, why: string): void {
    this.awaited.add(taskId)
    this.note({ taskId, state: 'waiting', reason: why })
  }

  private note(n: TaskNote): void {
    this.notes.set(n.taskId, n)
    this.emit('task', n)
  }

  private enqueue(taskId: string, index: number, date: number): void {
    const key = `${taskId}\u0000${index}`
    if (this.seen.has(key)) return
    this.seen.add(key)
    const job: Job = { taskId, index, date, baseline: null, received: 0, total: null, lastEventAt: -Infinity, askedAt: 0 }
    if (this.cancelled) return this.record(job, this.cancelledOutcome(job))
    this.queue.push(job)
    this.emitFile({ type: 'queued', taskId, index })
    this.pump()
  }

  private pump(): void {
    // files still being made durable do not hold a network slot, but are bounded too (open files, memory)
    const limit = this.limit()
    const spacing = this.concurrency.spacingMs
    for (let started = 0; this.onNetwork.size < limit && this.active.size < limit * 2 && this.queue.length > 0; started++) {
      const job = this.queue.shift()!
      this.active.add(job)
      this.onNetwork.add(job)
      const pause = new AbortController()
      this.pauses.set(job, pause)
      job.signal = AbortSignal.any([this.controller.signal, pause.signal])
      void this.afterMs(started * spacing)
        .then(() => runJob(this.ctx, job))
        .catch((e: unknown) => this.unexpected(job, e))
        .then((o) => {
          this.active.delete(job)
          this.onNetwork.delete(job)
          this.pauses.delete(job)
          if (pause.signal.aborted && !this.cancelled && o.status === 'cancelled') this.requeue(job)
          else this.record(job, o)
          this.pump()
          this.maybeFinish()
        })
    }
  }

  private afterMs(ms: number): Promise<void> {
    return ms > 0 ? new Promise((resolve) => this.deps.env.clock.setTimeout(resolve, ms)) : Promise.resolve()
  }

  /** Files on the network at most now: the adaptive limit, less while the line is yielded to a priority fetch. */
  private limit(): number {
    return yieldedLimit(this.concurrency.limit, this.deps.env.priority?.active ?? 0)
  }

  /** A fetch a person waits for began or ended: make room by pausing the youngest transfers, or go on. */
  private priorityChanged(active: number): void {
    if (this.finished) return
    this.concurrency.suspend(active > 0)
    const keep = this.limit()
    // the least advanced first: they lose the least (what arrived stays in their partial files)
    const running = [...this.onNetwork].filter((j) => !this.pauses.get(j)?.signal.aborted).sort((a, b) => a.received - b.received)
    for (let i = 0; i < running.length - keep; i++) this.pauses.get(running[i]!)?.abort()
    this.pump()
  }

  /** A paused file goes back to the front of the queue; its partial file is resumed with Range when it starts again. */
  private requeue(job: Job): void {
    const paths = partPathsFor(this.folder, `${job.taskId}\u0000${job.index}`)
    this.ctx.knownParts?.add(path.basename(paths.part)).add(path.basename(paths.meta))
    Object.assign(job, { baseline: null, received: 0, total: null, lastEventAt: -Infinity })
    delete job.signal
    this.queue.unshift(job)
  }

  private unexpected(job: Job, e: unknown): FileOutcome {
    const err = isDownloadError(e) ? e : fileSystemError(e, 'Unexpected failure')
    return { ...this.cancelledOutcome(job), status: 'failed', reason: `task ${job.taskId} image ${job.index}: ${err.message}`, errorCode: err.code }
  }

  private cancelledOutcome(job: Job): FileOutcome {
    return outcome(job, { status: 'cancelled', reason: 'cancelled', errorCode: 'CANCELLED' })
  }

  private record(job: Job, o: FileOutcome): void {
    this.outcomes.push(o)
    this.emitFile({ type: 'finished', taskId: job.taskId, index: job.index, outcome: o })
    this.emitProgress(true)
  }

  private onFetchEvent(job: Job, e: FetchEvent): void {
    const { taskId, index } = job
    if (e.type === 'attempt') {
      job.baseline = null
      job.askedAt = this.deps.env.clock.now()
      this.emitFile({ type: 'started', taskId, index, attempt: e.attempt })
    } else if (e.type === 'retry') {
      if (loadMayCause(e.error)) this.concurrency.trouble()
      this.emitFile({ type: 'retrying', taskId, index, attempt: e.attempt, delayMs: e.delayMs, reason: e.error.message })
    } else {
      this.emitFile({ type: 'refreshed', taskId, index })
    }
  }

  private onBytes(job: Job, received: number, total: number | null): void {
    if (job.baseline === null) {
      job.baseline = received
      this.concurrency.firstByte(this.deps.env.clock.now() - job.askedAt)
    } else {
      this.meter.add(received - job.received)
      this.concurrency.bytes(received - job.received)
    }
    job.received = received
    job.total = total
    const now = this.deps.env.clock.now()
    if (now - job.lastEventAt >= this.deps.progressIntervalMs || (total !== null && received === total)) {
      job.lastEventAt = now
      this.emitFile({ type: 'progress', taskId: job.taskId, index: job.index, receivedBytes: received, totalBytes: total })
    }
    this.emitProgress(false)
  }

  private emitFile(e: FileEvent): void {
    if (this.listenerCount('file') > 0) this.emit('file', e)
  }

  private emitProgress(force: boolean): void {
    const now = this.deps.env.clock.now()
    if (!force && now - this.lastProgressAt < this.deps.progressIntervalMs) return
    this.lastProgressAt = now
    if (this.listenerCount('progress') > 0) this.emit('progress', this.progress())
  }

  private maybeFinish(): void {
    if (this.finished || this.starting) return
    if (this.active.size > 0 || this.queue.length > 0) return
    if (!this.cancelled && (this.awaited.size > 0 || !this.sealed)) return
    this.finished = true
    void this.finalize()
  }

  private async finalize(): Promise<void> {
    this.stopFollowingPriority()
    await this.writer.flush()
    const warnings = [...this.writer.errors]
    let manifestPath: string | null = null
    let manifestNote: ManifestNote | null = null
    const done = this.outcomes.filter((o) => (o.status === 'downloaded' || o.status === 'skipped') && o.path && o.bytes !== null && o.sha256)
    if (this.request.manifest && !this.ctx.folderError && (done.length > 0 || this.outcomes.length > 0)) {
      try {
        const now = this.deps.env.clock.now()
        const written = await updateManifest(
          this.folder,
          {
            files: done.map((o) => ({ taskId: o.taskId, index: o.index, path: o.path!, bytes: o.bytes!, sha256: o.sha256!, url: o.source, at: now })),
            failures: this.outcomes.filter((o) => o.status === 'failed').map((o) => ({ taskId: o.taskId, index: o.index, reason: o.reason ?? 'failed' }))
          },
          now
        )
        manifestPath = written.path
        manifestNote = written.note
      } catch (e) {
        if (e instanceof ForeignManifestError) manifestNote = 'foreign'
        else warnings.push(fileSystemError(e, 'Writing manifest.json').message)
      }
    }
    const count = (s: FileOutcome['status']) => this.outcomes.filter((o) => o.status === s).length
    const report: BatchReport = {
      folder: this.folder,
      cancelled: this.cancelled,
      startedAt: this.startedAt,
      finishedAt: this.deps.env.clock.now(),
      files: [...this.outcomes],
      downloaded: count('downloaded'),
      skipped: count('skipped'),
      failed: count('failed'),
      cancelledFiles: count('cancelled'),
      bytesReceived: this.meter.total,
      failures: this.outcomes.filter((o) => o.status === 'failed'),
      tasks: [...this.notes.values()].filter((n) => n.state !== 'queued'),
      manifestPath,
      manifestNote,
      warnings
    }
    this.emitProgress(true)
    this.emit('done', report)
    this.resolveDone(report)
  }
}

function imagesByTask(images: ReadonlyArray<{ taskId: string; index: number }>): Map<string, Set<number>> {
  const byTask = new Map<string, Set<number>>()
  for (const { taskId, index } of images) {
    let set = byTask.get(taskId)
    if (!set) byTask.set(taskId, (set = new Set()))
    set.add(index)
  }
  return byTask
}
