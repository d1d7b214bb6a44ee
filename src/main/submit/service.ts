// The submit service as the app and the CLI use it: the journal in the history file, the queue, the link from
// a submitted photo to its task in history (one transaction) and to the poller, and the balance of the submit API.
import type { BalanceView, SubmissionRecord } from '../../shared/submit'
import type { AidgeClient } from '../aidge/client'
import { SUBMIT_API, type SubmitResult } from '../aidge/submitBody'
import type { HistoryStore } from '../history'
import type { Clock } from '../tracking/clock'
import { SubmitJournal, type NewSubmission } from './journal'
import { SubmitQueue, type SubmitQueueOptions } from './queue'

export interface SubmitServiceDeps {
  history: HistoryStore
  client: () => AidgeClient
  /** starts polling a new task at once */
  track: (taskId: string) => void
  clock?: Clock
  options?: Partial<SubmitQueueOptions>
}


const BALANCE_KEY = 'submit.balance'
/** The vendor asks for about one balance call a day. */
export const BALANCE_AUTO_INTERVAL_MS = 24 * 3_600_000

export class SubmitService {
  readonly journal: SubmitJournal
  readonly queue: SubmitQueue
  private readonly now: () => number

  constructor(private readonly deps: SubmitServiceDeps) {
    const { history } = deps
    this.now = deps.clock ? () => deps.clock!.now() : Date.now
    this.journal = new SubmitJournal(history.connection(), (fn) => history.batch(fn), this.now)
    this.queue = new SubmitQueue({
      journal: this.journal,
      submit: (body, signal) => deps.client().submitTask(body, { signal }),
      recordSubmitted: (id, result) => this.recordSubmitted(id, result),
      ...(deps.clock ? { clock: deps.clock } : {}),
      ...(deps.options ? { options: deps.options } : {})
    })
  }

  /** The journal row and the history task are written together: a crash leaves both or neither. */
  private recordSubmitted(id: number, result: SubmitResult): SubmissionRecord {
    const row = this.deps.history.batch(() => {
      const r = this.journal.submitted(id, result.taskId, result.requestId)
      this.deps.history.addTasks([result.taskId])
      return r
    })
    this.deps.track(result.taskId)
    return row
  }

  submit(items: readonly NewSubmission[]): { batchId: string; rows: SubmissionRecord[] } {
    return this.queue.enqueue(items)
  }

  resume(): ReturnType<SubmitQueue['resume']> {
    return this.queue.resume()
  }

  /** The user found the task a lost answer created: the row becomes submitted and the task is tracked. */
  resolveUnknown(id: number, taskId: string): SubmissionRecord | null {
    const row = this.deps.history.batch(() => {
      const r = this.journal.resolveUnknown(id, taskId)
      if (r) this.deps.history.addTasks([taskId])
      return r
    })
    if (row) {
      this.deps.track(taskId)
      this.queue.emit('submission:updated', row)
    }
    return row
  }

  /** The last balance the vendor gave, without a call. */
  lastBalance(): BalanceView | null {
    return this.deps.history.getSetting<BalanceView>(BALANCE_KEY) ?? null
  }

  /** Asks the vendor (an explicit request), or only when the last answer is a day old (`auto`). */
  async balance(options: { auto?: boolean; apiPath?: string } = {}): Promise<BalanceView | null> {
    const apiPath = options.apiPath ?? SUBMIT_API
    const last = this.lastBalance()
    if (options.auto && last && last.apiPath === apiPath && this.now() - last.checkedAt < BALANCE_AUTO_INTERVAL_MS) return last
    const r = await this.deps.client().checkBalance(apiPath)
    const view: BalanceView = { apiPath, balance: r.balance, checkedAt: this.now(), requestId: r.requestId }
    this.deps.history.setSetting(BALANCE_KEY, view)
    return view
  }

  async close(): Promise<void> {
    await this.queue.close()
  }
}
