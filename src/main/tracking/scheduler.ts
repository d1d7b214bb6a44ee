import { EventEmitter } from 'node:events'
import { isTerminalStatus, type AidgeErrorInfo } from '../../shared/aidge'
import type { TrackingMode, TrackingStatus } from '../../shared/tracking'
import { AidgeError } from '../aidge/errors'
import type { TaskQueryResult } from '../aidge/parse'
import { isHistoryDiskFull } from '../history/errors'
import type { QueryRecordInput, RecordQueryResult, TaskRecord } from '../history/types'
import { systemClock, type Clock } from './clock'
import { DueQueue } from './dueQueue'
import { SlidingWindowLimiter } from './rateLimiter'
import { DEFAULT_POLL_OPTIONS, type PollOptions } from './options'
import { RateController } from './rateController'
import { FinishEstimator } from './estimator'

export { DEFAULT_POLL_OPTIONS, type PollOptions } from './options'

/** The part of the history store the poller writes to. */
export interface TrackingStore {
  recordQuery(taskId: string, input: QueryRecordInput, at?: number): RecordQueryResult
  recordError(taskId: string, error: AidgeErrorInfo, opts: { endTracking: boolean }, at?: number): TaskRecord
  markStale(taskId: string, at?: number): TaskRecord | null
  activeTasks(): TaskRecord[]
}

export type QueryFn = (taskId: string, signal: AbortSignal) => Promise<TaskQueryResult>

export interface TrackingEvents {
  'task:updated': [TaskRecord]
  'tracking:state': [TrackingStatus]
}

type Outcome = { ok: true; result: TaskQueryResult } | { ok: false; error: unknown }

interface Tracked {
  taskId: string
  gen: number
  intervalMs: number
  /** when it was first seen or submitted: its age is what the FinishEstimator reads */
  bornAt: number
  /** the start of its last query (its first-seen time before any) */
  polledAt: number
  lastProgressAt: number
  failures: number
  inFlight: AbortController | null
  /** requery() callers waiting for the next outcome */
  waiters: Array<(r: TaskRecord | null) => void>
}

/**
 * Polls every non-terminal task until it finishes or fails: a per-task adaptive interval, one global limit on
 * calls per second and in flight, a global pause on rate limits, a full stop on auth/quota errors.
 */
/** Where the rate AIMD found is kept between runs (per endpoint and key: the caller decides what it is keyed by). */
export interface RateMemory {
  load(): number | undefined
  save(rate: number): void
}

export class PollScheduler extends EventEmitter<TrackingEvents> {
  private readonly clock: Clock
  private readonly random: () => number
  private options: PollOptions
  private readonly limiter: SlidingWindowLimiter
  private readonly rate: RateController
  private readonly rateMemory: RateMemory | undefined
  private rateSavedAt = -Infinity
  readonly estimator: FinishEstimator
  private readonly queue = new DueQueue()
  private readonly tasks = new Map<string, Tracked>()
  private timer: unknown = null
  private timerAt = Infinity
  private inFlight = 0
  private paused = false
  private stopped = false
  private blocked: AidgeErrorInfo | null = null
  private rateLimitedUntil = 0
  /** when the current rate-limit episode began (the first limit answered to a call started after the last one) */
  private rateLimitHitAt = -Infinity
  private rateLimitError: AidgeErrorInfo | null = null
  private consecutiveRateLimits = 0
  private lastEmitted = ''
  private settled: Array<() => void> = []
  /** answers that arrived but could not be saved (the disk is full), by task; written first once space is back */
  private readonly unsaved = new Map<string, { t: Tracked; outcome: Outcome; startedAt: number }>()
  private storageFull: { folder: string; freeBytes: number | null } | null = null
  private diskTimer: unknown = null

