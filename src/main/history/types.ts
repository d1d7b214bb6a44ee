// The shapes the history store reads and writes. Plain data: they cross IPC as JSON.
import type { AidgeErrorInfo, TaskImage, TaskStatus } from '../../shared/aidge'

/**
 * Why the app is (or is not) polling a task:
 * - active: being polled
 * - done: a terminal vendor status was reached
 * - stale: the deadline passed without progress; the user may query it again
 * - error: polling ended on a non-retryable error
 */
export type TrackingState = 'active' | 'done' | 'stale' | 'error'
export const TRACKING_STATES: readonly TrackingState[] = ['active', 'done', 'stale', 'error']

/**
 * What the UI shows: 'queued' before the first successful query, otherwise the vendor status, except that the
 * tracking states 'stale' and 'error' win over a non-terminal vendor status. (A vendor status spelled 'queued',
 * 'stale' or 'error' would read the same; none is documented.)
 */
export type DisplayStatus = 'queued' | 'stale' | 'error' | TaskStatus

export type DownloadState = 'none' | 'pending' | 'done' | 'failed'
export const DOWNLOAD_STATES: readonly DownloadState[] = ['none', 'pending', 'done', 'failed']

/** One task as lists show it: everything but the raw response (see HistoryStore.getLastResponse). */
export interface TaskRecord {
  taskId: string
  /** the vendor's status string; null until the first successful query */
  status: TaskStatus | null
  displayStatus: DisplayStatus
  /** data.taskMessage of the last response */
  message: string | null
  tracking: TrackingState
  addedAt: number
  /** time of the last successful query */
  lastQueriedAt: number | null
  /** when the task first reached a terminal status; set once */
  finishedAt: number | null
  /** when the vendor status last changed (addedAt until the first query); stale detection measures from here */
  lastChangeAt: number
  /** when `tracking` last changed */
  trackingChangedAt: number
  lastRequestId: string | null
  lastError: AidgeErrorInfo | null
  lastErrorAt: number | null
  /** successful queries recorded */
  queryCount: number
  imageCount: number
  /** images whose download state is 'done' */
  imagesDownloaded: number
}

export interface ImageRecord {
  index: number
  url: string
  width: number | null
  height: number | null
  /** from the URL's `Expires` query parameter (seconds) in ms; null when the URL has none */
  expiresAt: number | null
  downloadState: DownloadState
  localPath: string | null
  bytes: number | null
  sha256: string | null
  downloadError: string | null
  downloadedAt: number | null
}

export interface TaskWithImages extends TaskRecord {
  images: ImageRecord[]
}

/** An image waiting for the downloader, with the task it belongs to. */
export interface PendingImage extends ImageRecord {
  taskId: string
}

/** What one successful query said. The aidge client's TaskQueryResult fits this shape. */
export interface QueryRecordInput {
  status: TaskStatus
  message?: string | null
  images: readonly TaskImage[]
  requestId?: string | null
  /** the response: a string is kept verbatim, anything else as JSON */
  raw?: unknown
}

export interface RecordQueryResult {
  task: TaskRecord
  statusChanged: boolean
  /** the task was not in the history before this query */
  created: boolean
}

export type TaskSort = 'addedDesc' | 'addedAsc' | 'finishedDesc'

export interface TaskFilter {
  status?: DisplayStatus | readonly DisplayStatus[]
  /** case-insensitive substring of the task id or the message; matched literally */
  search?: string
  sort?: TaskSort
}

export interface ListTasksQuery extends TaskFilter {
  /** 1..1000 */
  limit: number
  offset?: number
}

export interface TaskPage {
  rows: TaskRecord[]
  /** rows matching the filter, ignoring limit/offset */
  total: number
}

export interface StatusCounts {
  byStatus: Record<string, number>
  total: number
}

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
  /** 'ok' when the file is sound, otherwise SQLite's findings, one per line */
  checkIntegrity(): string
  close(): void
}
