// The shapes of history records. Plain data: they cross IPC as JSON, so the renderer shares them.
import type { AidgeErrorInfo, TaskImage, TaskStatus } from './aidge'

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

/** The gallery's layout: the image count of every task matching the filter that has images, in the filter's order.
 * A few bytes a task, so the renderer lays out (and scrolls) the whole gallery before any image record arrives. */
export interface GalleryLayout {
  counts: number[]
  /** the sum of counts */
  total: number
}

/** A task of the gallery with its images; hasInput: it was submitted from the app (its input photo is journaled). */
export interface GalleryTask extends TaskWithImages {
  hasInput: boolean
}
