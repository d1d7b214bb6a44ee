// The submission journal: every paid call is written to SQLite before it is made, and its outcome after, in the
// history file (migration 2). The idea is Signal Desktop's JobQueue: the store is passed in, stored rows are
// re-checked when read, a write can join the caller's transaction, attempts are counted, and running work is let
// go on shutdown so the next run resumes it. Unlike a job queue, a row is never deleted: it keeps its outcome and
// its idempotency key (the sha256 of the bytes with the canonical parameters).
import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import type { DatabaseSyncInstance, StatementSyncInstance } from '@photostructure/sqlite'
import { z } from 'zod'
import type { AidgeErrorInfo } from '../../shared/aidge'
import { canonicalParams, type InputProblem, type SkipReason, type SubmissionRecord, type SubmitParams } from '../../shared/submit'

export interface NewSubmission {
  input: string
  inputKind: 'file' | 'url'
  params: SubmitParams
  fit: boolean
  again: boolean
}

export type ClaimOutcome = { kind: 'send'; row: SubmissionRecord } | { kind: 'skipped'; row: SubmissionRecord } | { kind: 'gone' }

const paramsSchema = z
  .object({
    model: z.string(),
    gender: z.string().nullable(),
    age: z.string(),
    bgStyle: z.string(),
    dimension: z.string(),
    count: z.number().int(),
    keepBackground: z.boolean()
  })
  .strict()

interface Row {
  id: number
  batch_id: string
  input: string
  input_kind: 'file' | 'url'
  sha256: string | null
  params: string
  fit: number
  again: number
  state: SubmissionRecord['state']
  sending_since: number | null
  attempts: number
  task_id: string | null
  request_id: string | null
  error: string | null
  skip_reason: SkipReason | null
  fitted: number
  created_at: number
  updated_at: number
}

const COLUMNS = `id, batch_id, input, input_kind, sha256, params, fit, again, state, sending_since, attempts, task_id,
  request_id, error, skip_reason, fitted, created_at, updated_at`

