// The history store: every task the user tracks, what the vendor last said about it, and its images' download
// state, in one SQLite file. Synchronous by design (SQLite calls take microseconds; callers are the poller,
// the downloader and IPC handlers in the main process).
import type { DatabaseSyncInstance, StatementSyncInstance } from '@photostructure/sqlite'
import { isTerminalStatus, type AidgeErrorInfo } from '../../shared/aidge'
import { validateTaskId, validateTaskIds } from '../../shared/taskIds'
import { backupDue, writeBackup } from './backups'
import { createTransactor, openDatabase, resolveHistoryFile, type Transactor } from './database'
import { HistoryStoreError } from './errors'
import { asWriteError } from './storage'
import {
  IMAGE_COLUMNS,
  TASK_COLUMNS,
  expiresAtOf,
  finiteOrNull,
  imageFromRow,
  nextDownloadFields,
  pendingImageFromRow,
  rawResponseText,
  taskFromRow,
  type ImageRow,
  type TaskRow
} from './rows'
import { prepareStatements, type Statements } from './statements'
import { buildFilterSql, chooseSearchPlan, type SearchPlan } from './taskQuery'
import {
  DOWNLOAD_STATES,
  TRACKING_STATES,
  type DownloadState,
  type HistoryStore,
  type HistoryStoreOptions,
  type ImageDownloadUpdate,
  type ImageRecord,
  type ImagesToDownloadFilter,
  type IterateTasksOptions,
  type ListTasksQuery,
  type PendingImage,
  type QueryRecordInput,
  type RecordQueryResult,
  type StatusCounts,
  type TaskPage,
  type TaskRecord,
  type TaskWithImages,
  type TrackingState
} from './types'

export function openHistoryStore(options: HistoryStoreOptions): HistoryStore {
  const file = resolveHistoryFile(options)
  const db = openDatabase(file, {
    synchronous: options.synchronous ?? 'FULL',
    busyTimeoutMs: options.busyTimeoutMs ?? 5000,
    verify: options.verify ?? false,
    ...(options.now ? { now: options.now } : {})
  })
  return new SqliteHistoryStore(db, file, options.now ?? Date.now)
}

class SqliteHistoryStore implements HistoryStore {
  private readonly st: Statements
  private readonly tx: Transactor
  private readonly dynamicStatements = new Map<string, StatementSyncInstance>()
  private closed = false

  constructor(
    private readonly db: DatabaseSyncInstance,
    readonly file: string,
    private readonly now: () => number
  ) {
    this.st = prepareStatements(db)
    this.tx = createTransactor(db, (e) => asWriteError(e, file))
  }

  addTasks(ids: readonly string[], at: number = this.now()): { added: string[]; existing: string[] } {
    this.assertOpen()
    const unique = [...new Set(validateTaskIds(ids))]
    const added: string[] = []
    const existing: string[] = []
    this.tx(() => {
      for (const id of unique) {
        const { changes } = this.st.insertTask.run(id, at, at, at)
        ;(Number(changes) === 1 ? added : existing).push(id)
      }
    })
    return { added, existing }
  }

  recordQuery(taskId: string, result: QueryRecordInput, at: number = this.now()): RecordQueryResult {
    this.assertOpen()
    validateTaskId(taskId)
    if (typeof result.status !== 'string' || result.status === '') {
      throw new HistoryStoreError('INVALID_ARGUMENT', `recordQuery(${taskId}): the status must be a non-empty string`)
    }
    const terminal = isTerminalStatus(result.status)
    return this.tx(() => {
      const created = Number(this.st.insertTask.run(taskId, at, at, at).changes) === 1
      const { id, status: previous } = this.st.rowidOf.get(taskId) as { id: number; status: string | null }
      this.st.applyQuery.run({
        id,
        at,
        status: result.status,
        message: result.message ?? null,
        terminal: terminal ? 1 : 0,
        tracking: terminal ? 'done' : 'active',
        requestId: result.requestId ?? null
      })
      const raw = rawResponseText(result.raw)
      if (raw === undefined) this.st.deleteResponse.run(id)
      else this.st.upsertResponse.run(id, raw, at)
      result.images.forEach((image, index) => {
        this.st.upsertImage.run(
          id,
          index,
          image.url,
          finiteOrNull(image.width),
          finiteOrNull(image.height),
          expiresAtOf(image.url)
        )
      })
      this.st.deleteImagesFrom.run(id, result.images.length)
      const task = taskFromRow(this.st.taskByRowid.get(id) as TaskRow)
      return { task, statusChanged: previous !== result.status, created }
    })
  }

