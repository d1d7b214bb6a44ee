// One vocabulary for downloads, from the downloader to the renderer: what a batch is asked to do, how far it got,
// and how the app shows it. The downloader (src/main/downloads) speaks it; the IPC contract carries it unchanged.
import type { TaskFilter } from './history'

/** One result image: a task and the image's index in it. */
export interface ImageRef {
  taskId: string
  index: number
}

/** Most images one download request may name ({ taskId, index }: three values each, well inside main's payload
 * limits); the renderer sends a larger selection as several batches. */
export const MAX_IMAGES_PER_REQUEST = 5_000

export interface DownloadRequest {
  /** explicit selection; when absent, every finished task matching `filter` */
  taskIds?: string[]
  /** chosen images (the gallery's selection): only these, whatever their tasks hold besides; wins over taskIds */
  images?: ImageRef[]
  filter?: TaskFilter
  /** created when missing */
  folder: string
  /** default `{taskId}_{index}.{ext}`; also {name} {date} {n}, and `/` for subfolders, e.g. `{taskId}/{index}.{ext}` */
  template?: string
  /** wait for unfinished tasks until they finish, instead of skipping them */
  waitForUnfinished?: boolean
}

/** Counts, bytes, a rate over the last few seconds and an ETA from it. */
export interface DownloadProgress {
  /** files known to the batch (waiting tasks' images are added when the tasks finish) */
  filesTotal: number
  downloaded: number
  skipped: number
  failed: number
  cancelled: number
  /** downloaded + skipped + failed + cancelled */
  filesFinished: number
  filesActive: number
  /** tasks the batch still waits for (waitForUnfinished) */
  tasksWaiting: number
  /** bytes received in this batch (resumed prefixes not counted) */
  bytesReceived: number
  /** bytes still to receive for the files that are known, estimated from the average size where unknown; null before any size is known */
  bytesRemaining: number | null
  /** bytes per second over the last few seconds */
  rateBytesPerSec: number
  /** null while the rate or the remaining bytes are unknown */
  etaMs: number | null
  elapsedMs: number
}

/** Why a file failed, as a code the renderer words (the downloader's DownloadError codes). */
export type DownloadErrorCode =
  /** connection refused/reset/closed, DNS: retried */
  | 'NETWORK'
  /** no bytes for the stall timeout (or no headers in time): retried */
  | 'STALLED'
  /** the body ended before its announced length: retried (resumes with Range) */
  | 'CUT_SHORT'
  /** a 5xx/408/429 answer: retried; any other unexpected status: not */
  | 'HTTP'
  /** 403 from object storage or an Expires in the past: one re-query of the task, then not retried */
  | 'EXPIRED'
  /** 404/410: the object is gone */
  | 'NOT_FOUND'
  /** the bytes are not PNG/JPEG/WebP/GIF (found in the first bytes: the transfer stops there) */
  | 'NOT_AN_IMAGE'
  /** larger than the per-image cap (announced or counted): not retried */
  | 'TOO_LARGE'
  /** the URL or a redirect hop is not https to a public address, or redirects go on too long: not fetched */
  | 'URL_REFUSED'
  /** the server's answer to a resume did not fit the partial file: retried from the start */
  | 'RESUME_MISMATCH'
  /** ENOSPC/EDQUOT */
  | 'DISK_FULL'
  /** the target folder cannot be created or written (EROFS, EACCES, EPERM, ENOTDIR, EEXIST on a folder) */
  | 'NOT_WRITABLE'
  /** any other local file error */
  | 'FILE_SYSTEM'
  /** the task has no URL for this image (even after a re-query) */
  | 'NO_URL'
  /** the re-query for fresh URLs failed */
  | 'REFRESH_FAILED'
  | 'CANCELLED'

export interface DownloadFailureView {
  taskId: string
  index: number
  /** null for a failure with no code (an unexpected error) */
  code: DownloadErrorCode | null
  /** the downloader's own line (English, names the host and status; never a signed URL): the CLI's words, and the detail under the window's */
  error: string
}

/**
 * Where a finished batch's list of downloads went when not to manifest.json, as a code the renderer words:
 * 'alternate': manifest.json belongs to another program (left as it is), the list is in ALT_MANIFEST_NAME;
 * 'foreign': both names belong to other programs, so no list was written.
 */
export type ManifestNote = 'alternate' | 'foreign'
export const MANIFEST_NAME = 'manifest.json'
export const ALT_MANIFEST_NAME = 'aidge-task-desk.manifest.json'

/** A batch as the app shows it: its progress, plus which batch, where, how it ended and why files failed. */
export interface DownloadProgressView extends DownloadProgress {
  batchId: string
  folder: string
  state: 'running' | 'done' | 'cancelled' | 'failed'
  failures: DownloadFailureView[]
  /** 'auto': started by main's auto-download (settings.downloads.autoDownload), not by a person */
  origin: 'user' | 'auto'
  /** how many tasks were asked for by id; null for a batch over a filter */
  tasks: number | null
  /** set when the batch ended and its manifest could not be manifest.json */
  manifestNote: ManifestNote | null
}

/** A batch as shown before its first progress: nothing done yet, running. Main and the page (which shows a batch
 * the moment it is asked for) start from the same view. */
export function startingView(batchId: string, folder: string, origin: DownloadProgressView['origin'], tasks: number | null): DownloadProgressView {
  return {
    filesTotal: 0,
    downloaded: 0,
    skipped: 0,
    failed: 0,
    cancelled: 0,
    filesFinished: 0,
    filesActive: 0,
    tasksWaiting: 0,
    bytesReceived: 0,
    bytesRemaining: null,
    rateBytesPerSec: 0,
    etaMs: null,
    elapsedMs: 0,
    batchId,
    folder,
    state: 'running',
    failures: [],
    origin,
    tasks,
    manifestNote: null
  }
}

/** Finished tasks auto-download could not fetch, and why (a code the renderer words). */
export interface AutoDownloadSkipped {
  reason: 'noFolder'
  tasks: number
}
