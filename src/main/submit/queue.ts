// The submit queue: sends journaled photos under a submit limit of its own (apart from the polling budget), with
// the local checks and Base64 encoding of the next photos running while earlier calls are on their way.
// Every call is preceded by the journal's claim (written before the call) and followed by its outcome; see
// verdict.ts for what may be sent again. On close, running calls finish and the batches are let go for the next run.
import { EventEmitter } from 'node:events'
import type { AidgeErrorInfo } from '../../shared/aidge'
import { submitParamsProblem, type InputProblem, type SubmissionRecord } from '../../shared/submit'
import { AidgeError } from '../aidge/errors'
import { buildSubmitBody, type SubmitResult } from '../aidge/submitBody'
import { systemClock, type Clock } from '../tracking/clock'
import { SlidingWindowLimiter } from '../tracking/rateLimiter'
import type { NewSubmission, SubmitJournal } from './journal'
import { prepareInput, type Prepared } from './prepare'
import { submitVerdict } from './verdict'

export interface SubmitQueueOptions {
  /** submits in any one-second window as the server counts them (see SlidingWindowLimiter) */
  maxPerSecond: number
  /** submits on their way at once */
  maxInFlight: number
  /** photos checked and encoded ahead of the calls */
  prepareAhead: number
  /** calls of one photo, in all, while answers prove nothing was created (rate limits, refused connections) */
  maxAttempts: number
  /** first pause of all submits after such an answer; doubles while they repeat */
  retryPauseMs: number
  maxRetryPauseMs: number
  /** after this many unknown outcomes in a row, the rest is not sent (a broken link would only pile them up) */
  stopAfterUnknowns: number
}

export const DEFAULT_SUBMIT_OPTIONS: SubmitQueueOptions = {
  maxPerSecond: 1,
  maxInFlight: 2,
  prepareAhead: 4,
  maxAttempts: 6,
  retryPauseMs: 2_000,
  maxRetryPauseMs: 60_000,
  stopAfterUnknowns: 3
}

export interface SubmitQueueDeps {
  journal: SubmitJournal
  /** one paid call (the client's submitTask) */
  submit: (body: Record<string, string>, signal: AbortSignal) => Promise<SubmitResult>
  /** marks the row submitted and puts the task into history in one transaction, then starts tracking it */
  recordSubmitted: (id: number, result: SubmitResult) => SubmissionRecord
  clock?: Clock
  options?: Partial<SubmitQueueOptions>
}

export interface SubmitQueueEvents {
  'submission:updated': [SubmissionRecord]
}

const errorInfo = (e: unknown): AidgeErrorInfo =>
  e instanceof AidgeError ? e.toJSON() : { kind: 'network', code: 'UNEXPECTED', message: e instanceof Error ? e.message : String(e), retryable: false }

export class SubmitQueue extends EventEmitter<SubmitQueueEvents> {
  private readonly journal: SubmitJournal
  private readonly clock: Clock
  private options: SubmitQueueOptions
  private readonly limiter: SlidingWindowLimiter
  private readonly queue: number[] = []
  private readonly prepared = new Map<number, Promise<Prepared>>()
  private workers = 0
  private readonly running = new Set<Promise<void>>()
  /** calls on their way, cancelled only when close() has waited long enough */
  private readonly calls = new Set<AbortController>()
  private pausedUntil = 0
  private pauseMs: number
  private unknownsInARow = 0
  private closing = false
  /** wakes workers waiting for a limiter place or a pause */
  private wake: Array<() => void> = []

  constructor(private readonly deps: SubmitQueueDeps) {
    super()
    this.journal = deps.journal
    this.clock = deps.clock ?? systemClock
    this.options = { ...DEFAULT_SUBMIT_OPTIONS, ...deps.options }
    this.limiter = new SlidingWindowLimiter(this.options.maxPerSecond)
    this.pauseMs = this.options.retryPauseMs
  }

