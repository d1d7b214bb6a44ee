// The shapes the history store reads and writes. The record types live in src/shared/history.ts (they cross IPC).
import type { DatabaseSyncInstance } from '@photostructure/sqlite'
import type { AidgeErrorInfo } from '../../shared/aidge'
import type {
  TrackingState,
  DownloadState,
  TaskRecord,
  ImageRecord,
  TaskWithImages,
  PendingImage,
  QueryRecordInput,
  RecordQueryResult,
  TaskFilter,
  ListTasksQuery,
  TaskPage,
  StatusCounts
} from '../../shared/history'

export { TRACKING_STATES, DOWNLOAD_STATES } from '../../shared/history'
export type {
  TrackingState,
  DisplayStatus,
  DownloadState,
  TaskRecord,
  ImageRecord,
  TaskWithImages,
  PendingImage,
  QueryRecordInput,
  RecordQueryResult,
  TaskSort,
  TaskFilter,
  ListTasksQuery,
  TaskPage,
  StatusCounts
} from '../../shared/history'


export interface ImageDownloadUpdate {
  state: DownloadState
  localPath?: string | null
  bytes?: number | null
  sha256?: string | null
  error?: string | null
}

export interface ImagesToDownloadFilter {
  taskIds?: readonly string[]
  /** default ['none', 'failed'] */
  states?: readonly DownloadState[]
  /** keep only images whose URL has not expired at this time (or has no expiry) */
  validAt?: number
  /** default 1000 */
  limit?: number
}

export interface HistoryStoreOptions {
  /** the app's data folder; the file is `<dataDir>/history.sqlite` */
  dataDir?: string
  /** an explicit file path (wins over dataDir); ':memory:' works for throwaway use */
  file?: string
  /** the clock, in ms since the epoch */
  now?: () => number
  /**
   * FULL (default) fsyncs the WAL at every commit, so a committed write survives power loss, not only a crash
   * of the app. NORMAL is faster and still never corrupts the file, but may lose the last commits on power loss.
   */
  synchronous?: 'FULL' | 'NORMAL'
  /** how long a write waits for another connection's lock, ms (default 5000) */
  busyTimeoutMs?: number
  /** check the file at open: 'header' (cheap) or 'full' (PRAGMA quick_check too); a damaged file throws DAMAGED
   * (openHistory sets it and recovers) */
  verify?: 'header' | 'full' | false
}

export interface IterateTasksOptions extends TaskFilter {
  /** also read each task's raw last response (default false) */
  includeResponse?: boolean
}

export interface HistoryStore {
  /** the SQLite file */
  readonly file: string
  addTasks(ids: readonly string[], at?: number): { added: string[]; existing: string[] }
  /**
   * Creates the task if missing, so an answer that arrives after removeTask brings the task back: a poller that
   * cancels removed tasks should drop their late answers. Terminal status -> tracking 'done' (finishedAt set
   * once); otherwise 'active' (revives stale/error). Clears lastError.
   */
  recordQuery(taskId: string, result: QueryRecordInput, at?: number): RecordQueryResult
  /** endTracking: tracking -> 'error' (or back to 'done' for a terminal task); otherwise tracking is unchanged */
  recordError(taskId: string, error: AidgeErrorInfo, options: { endTracking: boolean }, at?: number): TaskRecord
  /** null when the task is not in the history; a terminal task is left as it is */
  markStale(taskId: string, at?: number): TaskRecord | null
  /** 'done' is only accepted for a task with a terminal status; null when the task is not in the history */
  setTracking(taskId: string, state: TrackingState, at?: number): TaskRecord | null
  removeTask(taskId: string): boolean
  /** deletes tasks that reached a terminal status more than ageMs before `at`; returns how many */
  removeFinishedOlderThan(ageMs: number, at?: number): number
  getTask(taskId: string): TaskWithImages | null
  getLastResponse(taskId: string): string | null
  listTasks(query: ListTasksQuery): TaskPage
  countsByStatus(): StatusCounts
  /** non-terminal tasks being tracked, oldest first: what the poller resumes at start */
  activeTasks(): TaskRecord[]
  /** how long the latest `limit` finished tasks took from being added (submitted or first seen) to finished, oldest first */
  finishedDurations(limit: number): number[]
  /** every task without a terminal status, whatever its tracking state, oldest first */
  nonTerminalTaskIds(): string[]
  /** streams tasks with their images (one row in memory at a time); do not write to the store while iterating */
  iterateTasks(filter?: IterateTasksOptions): Generator<TaskWithImages & { lastResponse?: string | null }, void, undefined>
  /** null when the task or the image does not exist */
  setImageDownload(taskId: string, index: number, update: ImageDownloadUpdate, at?: number): ImageRecord | null
  imagesToDownload(filter?: ImagesToDownloadFilter): PendingImage[]
  /** after a crash, downloads left 'pending' go back to 'none'; returns how many */
  resetPendingDownloads(): number
  getSetting<T>(key: string): T | undefined
  /** JSON-serialisable values; undefined deletes the key. Not for secrets. */
  setSetting(key: string, value: unknown, at?: number): void
  deleteSetting(key: string): boolean
  /** runs fn (which calls this store's methods) as one transaction */
  batch<T>(fn: () => T): T
  /** the open connection, for a store that keeps its own tables in this file (the submit journal), so its
   * writes and this store's can share one batch() transaction */
  connection(): DatabaseSyncInstance
  /** 'ok' when the file is sound, otherwise SQLite's findings, one per line */
  checkIntegrity(): string
  /** a backup under backups/ when none was taken in the last day; returns its path, or null when not due */
  backupIfDue(at?: number): string | null
  /** a backup now (tag: a word in its name, e.g. 'manual'); returns its path */
  backupNow(tag?: string, at?: number): string
  close(): void
}