  recordError(taskId: string, error: AidgeErrorInfo, options: { endTracking: boolean }, at: number = this.now()): TaskRecord {
    this.assertOpen()
    validateTaskId(taskId)
    return this.tx(() => {
      this.st.insertTask.run(taskId, at, at, at)
      const { id } = this.st.rowidOf.get(taskId) as { id: number }
      this.st.applyError.run({
        id,
        at,
        error: JSON.stringify(error),
        requestId: error.requestId ?? null,
        end: options.endTracking ? 1 : 0
      })
      return taskFromRow(this.st.taskByRowid.get(id) as TaskRow)
    })
  }

  markStale(taskId: string, at: number = this.now()): TaskRecord | null {
    this.assertOpen()
    const row = this.st.rowidOf.get(taskId) as { id: number; status: string | null } | undefined
    if (row === undefined) return null
    if (row.status === null || !isTerminalStatus(row.status)) this.tx(() => this.st.setTracking.run({ id: row.id, tracking: 'stale', at }))
    return taskFromRow(this.st.taskByRowid.get(row.id) as TaskRow)
  }

  setTracking(taskId: string, state: TrackingState, at: number = this.now()): TaskRecord | null {
    this.assertOpen()
    if (!TRACKING_STATES.includes(state)) {
      throw new HistoryStoreError('INVALID_ARGUMENT', `Unknown tracking state ${JSON.stringify(state)} for task ${taskId}`)
    }
    const row = this.st.rowidOf.get(taskId) as { id: number; status: string | null } | undefined
    if (row === undefined) return null
    if (state === 'done' && (row.status === null || !isTerminalStatus(row.status))) {
      throw new HistoryStoreError(
        'INVALID_ARGUMENT',
        `Task ${taskId} cannot be marked done: its status is ${row.status ?? 'unknown (never queried)'}, not terminal`
      )
    }
    this.tx(() => this.st.setTracking.run({ id: row.id, tracking: state, at }))
    return taskFromRow(this.st.taskByRowid.get(row.id) as TaskRow)
  }

  removeTask(taskId: string): boolean {
    this.assertOpen()
    return this.tx(() => Number(this.st.deleteTask.run(taskId).changes) > 0)
  }

  removeFinishedOlderThan(ageMs: number, at: number = this.now()): number {
    this.assertOpen()
    if (!Number.isFinite(ageMs) || ageMs < 0) {
      throw new HistoryStoreError('INVALID_ARGUMENT', `removeFinishedOlderThan needs an age in ms >= 0, got ${ageMs}`)
    }
    return this.tx(() => Number(this.st.deleteFinishedBefore.run(at - ageMs).changes))
  }

  getTask(taskId: string): TaskWithImages | null {
    this.assertOpen()
    const row = this.st.taskById.get(taskId) as TaskRow | undefined
    return row === undefined ? null : this.withImages(row)
  }

  getLastResponse(taskId: string): string | null {
    this.assertOpen()
    const row = this.st.responseOf.get(taskId) as { raw: string } | undefined
    return row?.raw ?? null
  }