  setOptions(patch: Partial<SubmitQueueOptions>): void {
    this.options = { ...this.options, ...patch }
    this.limiter.setRate(this.options.maxPerSecond)
    this.start()
  }

  /** Journals the inputs as one batch (before any call) and starts sending. Throws for bad parameters. */
  enqueue(items: readonly NewSubmission[]): { batchId: string; rows: SubmissionRecord[] } {
    if (this.closing) throw new Error('The submit queue is closed.')
    for (const it of items) {
      const problem = submitParamsProblem(it.params)
      if (problem) throw new RangeError(problem)
    }
    const batch = this.journal.createBatch(items)
    this.push(batch.rows)
    return batch
  }

  /** Takes over interrupted batches (the row being sent when its process died becomes unknown) and sends the rest. */
  resume(): { interrupted: SubmissionRecord[]; pending: SubmissionRecord[] } {
    const adopted = this.journal.adoptOrphans()
    for (const r of adopted.interrupted) this.emit('submission:updated', r)
    this.push(adopted.pending)
    return adopted
  }

  /** Resolves when none of these rows is pending any more (or the queue closed). */
  async settled(ids: readonly number[]): Promise<SubmissionRecord[]> {
    const read = () => ids.map((id) => this.journal.get(id)).filter((r): r is SubmissionRecord => r !== null)
    while (!this.closing && read().some((r) => r.state === 'pending')) {
      await new Promise<void>((resolve) => {
        const check = (): void => {
          this.off('submission:updated', check)
          resolve()
        }
        this.on('submission:updated', check)
      })
    }
    return read()
  }

  /** rows waiting or being sent by this queue */
  get size(): number {
    return this.queue.length + this.workers
  }

  /**
   * Stops taking photos; calls on their way get `graceMs` to finish and be recorded (after that they are cancelled
   * and become unknown: they may have created a task); the batches are let go for the next run.
   */
  async close(graceMs = 10_000): Promise<void> {
    this.closing = true
    this.wakeAll()
    const timer = setTimeout(() => this.calls.forEach((c) => c.abort()), graceMs)
    while (this.running.size > 0) await Promise.allSettled([...this.running])
    clearTimeout(timer)
    this.journal.letGo()
  }

  private push(rows: readonly SubmissionRecord[]): void {
    for (const r of rows) if (r.state === 'pending' && !this.queue.includes(r.id)) this.queue.push(r.id)
    this.start()
  }

  private start(): void {
    // A worker takes its first row before its first await, so the queue shrinks as workers start.
    while (!this.closing && this.workers < this.options.maxInFlight && this.queue.length > 0) {
      this.workers++
      const w = this.work().finally(() => {
        this.workers--
        this.running.delete(w)
      })
      this.running.add(w)
    }
  }

  private prefetch(): void {
    for (const id of this.queue.slice(0, this.options.prepareAhead + this.options.maxInFlight)) {
      if (this.prepared.has(id)) continue
      const row = this.journal.get(id)
      if (!row) continue
      const p = prepareInput(row).catch((e: unknown): Prepared => ({ ok: false, sha256: null, problem: { code: 'UNREADABLE', message: (e as Error).message } }))
      this.prepared.set(id, p)
    }
  }

  private update(row: SubmissionRecord): void {
    this.emit('submission:updated', row)
  }