  constructor(
    private readonly query: QueryFn,
    private readonly store: TrackingStore,
    opts: { clock?: Clock; random?: () => number; options?: Partial<PollOptions>; rateMemory?: RateMemory; durationsMs?: readonly number[] } = {}
  ) {
    super()
    this.clock = opts.clock ?? systemClock
    this.random = opts.random ?? Math.random
    this.options = { ...DEFAULT_POLL_OPTIONS, ...opts.options }
    this.rateMemory = opts.rateMemory
    this.estimator = new FinishEstimator(opts.durationsMs)
    const o = this.options
    this.rate = new RateController({ start: (o.adaptiveRate ? this.rateMemory?.load() : undefined) ?? o.maxQps, ceiling: this.ceiling(), maxInFlight: o.maxInFlight })
    this.limiter = new SlidingWindowLimiter(this.rate.rate, o.adaptiveRate ? 'start' : 'answer')
  }

  private ceiling(): number {
    return this.options.adaptiveRate ? Math.max(this.options.maxQps, this.options.maxQpsCeiling) : this.options.maxQps
  }

  /** calls per second the poller allows itself now (AIMD's current rate, or maxQps) */
  get callsPerSecond(): number {
    return this.rate.rate
  }

  /**
   * Resumes every task the history says is still being tracked. The stale deadline keeps counting from the last
   * change the history recorded: restarting the app (or running the CLI again) is not progress, so a task stuck
   * for hours does not get a fresh deadline at every start.
   */
  start(): void {
    const now = this.clock.now()
    this.add(
      this.store.activeTasks().map((t) => ({ taskId: t.taskId, lastProgressAt: Math.min(now, t.lastChangeAt), bornAt: Math.min(now, t.addedAt), polledAt: t.lastQueriedAt }))
    )
  }

  /** Starts polling these tasks now (tasks already tracked keep their schedule). */
  track(taskIds: readonly string[]): void {
    const now = this.clock.now()
    this.add(taskIds.map((taskId) => ({ taskId, lastProgressAt: now, bornAt: now, polledAt: null })))
  }

  private add(entries: ReadonlyArray<{ taskId: string; lastProgressAt: number; bornAt: number; polledAt: number | null }>): void {
    if (this.stopped) return
    const now = this.clock.now()
    for (const { taskId, lastProgressAt, bornAt, polledAt } of entries) {
      if (this.tasks.has(taskId)) continue
      const t: Tracked = { taskId, gen: 0, intervalMs: this.options.initialIntervalMs, bornAt, polledAt: polledAt ?? bornAt, lastProgressAt, failures: 0, inFlight: null, waiters: [] }
      this.tasks.set(taskId, t)
      // A resumed task (it was queried before this start) keeps the schedule its history implies.
      this.schedule(t, polledAt === null || this.options.schedule === 'backoff' ? now : Math.max(now, polledAt + this.likelyWait(t, polledAt)))
    }
    this.pump()
  }

  isTracking(taskId: string): boolean {
    return this.tasks.has(taskId)
  }

  /**
   * Queries a task as soon as the limits allow and resolves with what was recorded (null if it was dropped
   * before an answer). A task that was not tracked (finished, stale, ended by an error) is tracked again until
   * that query: it keeps being polled if it is still not terminal.
   */
  requery(taskId: string): Promise<TaskRecord | null> {
    if (this.stopped) return Promise.resolve(null)
    let t = this.tasks.get(taskId)
    if (!t) {
      this.track([taskId])
      t = this.tasks.get(taskId) as Tracked
    } else if (!t.inFlight) {
      t.intervalMs = this.options.initialIntervalMs
      t.lastProgressAt = this.clock.now()
      this.schedule(t, this.clock.now())
    }
    const tracked = t
    return new Promise((resolve) => {
      tracked.waiters.push(resolve)
      this.pump()
    })
  }

  /** Stops polling one task (its in-flight call is cancelled). The caller removes it from history if asked. */
  untrack(taskId: string): void {
    this.unsaved.delete(taskId)
    const t = this.tasks.get(taskId)
    if (!t) return
    t.inFlight?.abort()
    this.drop(t, null)
    this.pump()
  }

