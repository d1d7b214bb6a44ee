// Glue for the composition root and the CLI: a refresh function from a query client, following the poll
// scheduler's task updates (watch --download), and text for progress lines and the final report.
import type { HistoryStore, QueryRecordInput } from '../history'
import type { DownloadBatch } from './batch'
import type { Downloader } from './downloader'
import type { BatchProgress } from './progress'
import type { BatchReport, BatchRequest, RefreshTask } from './types'
import { formatBytes } from '../../shared/format'

/** Anything that can query a task: AidgeClient fits (its TaskQueryResult is a QueryRecordInput). */
export interface TaskQuerier {
  queryTask(taskId: string, opts?: { signal?: AbortSignal }): Promise<QueryRecordInput>
}

/** Re-queries with the client and records the answer, so history keeps the fresh URLs. */
export function refreshWithClient(client: TaskQuerier | (() => TaskQuerier), history: HistoryStore): RefreshTask {
  return async (taskId, signal) => {
    const c = typeof client === 'function' ? client() : client
    const result = await c.queryTask(taskId, { signal })
    history.recordQuery(taskId, result)
    return result.images
  }
}

/**
 * Re-queries through the poll scheduler (shares its rate limit and backoff): `requery` is scheduler.requery,
 * which records the answer; the fresh URLs are then read back from history. A query that ended in an error
 * (the record's lastError) fails the refresh with that error's message.
 */
export function refreshWithRequery(
  requery: (taskId: string) => Promise<{ lastError: { message: string } | null } | null>,
  history: HistoryStore
): RefreshTask {
  return async (taskId) => {
    const record = await requery(taskId)
    if (record === null) return null
    if (record.lastError) throw new Error(record.lastError.message)
    return history.getTask(taskId)?.images ?? null
  }
}

/** What follows 'task:updated' events: the PollScheduler (an EventEmitter) fits. */
export interface TaskUpdateSource {
  on(event: 'task:updated', listener: (task: { taskId: string }) => void): unknown
  off(event: 'task:updated', listener: (task: { taskId: string }) => void): unknown
}

/** Feeds task updates into a batch that waits for unfinished tasks; unsubscribes when the batch is done. */
export function followTaskUpdates(batch: DownloadBatch, source: TaskUpdateSource): () => void {
  const listener = (task: { taskId: string }): void => batch.taskUpdated(task.taskId)
  source.on('task:updated', listener)
  const stop = (): void => void source.off('task:updated', listener)
  void batch.done.then(stop)
  return stop
}

export { formatBytes }

function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000)
  if (s < 60) return `${s}s`
  const m = Math.floor(s / 60)
  return m < 60 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`
}

/** One status line: `12/40 files, 3 failed, 48 MB at 5.1 MB/s, ETA 12s` */
export function formatProgressLine(p: BatchProgress): string {
  const parts = [`${p.filesFinished}/${p.filesTotal} files`]
  if (p.failed > 0) parts.push(`${p.failed} failed`)
  if (p.tasksWaiting > 0) parts.push(`waiting for ${p.tasksWaiting} task(s)`)
  parts.push(`${formatBytes(p.bytesReceived)} at ${formatBytes(p.rateBytesPerSec)}/s`)
  if (p.etaMs !== null && p.filesFinished < p.filesTotal) parts.push(`ETA ${formatDuration(p.etaMs)}`)
  return parts.join(', ')
}

/** The final report as lines of text: a summary, then every failure and every task that gave nothing. */
export function formatReport(r: BatchReport): string[] {
  const lines = [
    `${r.cancelled ? 'Cancelled' : 'Done'}: ${r.downloaded} downloaded, ${r.skipped} already there, ${r.failed} failed` +
      `${r.cancelledFiles ? `, ${r.cancelledFiles} cancelled` : ''}; ${formatBytes(r.bytesReceived)} in ${formatDuration(r.finishedAt - r.startedAt)} into ${r.targetDir}`
  ]
  for (const f of r.failures) lines.push(`  failed: ${f.reason ?? `task ${f.taskId} image ${f.index}`}`)
  for (const t of r.tasks) lines.push(`  task ${t.taskId}: ${t.reason}`)
  for (const w of r.warnings) lines.push(`  warning: ${w}`)
  if (r.manifestPath) lines.push(`  manifest: ${r.manifestPath}`)
  return lines
}

export interface RunBatchOptions {
  /** the scheduler, for a batch that waits for unfinished tasks (watch --download) */
  updates?: TaskUpdateSource
  /** a status line at most every progressIntervalMs (the CLI rewrites one line with it) */
  onProgress?: (line: string, progress: BatchProgress) => void
  /** one line per failed file as it happens */
  onFailure?: (line: string) => void
}

/**
 * The CLI's `download` and `watch --download` in one call: start, follow the scheduler when waiting, report
 * progress, resolve with the report (print it with formatReport; exit 1 when report.failed > 0). Ctrl-C: pass
 * `signal` in the request; the batch cancels, partial files stay for the next run.
 */
export async function runBatch(downloader: Downloader, request: BatchRequest, options: RunBatchOptions = {}): Promise<BatchReport> {
  const batch = downloader.start(request)
  if (options.updates && request.unfinished === 'wait') followTaskUpdates(batch, options.updates)
  const { onProgress, onFailure } = options
  if (onProgress) batch.on('progress', (p) => onProgress(formatProgressLine(p), p))
  if (onFailure) batch.on('file', (e) => e.type === 'finished' && e.outcome.status === 'failed' && onFailure(e.outcome.reason ?? 'failed'))
  return batch.done
}