  private async work(): Promise<void> {
    while (!this.closing) {
      const id = this.queue.shift()
      if (id === undefined) return
      this.prefetch()
      const prep = this.prepared.get(id) ?? prepareInput(this.journal.get(id)!)
      this.prefetch()
      const ready = await prep
      const row = this.journal.get(id)
      if (!row || row.state !== 'pending') {
        this.prepared.delete(id)
        continue
      }
      if (!ready.ok || (row as SubmissionRecord & { paramsBroken?: boolean }).paramsBroken) {
        this.prepared.delete(id)
        const problem: InputProblem = ready.ok ? { code: 'BAD_PARAMS', data: { reason: 'stored' }, message: 'The stored parameters of this photo are unreadable; choose them again.' } : ready.problem
        this.update(this.journal.reject(id, problem, ready.sha256))
        continue
      }
      // The check after the wait runs in this continuation, and nothing awaits between it and the limiter's start()
      // in send(): two workers woken together cannot both take the last place in the window.
      do await this.place()
      while (!this.closing && this.waitTime() > 0)
      if (this.closing) return // unclaimed: it stays pending for the next run
      const claim = this.journal.claim(id, ready.sha256, ready.fitted, ready.thumbnail)
      if (claim.kind !== 'send') {
        this.prepared.delete(id)
        const now = claim.kind === 'skipped' ? claim.row : this.journal.get(id)
        if (now) this.update(now)
        continue
      }
      this.update(claim.row)
      await this.send(claim.row, ready)
    }
  }

  /** Waits for a place under the limit and for any pause to end. */
  private async place(): Promise<void> {
    for (;;) {
      if (this.closing) return
      const wait = this.waitTime()
      if (wait <= 0) return
      await new Promise<void>((resolve) => {
        const timer = Number.isFinite(wait) ? this.clock.setTimeout(() => resolve(), wait) : null
        this.wake.push(() => {
          if (timer !== null) this.clock.clearTimeout(timer)
          resolve()
        })
      })
    }
  }

  private waitTime(): number {
    const now = this.clock.now()
    return Math.max(this.pausedUntil - now, this.limiter.waitTime(now))
  }

  private wakeAll(): void {
    const waiting = this.wake
    this.wake = []
    for (const w of waiting) w()
  }

  private async send(row: SubmissionRecord, ready: Extract<Prepared, { ok: true }>): Promise<void> {
    const done = this.limiter.start()
    const call = new AbortController()
    this.calls.add(call)
    let result: SubmitResult | undefined
    let failure: unknown
    try {
      result = await this.deps.submit(buildSubmitBody(row.params, ready.image), call.signal)
    } catch (e) {
      failure = e
    } finally {
      this.calls.delete(call)
      done(this.clock.now())
      this.wakeAll()
    }
    if (result) {
      this.prepared.delete(row.id)
      this.unknownsInARow = 0
      this.pauseMs = this.options.retryPauseMs
      this.update(this.deps.recordSubmitted(row.id, result))
      return
    }
    const error = errorInfo(failure)
    const verdict = submitVerdict(failure)
    if (verdict.kind === 'retry' && row.attempts < this.options.maxAttempts) {
      // Nothing was created: the photo goes back to the head of the line and every submit pauses.
      this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + (verdict.pauseMs ?? this.pauseMs))
      this.pauseMs = Math.min(this.pauseMs * 2, this.options.maxRetryPauseMs)
      this.update(this.journal.backToPending(row.id, error))
      this.queue.unshift(row.id)
      return
    }
    this.prepared.delete(row.id)
    if (verdict.kind === 'unknown') {
      this.update(this.journal.unknown(row.id, error))
      if (++this.unknownsInARow >= this.options.stopAfterUnknowns) {
        this.stopRest({ kind: 'network', code: 'NOT_SENT', retryable: false, message: `Not sent: ${this.unknownsInARow} submits in a row ended without an answer; check the connection, then submit these photos again.` })
      }
      return
    }
    this.unknownsInARow = 0
    this.update(this.journal.reject(row.id, error))
    if (verdict.kind === 'rejected' && verdict.stop) this.stopRest({ ...error, message: `Not sent: ${error.message}` })
  }

  /** Every photo still waiting is rejected without a call: nothing was sent for them, so they can be sent again. */
  private stopRest(error: AidgeErrorInfo): void {
    for (const id of this.queue.splice(0)) {
      this.prepared.delete(id)
      const row = this.journal.get(id)
      if (row?.state === 'pending' && row.sendingSince === null) this.update(this.journal.reject(id, error))
    }
  }
}