  listTasks(query: ListTasksQuery): TaskPage {
    this.assertOpen()
    const limit = query.limit
    const offset = query.offset ?? 0
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
      throw new HistoryStoreError('INVALID_ARGUMENT', `listTasks needs a limit between 1 and 1000, got ${limit}`)
    }
    if (!Number.isInteger(offset) || offset < 0) {
      throw new HistoryStoreError('INVALID_ARGUMENT', `listTasks needs an offset >= 0, got ${offset}`)
    }
    // One read transaction, so the page and its total come from the same snapshot.
    return this.tx(() => {
      let matches: number | null = null
      let plan: SearchPlan = 'drive'
      const probe = buildFilterSql({ search: query.search })
      if (probe.ftsQuery !== null) {
        matches = (this.st.countFtsMatches.get(probe.ftsQuery) as { n: number }).n
        const tableRows = (this.st.maxRowid.get() as { n: number | null }).n ?? 0
        plan = chooseSearchPlan(matches, tableRows, offset + limit)
      }
      const { where, params, orderBy, hasStatusFilter } = buildFilterSql(query, plan)
      const rowsSql = `SELECT ${TASK_COLUMNS} FROM tasks${where} ORDER BY ${orderBy} LIMIT ? OFFSET ?`
      const rows = this.cachedStatement(rowsSql).all(...params, limit, offset) as TaskRow[]
      // The external-content index holds exactly one entry per task (triggers keep it so), so with no other
      // filter its match count is the total.
      const total =
        matches !== null && !hasStatusFilter
          ? matches
          : (this.cachedStatement(`SELECT count(*) AS n FROM tasks${where}`).get(...params) as { n: number }).n
      return { rows: rows.map(taskFromRow), total }
    }, 'read')
  }

  countsByStatus(): StatusCounts {
    this.assertOpen()
    const byStatus: Record<string, number> = {}
    let total = 0
    for (const { status, n } of this.st.countsByStatus.all() as { status: string; n: number }[]) {
      byStatus[status] = n
      total += n
    }
    return { byStatus, total }
  }

  activeTasks(): TaskRecord[] {
    this.assertOpen()
    return (this.st.activeTasks.all() as TaskRow[]).map(taskFromRow)
  }

  nonTerminalTaskIds(): string[] {
    this.assertOpen()
    return (this.st.nonTerminalTaskIds.all() as { task_id: string }[]).map((r) => r.task_id)
  }

  *iterateTasks(filter: IterateTasksOptions = {}): Generator<TaskWithImages & { lastResponse?: string | null }, void, undefined> {
    this.assertOpen()
    const { where, params, orderBy } = buildFilterSql(filter)
    const statement = this.cachedStatement(`SELECT ${TASK_COLUMNS} FROM tasks${where} ORDER BY ${orderBy}`)
    for (const row of statement.iterate(...params) as IterableIterator<TaskRow>) {
      const task: TaskWithImages & { lastResponse?: string | null } = this.withImages(row)
      if (filter.includeResponse) task.lastResponse = this.getLastResponse(row.task_id)
      yield task
    }
  }

  setImageDownload(taskId: string, index: number, update: ImageDownloadUpdate, at: number = this.now()): ImageRecord | null {
    this.assertOpen()
    if (!DOWNLOAD_STATES.includes(update.state)) {
      throw new HistoryStoreError('INVALID_ARGUMENT', `Unknown download state ${JSON.stringify(update.state)} for task ${taskId}`)
    }
    if (update.state === 'done' && !update.localPath) {
      throw new HistoryStoreError('INVALID_ARGUMENT', `Image ${index} of task ${taskId} cannot be done without a localPath`)
    }
    return this.tx(() => {
      const task = this.st.rowidOf.get(taskId) as { id: number } | undefined
      if (task === undefined) return null
      const current = this.st.imageOf.get(task.id, index) as ImageRow | undefined
      if (current === undefined) return null
      const next = nextDownloadFields(current, update, at)
      this.st.updateImageDownload.run(
        update.state,
        next.localPath,
        next.bytes,
        next.sha256,
        next.error,
        next.downloadedAt,
        task.id,
        index
      )
      return imageFromRow(this.st.imageOf.get(task.id, index) as ImageRow)
    })
  }

  imagesToDownload(filter: ImagesToDownloadFilter = {}): PendingImage[] {
    this.assertOpen()
    const states: readonly DownloadState[] = filter.states ?? ['none', 'failed']
    const clauses = ['i.download_state IN (SELECT value FROM json_each(?))']
    const params: (string | number)[] = [JSON.stringify(states)]
    if (filter.taskIds !== undefined) {
      clauses.push('t.task_id IN (SELECT value FROM json_each(?))')
      params.push(JSON.stringify(filter.taskIds))
    }
    if (filter.validAt !== undefined) {
      clauses.push('(i.expires_at IS NULL OR i.expires_at > ?)')
      params.push(filter.validAt)
    }
    const columns = IMAGE_COLUMNS.split(',').map((c) => `i.${c.trim()}`).join(', ')
    const sql = `SELECT t.task_id, ${columns} FROM images i JOIN tasks t ON t.id = i.task_rowid
      WHERE ${clauses.join(' AND ')} ORDER BY t.added_at, t.id, i.idx LIMIT ?`
    const rows = this.cachedStatement(sql).all(...params, filter.limit ?? 1000) as (ImageRow & { task_id: string })[]
    return rows.map(pendingImageFromRow)
  }

  resetPendingDownloads(): number {
    this.assertOpen()
    return this.tx(() => Number(this.st.resetPendingDownloads.run().changes))
  }

  getSetting<T>(key: string): T | undefined {
    this.assertOpen()
    const row = this.st.getSetting.get(key) as { value: string } | undefined
    return row === undefined ? undefined : (JSON.parse(row.value) as T)
  }

  setSetting(key: string, value: unknown, at: number = this.now()): void {
    this.assertOpen()
    if (value === undefined) {
      this.deleteSetting(key)
      return
    }
    const json = JSON.stringify(value)
    if (json === undefined) throw new HistoryStoreError('INVALID_ARGUMENT', `Setting ${key}: the value is not JSON-serialisable`)
    // in a transaction like every write, so a full disk is the same DISK_FULL error naming the folder
    this.tx(() => this.st.setSetting.run(key, json, at))
  }

  deleteSetting(key: string): boolean {
    this.assertOpen()
    return this.tx(() => Number(this.st.deleteSetting.run(key).changes) > 0)
  }

  batch<T>(fn: () => T): T {
    this.assertOpen()
    return this.tx(fn)
  }

  connection(): DatabaseSyncInstance {
    this.assertOpen()
    return this.db
  }

  checkIntegrity(): string {
    this.assertOpen()
    const rows = this.st.integrityCheck.all() as { integrity_check: string }[]
    return rows.map((r) => r.integrity_check).join('\n')
  }

  backupIfDue(at: number = this.now()): string | null {
    this.assertOpen()
    return backupDue(this.file, at) ? writeBackup(this.db, this.file, at, 'daily') : null
  }

  backupNow(tag = 'manual', at: number = this.now()): string {
    this.assertOpen()
    return writeBackup(this.db, this.file, at, tag)
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    try {
      // Cheap upkeep of the planner's statistics, bounded by analysis_limit (SQLite's advice for closing).
      this.db.exec('PRAGMA analysis_limit = 400')
      this.db.exec('PRAGMA optimize')
    } catch {
      // upkeep only: a full disk must not keep the file from closing
    } finally {
      this.db.close()
    }
  }

  private withImages(row: TaskRow): TaskWithImages {
    const images = (this.st.imagesOf.all(row.id) as ImageRow[]).map(imageFromRow)
    return { ...taskFromRow(row), images }
  }

  private cachedStatement(sql: string): StatementSyncInstance {
    let statement = this.dynamicStatements.get(sql)
    if (statement === undefined) {
      statement = this.db.prepare(sql)
      this.dynamicStatements.set(sql, statement)
    }
    return statement
  }

  private assertOpen(): void {
    if (this.closed) throw new HistoryStoreError('CLOSED', `The history store ${this.file} is closed`)
  }
}