/** The params column holds the canonical array; a row that does not parse is reported, never sent. */
function paramsFrom(text: string): SubmitParams | null {
  try {
    const [model, gender, age, bgStyle, dimension, count, keepBackground] = JSON.parse(text) as unknown[]
    const parsed = paramsSchema.safeParse({ model, gender, age, bgStyle, dimension, count, keepBackground })
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

function errorFrom(text: string | null): AidgeErrorInfo | InputProblem | null {
  if (text === null) return null
  try {
    const v = JSON.parse(text) as unknown
    return v !== null && typeof v === 'object' && typeof (v as { message?: unknown }).message === 'string' ? (v as AidgeErrorInfo | InputProblem) : null
  } catch {
    return null
  }
}

const BROKEN_PARAMS: SubmitParams = { model: '?', gender: null, age: '?', bgStyle: '?', dimension: '?', count: 0, keepBackground: false }

function recordFrom(r: Row): SubmissionRecord & { paramsBroken: boolean } {
  const params = paramsFrom(r.params)
  return {
    id: Number(r.id),
    batchId: r.batch_id,
    input: r.input,
    inputKind: r.input_kind,
    sha256: r.sha256,
    params: params ?? BROKEN_PARAMS,
    paramsBroken: params === null,
    fit: r.fit === 1,
    again: r.again === 1,
    state: r.state,
    sendingSince: r.sending_since === null ? null : Number(r.sending_since),
    attempts: Number(r.attempts),
    taskId: r.task_id,
    requestId: r.request_id,
    error: errorFrom(r.error),
    skipReason: r.skip_reason,
    fitted: r.fitted === 1,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at)
  }
}

/** host:pid:token of a running journal user. */
export function newOwner(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`
}

/** Whether the process that owns a batch may still be running it. Another host's owner is always alive: its
 * batches are never taken. */
export function ownerAlive(owner: string, me: string): boolean {
  if (owner === me) return true
  const [host, pidText] = owner.split(':')
  if (host !== hostname()) return true
  const pid = Number(pidText)
  if (pid === process.pid) return false // an earlier journal of this very process that did not let go
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export class SubmitJournal {
  private readonly st: Record<string, StatementSyncInstance>

  constructor(
    db: DatabaseSyncInstance,
    /** runs fn as one write transaction (the history store's batch(), so writes can join its own) */
    private readonly tx: <T>(fn: () => T) => T,
    private readonly now: () => number,
    readonly owner: string = newOwner()
  ) {
    const p = (sql: string) => db.prepare(sql)
    this.st = {
      insertBatch: p('INSERT INTO submit_batches (id, created_at, owner) VALUES (?, ?, ?)'),
      insertRow: p(`INSERT INTO submissions (batch_id, input, input_kind, params, fit, again, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${COLUMNS}`),
      get: p(`SELECT ${COLUMNS} FROM submissions WHERE id = ?`),
      ofBatch: p(`SELECT ${COLUMNS} FROM submissions WHERE batch_id = ? ORDER BY id`),
      openOfMine: p(`SELECT ${COLUMNS} FROM submissions WHERE state = 'pending' AND batch_id IN
        (SELECT id FROM submit_batches WHERE owner = ?) ORDER BY id`),
      samePending: p(`SELECT ${COLUMNS} FROM submissions WHERE state = 'pending' AND sending_since IS NULL AND input = ?
        AND params = ? AND fit = ? AND again = ? AND batch_id IN (SELECT id FROM submit_batches WHERE owner = ?) LIMIT 1`),
      openOwners: p(`SELECT DISTINCT b.owner AS owner FROM submit_batches b JOIN submissions s ON s.batch_id = b.id
        WHERE s.state = 'pending' AND b.owner IS NOT NULL`),
      adopt: p(`UPDATE submit_batches SET owner = ? WHERE (owner IS NULL OR owner = ?) AND id IN
        (SELECT batch_id FROM submissions WHERE state = 'pending')`),
      interrupted: p(`UPDATE submissions SET state = 'unknown', error = ?, updated_at = ?
        WHERE state = 'pending' AND sending_since IS NOT NULL AND batch_id IN (SELECT id FROM submit_batches WHERE owner = ?)
        RETURNING ${COLUMNS}`),
      release: p(`UPDATE submit_batches SET owner = NULL WHERE owner = ?`),
      sameKey: p(`SELECT ${COLUMNS} FROM submissions WHERE sha256 = ? AND params = ? AND id <> ?
        AND (state IN ('submitted', 'unknown') OR sending_since IS NOT NULL)
        ORDER BY state = 'submitted' DESC, id DESC LIMIT 1`),
      claim: p(`UPDATE submissions SET sha256 = ?, fitted = ?, thumbnail = coalesce(?, thumbnail), sending_since = ?,
        attempts = attempts + 1, updated_at = ?
        WHERE id = ? AND state = 'pending' AND sending_since IS NULL
        AND batch_id IN (SELECT id FROM submit_batches WHERE owner = ?)`),
      skip: p(`UPDATE submissions SET sha256 = ?, state = 'skipped', skip_reason = ?, task_id = ?, request_id = ?,
        thumbnail = coalesce(?, thumbnail), updated_at = ? WHERE id = ?`),
      finish: p(`UPDATE submissions SET state = ?, sending_since = NULL, task_id = coalesce(?, task_id),
        request_id = coalesce(?, request_id), error = ?, sha256 = coalesce(?, sha256), updated_at = ? WHERE id = ?`),
      backToPending: p(`UPDATE submissions SET sending_since = NULL, error = ?, updated_at = ? WHERE id = ? AND state = 'pending'`),
      resolve: p(`UPDATE submissions SET state = 'submitted', task_id = ?, error = NULL, updated_at = ? WHERE id = ? AND state = 'unknown'`),
      byTask: p(`SELECT ${COLUMNS} FROM submissions WHERE task_id = ? AND state = 'submitted' ORDER BY id DESC LIMIT 1`),
      thumbByTask: p(`SELECT thumbnail FROM submissions WHERE task_id = ? AND thumbnail IS NOT NULL ORDER BY state = 'submitted' DESC, id DESC LIMIT 1`),
      thumbById: p('SELECT thumbnail FROM submissions WHERE id = ?'),
      recent: p(`SELECT ${COLUMNS} FROM submissions ORDER BY id DESC LIMIT ?`),
      unknowns: p(`SELECT ${COLUMNS} FROM submissions WHERE state = 'unknown' ORDER BY id`)
    }
  }

  private row(sql: string, ...args: Array<string | number | null | Uint8Array>): SubmissionRecord | null {
    const r = this.st[sql]!.get(...args) as Row | undefined
    return r === undefined ? null : recordFrom(r)
  }

  private rows(sql: string, ...args: Array<string | number | null>): SubmissionRecord[] {
    return (this.st[sql]!.all(...args) as unknown as Row[]).map(recordFrom)
  }

  /** One batch, written in one transaction before anything is sent. An input already pending with the same
   * parameters in a batch this run owns (an interrupted batch it resumed) is taken over, not written twice. */
  createBatch(items: readonly NewSubmission[]): { batchId: string; rows: SubmissionRecord[] } {
    const at = this.now()
    const batchId = randomUUID()
    return this.tx(() => {
      this.st.insertBatch!.run(batchId, at, this.owner)
      const rows = items.map((it) => {
        const params = canonicalParams(it.params)
        const flags = [it.fit ? 1 : 0, it.again ? 1 : 0] as const
        const existing = this.row('samePending', it.input, params, ...flags, this.owner)
        return existing ?? recordFrom(this.st.insertRow!.get(batchId, it.input, it.inputKind, params, ...flags, at, at) as unknown as Row)
      })
      return { batchId, rows }
    })
  }

  /**
   * Takes over batches whose process is gone (SIGKILL, crash) or that were let go (a quit). A row that was being
   * sent when its process died may have created a task: it becomes unknown, never pending again. Returns the rows
   * turned unknown and the pending rows this run now owns.
   */
  adoptOrphans(): { interrupted: SubmissionRecord[]; pending: SubmissionRecord[] } {
    const dead = (this.st.openOwners!.all() as Array<{ owner: string }>).map((r) => r.owner).filter((o) => !ownerAlive(o, this.owner))
    const at = this.now()
    return this.tx(() => {
      this.st.adopt!.run(this.owner, '')
      for (const owner of dead) this.st.adopt!.run(this.owner, owner)
      const error: AidgeErrorInfo = {
        kind: 'network',
        code: 'INTERRUPTED',
        message: 'The app stopped while this photo was being sent: the vendor may or may not have created a task.',
        retryable: false
      }
      const interrupted = (this.st.interrupted!.all(JSON.stringify(error), at, this.owner) as unknown as Row[]).map(recordFrom)
      return { interrupted, pending: this.rows('openOfMine', this.owner) }
    })
  }

  /** Pending rows of batches this run owns, oldest first. */
  openRows(): SubmissionRecord[] {
    return this.rows('openOfMine', this.owner)
  }

  get(id: number): SubmissionRecord | null {
    return this.row('get', id)
  }

  batchRows(batchId: string): SubmissionRecord[] {
    return this.rows('ofBatch', batchId)
  }

  /**
   * The step before a paid call, in one write transaction (so two processes cannot both pass it): the same bytes
   * with the same parameters already submitted, unknown or on their way make this row skipped (unless `again`);
   * otherwise the row is marked as being sent and its attempt counted. Only 'send' may be followed by a call.
   */
  claim(id: number, sha256: string, fitted: boolean, thumbnail: Buffer | null): ClaimOutcome {
    const at = this.now()
    return this.tx(() => {
      const row = this.get(id)
      if (!row || row.state !== 'pending' || row.sendingSince !== null) return { kind: 'gone' }
      const params = canonicalParams(row.params)
      const earlier = row.again ? null : this.row('sameKey', sha256, params, id)
      if (earlier) {
        const reason: SkipReason = earlier.state === 'submitted' ? 'already-submitted' : earlier.state === 'unknown' ? 'still-unknown' : 'in-progress'
        this.st.skip!.run(sha256, reason, earlier.taskId, earlier.requestId, thumbnail, at, id)
        return { kind: 'skipped', row: this.get(id)! }
      }
      const changed = Number(this.st.claim!.run(sha256, fitted ? 1 : 0, thumbnail, at, at, id, this.owner).changes)
      return changed === 1 ? { kind: 'send', row: this.get(id)! } : { kind: 'gone' }
    })
  }

  /** A problem found before any call, or an answer that proves nothing was created: final, and re-sendable. */
  reject(id: number, error: AidgeErrorInfo | InputProblem, sha256: string | null = null): SubmissionRecord {
    return this.finish(id, 'rejected', null, (error as AidgeErrorInfo).requestId ?? null, error, sha256)
  }

  /** Sent, and the answer names the new task. Run inside history.batch() with the history write. */
  submitted(id: number, taskId: string, requestId: string | null): SubmissionRecord {
    return this.finish(id, 'submitted', taskId, requestId, null)
  }

  /** Sent, and no answer says what happened: never sent again by itself. */
  unknown(id: number, error: AidgeErrorInfo): SubmissionRecord {
    return this.finish(id, 'unknown', null, error.requestId ?? null, error)
  }

  /** The answer proves nothing was created (a rate limit, a refused connection): the row may be sent again. */
  backToPending(id: number, error: AidgeErrorInfo): SubmissionRecord {
    this.st.backToPending!.run(JSON.stringify(error), this.now(), id)
    return this.get(id)!
  }

  /** The user found the task the lost answer created: the row becomes submitted with that id. */
  resolveUnknown(id: number, taskId: string): SubmissionRecord | null {
    return Number(this.st.resolve!.run(taskId, this.now(), id).changes) === 1 ? this.get(id) : null
  }

  /** On shutdown, after running calls ended: the batches go back to the journal for the next run. */
  letGo(): void {
    this.st.release!.run(this.owner)
  }

  forTask(taskId: string): SubmissionRecord | null {
    return this.row('byTask', taskId)
  }

  thumbnailForTask(taskId: string): Buffer | null {
    const r = this.st.thumbByTask!.get(taskId) as { thumbnail: Uint8Array } | undefined
    return r ? Buffer.from(r.thumbnail) : null
  }

  thumbnail(id: number): Buffer | null {
    const r = this.st.thumbById!.get(id) as { thumbnail: Uint8Array | null } | undefined
    return r?.thumbnail ? Buffer.from(r.thumbnail) : null
  }

  recent(limit = 200): SubmissionRecord[] {
    return this.rows('recent', Math.max(1, Math.min(limit, 10_000)))
  }

  unknownRows(): SubmissionRecord[] {
    return this.rows('unknowns')
  }

  private finish(id: number, state: 'submitted' | 'rejected' | 'unknown', taskId: string | null, requestId: string | null, error: unknown, sha256: string | null = null): SubmissionRecord {
    return this.tx(() => {
      this.st.finish!.run(state, taskId, requestId, error === null ? null : JSON.stringify(error), sha256, this.now(), id)
      return this.get(id)!
    })
  }
}
