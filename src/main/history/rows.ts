// Mapping between SQLite rows (snake_case, JSON text) and the store's records.
import type { AidgeErrorInfo } from '../../shared/aidge'
import type {
  DisplayStatus,
  DownloadState,
  ImageDownloadUpdate,
  ImageRecord,
  PendingImage,
  TaskRecord,
  TrackingState
} from './types'

/** The task columns lists read (the raw response lives in task_responses). `id` is internal. */
export const TASK_COLUMNS = `id, task_id, status, display_status, message, tracking, added_at, last_queried_at, finished_at,
  last_change_at, tracking_changed_at, last_request_id, last_error, last_error_at, query_count, image_count,
  images_downloaded`

export const IMAGE_COLUMNS = `idx, url, width, height, expires_at, download_state, local_path, bytes, sha256,
  download_error, downloaded_at`

export interface TaskRow {
  id: number
  task_id: string
  status: string | null
  display_status: string
  message: string | null
  tracking: string
  added_at: number
  last_queried_at: number | null
  finished_at: number | null
  last_change_at: number
  tracking_changed_at: number
  last_request_id: string | null
  last_error: string | null
  last_error_at: number | null
  query_count: number
  image_count: number
  images_downloaded: number
}

export interface ImageRow {
  idx: number
  url: string
  width: number | null
  height: number | null
  expires_at: number | null
  download_state: string
  local_path: string | null
  bytes: number | null
  sha256: string | null
  download_error: string | null
  downloaded_at: number | null
}

export function taskFromRow(row: TaskRow): TaskRecord {
  return {
    taskId: row.task_id,
    status: row.status,
    displayStatus: row.display_status as DisplayStatus,
    message: row.message,
    tracking: row.tracking as TrackingState,
    addedAt: row.added_at,
    lastQueriedAt: row.last_queried_at,
    finishedAt: row.finished_at,
    lastChangeAt: row.last_change_at,
    trackingChangedAt: row.tracking_changed_at,
    lastRequestId: row.last_request_id,
    lastError: parseErrorInfo(row.last_error),
    lastErrorAt: row.last_error_at,
    queryCount: row.query_count,
    imageCount: row.image_count,
    imagesDownloaded: row.images_downloaded
  }
}

export function imageFromRow(row: ImageRow): ImageRecord {
  return {
    index: row.idx,
    url: row.url,
    width: row.width,
    height: row.height,
    expiresAt: row.expires_at,
    downloadState: row.download_state as DownloadState,
    localPath: row.local_path,
    bytes: row.bytes,
    sha256: row.sha256,
    downloadError: row.download_error,
    downloadedAt: row.downloaded_at
  }
}

export function pendingImageFromRow(row: ImageRow & { task_id: string }): PendingImage {
  return { taskId: row.task_id, ...imageFromRow(row) }
}

function parseErrorInfo(text: string | null): AidgeErrorInfo | null {
  if (text === null) return null
  try {
    return JSON.parse(text) as AidgeErrorInfo
  } catch {
    // Written by this store as JSON, so only a hand-edited file gets here; show what is there.
    return { kind: 'malformed', code: 'STORE', message: text, retryable: false }
  }
}

/**
 * When a signed image URL stops working: its `Expires` query parameter (Unix seconds, as OSS signs them) in ms.
 * Null when the URL has none or it is not a plain integer.
 */
export function expiresAtOf(url: string): number | null {
  let params: URLSearchParams
  try {
    params = new URL(url).searchParams
  } catch {
    return null
  }
  for (const [key, value] of params) {
    if (key.toLowerCase() !== 'expires') continue
    if (!/^\d{1,12}$/.test(value)) return null
    return Number(value) * 1000
  }
  return null
}

/** The raw response as stored: strings verbatim, anything else as JSON; undefined when there is none. */
export function rawResponseText(raw: unknown): string | undefined {
  if (raw === undefined || raw === null) return undefined
  if (typeof raw === 'string') return raw
  try {
    return JSON.stringify(raw)
  } catch {
    return String(raw)
  }
}

/** SQLite stores numbers; drop what is not a finite number. */
export function finiteOrNull(n: number | null | undefined): number | null {
  return typeof n === 'number' && Number.isFinite(n) ? n : null
}

/** The downloader owns these fields; what each state means for them. */
export function nextDownloadFields(current: ImageRow, update: ImageDownloadUpdate, at: number) {
  switch (update.state) {
    case 'none':
      return { localPath: null, bytes: null, sha256: null, error: null, downloadedAt: null }
    case 'pending':
      return {
        localPath: update.localPath ?? current.local_path,
        bytes: update.bytes ?? current.bytes,
        sha256: update.sha256 ?? current.sha256,
        error: null,
        downloadedAt: current.downloaded_at
      }
    case 'done':
      return {
        localPath: update.localPath ?? null,
        bytes: finiteOrNull(update.bytes),
        sha256: update.sha256 ?? null,
        error: null,
        downloadedAt: at
      }
    case 'failed':
      // Downloads are renamed into place only when complete, so a failed one has no file to point at.
      return { localPath: null, bytes: null, sha256: null, error: update.error ?? 'download failed', downloadedAt: null }
  }
}