  pause(): void {
    this.paused = true
    this.pump()
  }

  /** Resumes after a user's pause (and after an auth/quota stop). */
  resume(): void {
    this.paused = false
    this.unblock()
  }

  /** Retries after an auth/quota stop (new credentials or settings); a user's pause stays in force. */
  unblock(): void {
    this.blocked = null
    this.pump()
  }

  setOptions(partial: Partial<PollOptions>): void {
    const before = this.options
    this.options = { ...this.options, ...partial }
    const restart = !this.options.adaptiveRate || before.maxQps !== this.options.maxQps
    this.rate.configure({ ceiling: this.ceiling(), maxInFlight: this.options.maxInFlight, ...(restart ? { start: this.options.maxQps } : {}) })
    this.limiter.setCountFrom(this.options.adaptiveRate ? 'start' : 'answer')
    this.limiter.setRate(this.rate.rate)
    this.pump()
  }

  status(): TrackingStatus {
    let mode: TrackingMode
    const now = this.clock.now()
    if (this.stopped) mode = 'stopped'
    else if (this.blocked) mode = 'blocked'
    else if (this.storageFull) mode = 'diskFull'
    else if (this.paused) mode = 'paused'
    else if (now < this.rateLimitedUntil) mode = 'rateLimited'
    else mode = this.tasks.size === 0 ? 'idle' : 'running'
    return {
      mode,
      activeTasks: this.tasks.size,
      resumeAt: mode === 'rateLimited' ? this.rateLimitedUntil : null,
      problem: mode === 'blocked' ? this.blocked : mode === 'rateLimited' ? this.rateLimitError : null,
      ...(this.options.adaptiveRate ? { callsPerSecond: Math.round(this.rate.rate * 10) / 10 } : {}),
      ...(mode === 'diskFull' && this.storageFull ? { storage: { ...this.storageFull } } : {})
    }
  }

  /** Number of query calls in flight. */
  get callsInFlight(): number {
    return this.inFlight
  }

  /** Cancels every call in flight and waits for them to settle; no write happens after this resolves. */
  async stop(): Promise<void> {
    this.stopped = true
    this.saveRate(true)
    this.clearTimer()
    this.clearDiskTimer()
    this.unsaved.clear()
    for (const t of this.tasks.values()) t.inFlight?.abort()
    if (this.inFlight > 0) await new Promise<void>((resolve) => this.settled.push(resolve))
    for (const t of [...this.tasks.values()]) this.drop(t, null)
    this.emitState()
  }

  private schedule(t: Tracked, at: number): void {
    t.gen++
    this.queue.push(at, t.taskId, t.gen)
  }

  private drop(t: Tracked, record: TaskRecord | null): void {
    this.tasks.delete(t.taskId)
    t.gen++
    for (const w of t.waiters.splice(0)) w(record)
  }

  private jittered(ms: number): number {
    const j = this.options.jitter
    return Math.max(0, Math.round(ms * (1 - j + 2 * j * this.random())))
  }

