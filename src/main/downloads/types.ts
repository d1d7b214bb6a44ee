// Public shapes of the batch downloader: options, requests, events and the final report. Plain data (events
// and reports cross IPC as JSON).
import type { DownloadRequest, ManifestNote } from '../../shared/downloads'
import type { HistoryStore, TaskFilter } from '../history'
import type { Clock } from '../tracking/clock'
import type { DownloadErrorCode } from './errors'
import type { RetryPolicy } from './fetchImage'
import type { ImageFetcher } from './httpFetcher'
import type { ImageHostPolicy } from './imageHosts'
import type { DownloadIo } from './partFile'
import type { BatchProgress } from './progress'

/**
 * Re-queries a task for fresh result URLs and records the answer in history (the store must end up holding the
 * fresh URLs). Returns the task's images in index order, or null when the task is unknown. The app wires the
 * scheduler's requery() or the client's queryTask() + history.recordQuery() here.
 */
export type RefreshTask = (taskId: string, signal: AbortSignal) => Promise<ReadonlyArray<{ url: string }> | null>

export interface DownloaderOptions {
  history: HistoryStore
  /** without it an expired link fails its file with a clear error */
  refresh?: RefreshTask | null
  /** default: undici with a keep-alive agent (closed by downloader.close()) */
  fetcher?: ImageFetcher
  /** where images may come from, asked at each request (default: public https hosts only; see imageHosts.ts) */
  imageHosts?: () => ImageHostPolicy
  /** the per-image cap in bytes, asked at each try (default 64 MiB) */
  maxImageBytes?: () => number
  /** the partial-file writer (tests inject a full disk) */
  io?: DownloadIo
  clock?: Clock
  random?: () => number
  /** files in flight at once to start with (default 6: fine for home broadband, and a polite load on object storage) */
  concurrency?: number
  /** files in flight at once at most: a batch adds connections while the total rate grows (default 24; see concurrency.ts) */
  maxConcurrency?: number
  /** how busy this process is: starts a measurement, the result gives the busy share since (default: the event
   * loop's utilisation). Tests whose simulator shares this process's event loop measure the downloader alone. */
  busyMeter?: () => () => number
  retry?: Partial<RetryPolicy>
  /** no bytes for this long aborts a try, which is then retried (default 30 s) */
  stallTimeoutMs?: number
  /** a link expiring within this margin is refreshed before its first try (default 30 s) */
  expiryMarginMs?: number
  /** per-file progress events at most this often per file, batch progress at most this often (default 250 ms) */
  progressIntervalMs?: number
  /** how an already-downloaded file is checked before it is skipped (default 'sha256'; 'size' is faster) */
  verifyExisting?: 'sha256' | 'size'
}

/** What the app asks (src/shared/downloads.ts), plus what only main decides. */
export interface BatchRequest extends Omit<DownloadRequest, 'taskIds' | 'filter'> {
  taskIds?: readonly string[]
  /** the downloader takes finished tasks only: a status has nothing to add */
  filter?: Omit<TaskFilter, 'status'>
  /** keep accepting add() after the initial tasks are done, until seal() */
  open?: boolean
  /** write/merge `<folder>/manifest.json` at the end (default false) */
  manifest?: boolean
  /** overrides the downloader's concurrency (where it starts) for this batch */
  concurrency?: number
  /** overrides the downloader's ceiling for this batch; equal to `concurrency` for a fixed number */
  maxConcurrency?: number
  /** aborting it cancels the batch */
  signal?: AbortSignal
}

export type FileStatus = 'downloaded' | 'skipped' | 'failed' | 'cancelled'

export interface FileOutcome {
  taskId: string
  index: number
  status: FileStatus
  /** the final file (downloaded, or skipped because already there) */
  path: string | null
  bytes: number | null
  sha256: string | null
  /** HTTP tries made (expiry re-queries not counted) */
  attempts: number
  /** the task was re-queried for a fresh link */
  refreshed: boolean
  /** bytes kept from an earlier interrupted try (Range resume); 0 when none */
  resumedFrom: number
  /** an identical file was already at the final name and was kept */
  reusedExisting: boolean
  /** for failed/cancelled/skipped: why, in words */
  reason: string | null
  errorCode: DownloadErrorCode | null
  /** the source URL without its query string (never the signature) */
  source: string
}

export interface TaskNote {
  taskId: string
  /** waiting: unfinished, the batch waits; the rest: nothing (more) will be downloaded for it */
  state: 'waiting' | 'queued' | 'failed' | 'not-finished' | 'missing' | 'no-images' | 'cancelled'
  reason: string
}

export interface BatchReport {
  folder: string
  cancelled: boolean
  startedAt: number
  finishedAt: number
  /** every image the batch handled, in the order they finished */
  files: FileOutcome[]
  downloaded: number
  skipped: number
  failed: number
  cancelledFiles: number
  bytesReceived: number
  /** the failed files, each with its reason */
  failures: FileOutcome[]
  /** tasks that contributed no files, and why (failed, not finished, not in history, no images) */
  tasks: TaskNote[]
  manifestPath: string | null
  /** why the manifest is not manifest.json (another program's file has that name), for the app to word */
  manifestNote: ManifestNote | null
  /** problems that did not fail a file (history or manifest writes) */
  warnings: string[]
}

export type FileEvent =
  | { type: 'queued'; taskId: string; index: number }
  | { type: 'started'; taskId: string; index: number; attempt: number }
  | { type: 'progress'; taskId: string; index: number; receivedBytes: number; totalBytes: number | null }
  | { type: 'retrying'; taskId: string; index: number; attempt: number; delayMs: number; reason: string }
  | { type: 'refreshed'; taskId: string; index: number }
  | { type: 'finished'; taskId: string; index: number; outcome: FileOutcome }

export interface BatchEvents {
  file: [FileEvent]
  progress: [BatchProgress]
  task: [TaskNote]
  done: [BatchReport]
}