  private clearTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer)
    this.timer = null
    this.timerAt = Infinity
  }

  private wakeAt(at: number): void {
    if (this.timer !== null && this.timerAt <= at) return
    this.clearTimer()
    this.timerAt = at
    this.timer = this.clock.setTimeout(() => {
      this.timer = null
      this.timerAt = Infinity
      this.pump()
    }, at - this.clock.now())
  }

  /** Starts every call that is due and allowed; arms one timer for the next moment something could start. */
  private pump(): void {
    this.emitState()
    if (this.stopped || this.paused || this.blocked || this.storageFull) return this.clearTimer()
    const now = this.clock.now()
    if (now < this.rateLimitedUntil) return this.wakeAt(this.rateLimitedUntil)
    while (this.inFlight < this.options.maxInFlight) {
      const top = this.queue.peek()
      if (!top) return this.clearTimer()
      const t = this.tasks.get(top.key)
      if (!t || t.gen !== top.gen || t.inFlight) {
        this.queue.pop()
        continue
      }
      if (top.at > now) return this.wakeAt(top.at)
      const wait = this.limiter.waitTime(now)
      if (wait > 0) this.rate.noteThrottled()
      // Infinity: only a call in flight can free a place, and its end pumps again.
      if (wait === Infinity) return
      if (wait > 0) return this.wakeAt(now + wait)
      const next = this.options.schedule === 'likely' ? this.likeliestDue(now) : t
      if (next === t) this.queue.pop()
      // its entry further down the queue is left behind (lazy deletion by generation)
      else next.gen++
      void this.poll(next, this.limiter.start(now))
    }
  }

  private async poll(t: Tracked, release: (now: number) => void): Promise<void> {
    this.inFlight++
    const ac = new AbortController()
    t.inFlight = ac
    const startedAt = this.clock.now()
    t.polledAt = startedAt
    let outcome: Outcome
    try {
      outcome = { ok: true, result: await this.query(t.taskId, ac.signal) }
    } catch (error) {
      outcome = { ok: false, error }
    }
    release(this.clock.now())
    try {
      // Only the query's own failure is a failed call: a store write or an event listener that throws while the
      // answer is handled must not end the task's tracking as if the server had refused it (nor escape as an
      // unhandled rejection and leave the task tracked but never scheduled again).
      if (this.tasks.get(t.taskId) === t && !this.stopped) this.handle(t, outcome, startedAt)
    } catch (e) {
      if (isHistoryDiskFull(e)) this.keepUnsaved(t, outcome, startedAt, e)
      else this.onHandlingFailure(t, e)
    } finally {
      t.inFlight = null
      this.inFlight--
      if (this.inFlight === 0) for (const done of this.settled.splice(0)) done()
      this.pump()
    }
  }

  private handle(t: Tracked, outcome: Outcome, startedAt: number): void {
    if (outcome.ok) this.onResult(t, outcome.result, startedAt)
    else this.onError(t, outcome.error, startedAt)
  }

  /**
   * The disk is full: the answer stays in memory (never lost, never asked for again), no new call starts, and the
   * unsaved answers are tried again every diskRetryMs; the first that saves means space is back and tracking goes on.
   */
  private keepUnsaved(t: Tracked, outcome: Outcome, startedAt: number, e: { folder: string; freeBytes?: number | null }): void {
    this.unsaved.set(t.taskId, { t, outcome, startedAt })
    this.storageFull = { folder: e.folder, freeBytes: e.freeBytes ?? null }
    if (this.diskTimer === null && !this.stopped) {
      this.diskTimer = this.clock.setTimeout(() => {
        this.diskTimer = null
        this.saveUnsaved()
      }, this.options.diskRetryMs)
    }
  }

  private saveUnsaved(): void {
    for (const [taskId, u] of [...this.unsaved]) {
      this.unsaved.delete(taskId)
      if (this.stopped || this.tasks.get(taskId) !== u.t || u.t.inFlight) continue
      try {
        this.handle(u.t, u.outcome, u.startedAt)
      } catch (e) {
        if (isHistoryDiskFull(e)) return this.keepUnsaved(u.t, u.outcome, u.startedAt, e)
        this.onHandlingFailure(u.t, e)
      }
    }
    this.storageFull = null
    this.pump()
  }

  private clearDiskTimer(): void {
    if (this.diskTimer !== null) this.clock.clearTimeout(this.diskTimer)
    this.diskTimer = null
  }

  /**
   * The answer could not be handled (the database locked by another process, a listener that threw): said as a
   * process warning, and a task still tracked is queried again later with the retry backoff.
   */
  private onHandlingFailure(t: Tracked, e: unknown): void {
    const retry = this.tasks.get(t.taskId) === t && !this.stopped
    process.emitWarning(
      `Tracking task ${t.taskId}: its answer could not be handled (${e instanceof Error ? e.message : String(e)})${retry ? '; it is queried again later' : ''}.`,
      { code: 'AIDGE_TRACKING_HANDLER' }
    )
    if (!retry) return
    t.failures++
    const delay = Math.min(this.options.maxRetryDelayMs, this.options.initialIntervalMs * 2 ** (t.failures - 1))
    this.schedule(t, this.clock.now() + this.jittered(delay))
  }

  private onResult(t: Tracked, result: TaskQueryResult, startedAt: number): void {
    const now = this.clock.now()
    const { task, statusChanged } = this.store.recordQuery(t.taskId, result, now)
    // A call that was already in flight when the last rate limit hit says nothing about the limit being over.
    if (startedAt > this.rateLimitHitAt) {
      this.consecutiveRateLimits = 0
      this.rateLimitError = null
    }
    if (this.options.adaptiveRate) {
      this.rate.onAnswer(now, now - startedAt)
      this.limiter.setRate(this.rate.rate)
      this.saveRate(false)
    }
    t.failures = 0
    // Whoever waited for this answer gets it; a requery() made by a listener of this very update (a download
    // finding the link in it expired) waits for a new answer, which a finished task gets by being tracked again.
    const waiting = t.waiters.splice(0)
    if (isTerminalStatus(result.status)) {
      if (result.status === 'finished') this.estimator.add(now - t.bornAt)
      this.drop(t, task)
      for (const w of waiting) w(task)
      this.emit('task:updated', task)
      return
    }
    if (statusChanged) {
      t.lastProgressAt = now
      t.intervalMs = this.options.initialIntervalMs
    } else if (now - t.lastProgressAt >= this.options.staleAfterMs) {
      t.waiters.unshift(...waiting)
      return this.goStale(t, now)
    } else {
      t.intervalMs = Math.min(this.options.maxIntervalMs, t.intervalMs * this.options.backoffFactor)
    }
    for (const w of waiting) w(task)
    this.emit('task:updated', task)
    const wait = this.options.schedule === 'likely' ? this.likelyWait(t, startedAt) : this.jittered(t.intervalMs)
    this.schedule(t, t.waiters.length > 0 ? now : (this.options.schedule === 'likely' ? startedAt : now) + wait)
  }

  private onError(t: Tracked, e: unknown, startedAt: number): void {
    const now = this.clock.now()
    const info: AidgeErrorInfo =
      e instanceof AidgeError
        ? e.toJSON()
        : { kind: 'malformed', code: (e as { code?: string })?.code ?? 'UNEXPECTED', message: e instanceof Error ? e.message : String(e), retryable: false, taskId: t.taskId }

    if (info.kind === 'cancelled') return this.schedule(t, now)
    if (info.kind === 'auth' || info.kind === 'quota') {
      // One clear stop, not a storm: every task waits until the user fixes credentials or quota and resumes.
      // The calls that were in flight fail the same way; the first error stays the one message shown.
      this.blocked ??= info
      const record = this.report(t, info, false, now)
      for (const w of t.waiters.splice(0)) w(record)
      return this.schedule(t, now)
    }
    if (info.kind === 'rateLimit') {
      // Calls that were in flight when the limit hit answer with the same limit: they are one event, not a
      // reason to double the pause once per call. A new episode is a limit on a call started after the last one.
      if (startedAt > this.rateLimitHitAt) {
        this.consecutiveRateLimits++
        this.rateLimitHitAt = now
        const backoff = Math.min(this.options.maxRateLimitPauseMs, this.options.rateLimitPauseMs * 2 ** (this.consecutiveRateLimits - 1))
        const pause = Math.max(info.retryAfterMs ?? 0, this.jittered(backoff))
        this.rateLimitedUntil = Math.max(this.rateLimitedUntil, now + pause)
        this.rateLimitError = info
        if (this.options.adaptiveRate) {
          this.rate.onLimit(now)
          this.limiter.setRate(this.rate.rate)
          this.saveRate(true)
        }
      } else if (info.retryAfterMs !== undefined) {
        this.rateLimitedUntil = Math.max(this.rateLimitedUntil, now + info.retryAfterMs)
      }
      return this.schedule(t, this.rateLimitedUntil)
    }
    t.failures++
    // resCode 500 is a system error to retry with backoff like any transient one (outages last minutes, and the
    // stale deadline bounds it); the business retry budget is for codes such as 1001 that the vendor caps.
    const budgeted = info.kind === 'business' && info.code !== '500'
    const giveUp = !info.retryable || (budgeted && t.failures > this.options.maxBusinessRetries)
    if (giveUp) return this.drop(t, this.report(t, info, true, now))
    if (now - t.lastProgressAt >= this.options.staleAfterMs) return this.goStale(t, now)
    const record = this.report(t, info, false, now)
    for (const w of t.waiters.splice(0)) w(record)
    const delay = Math.min(this.options.maxRetryDelayMs, this.options.initialIntervalMs * 2 ** (t.failures - 1))
    this.schedule(t, now + this.jittered(delay))
  }

  /**
   * 'likely': how long after a poll at `at` the task is due again: when the chance it finished since reaches the
   * threshold; no longer than spareIntervalMs while the budget is spare and a finish is plausible at all.
   */
  private likelyWait(t: Tracked, at: number): number {
    const o = this.options
    const age = at - t.bornAt
    // Spare budget: every task could be polled every spareIntervalMs within 80% of the rate.
    const spare = (this.tasks.size * 1000) / o.spareIntervalMs <= 0.8 * this.rate.rate
    let wait = this.estimator.waitFor(age, spare ? o.spareChanceThreshold : o.chanceThreshold, o.minIntervalMs, o.maxIntervalMs)
    // With budget to spare, no finish inside the likely window waits more than spareIntervalMs: the wait ends at
    // most spareIntervalMs after the window opens (see FinishEstimator.spareWait).
    if (spare) wait = Math.min(wait, this.estimator.spareWait(age, wait, o.spareIntervalMs))
    return Math.max(o.minIntervalMs, wait)
  }

  /**
   * Of every task due now, the one to query first: one a caller waits for, then one past the interval ceiling,
   * then the likeliest to have finished since its last poll. Tasks that stay due keep their place in the queue.
   */
  private likeliestDue(now: number): Tracked {
    let best: Tracked | null = null
    let bestScore = -Infinity
    for (const e of this.queue.dueEntries(now)) {
      const t = this.tasks.get(e.key)
      if (!t || t.gen !== e.gen || t.inFlight) continue
      const score =
        t.waiters.length > 0 ? 10 : now - t.polledAt >= this.options.maxIntervalMs ? 5 : this.estimator.chance(t.polledAt - t.bornAt, now - t.bornAt)
      if (score > bestScore) {
        best = t
        bestScore = score
      }
    }
    return best as Tracked
  }

  private saveRate(force: boolean): void {
    if (!this.rateMemory || !this.options.adaptiveRate) return
    const now = this.clock.now()
    if (!force && now - this.rateSavedAt < 30_000) return
    this.rateSavedAt = now
    try {
      this.rateMemory.save(this.rate.rate)
    } catch {
      // A rate that could not be kept is found again next time; polling goes on.
    }
  }

  private goStale(t: Tracked, now: number): void {
    const stale = this.store.markStale(t.taskId, now)
    if (stale) this.emit('task:updated', stale)
    this.drop(t, stale)
  }

  private report(t: Tracked, info: AidgeErrorInfo, endTracking: boolean, now: number): TaskRecord {
    const record = this.store.recordError(t.taskId, { ...info, taskId: t.taskId }, { endTracking }, now)
    this.emit('task:updated', record)
    return record
  }

  private emitState(): void {
    const s = this.status()
    const key = JSON.stringify(s)
    if (key === this.lastEmitted) return
    this.lastEmitted = key
    this.emit('tracking:state', s)
  }
}
