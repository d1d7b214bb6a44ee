import { resolve } from 'node:path'
import type { Services } from '../main/services'
import type { BatchProgress, BatchReport, DownloadBatch } from '../main/downloads'
import { ALT_MANIFEST_NAME, MANIFEST_NAME, type DownloadRequest, type ManifestNote } from '../shared/downloads'
import { formatBytes } from '../shared/format'
import type { CliArgs } from './args'

/** The fields `--json` adds for downloads: every file on disk (absolute path) and every failure. */
export interface DownloadJson {
  files: Array<{ taskId: string; index: number; path: string; bytes: number | null; sha256: string | null }>
  failed: Array<{ taskId: string; index: number; error: string }>
}

export function downloadJson(report: BatchReport): DownloadJson {
  return {
    files: report.files
      .filter((f) => f.path !== null && (f.status === 'downloaded' || f.status === 'skipped'))
      .map((f) => ({ taskId: f.taskId, index: f.index, path: resolve(f.path as string), bytes: f.bytes, sha256: f.sha256 })),
    failed: report.failures.map((f) => ({ taskId: f.taskId, index: f.index, error: f.reason ?? 'failed' }))
  }
}

export function downloadText(report: BatchReport): string {
  return formatReport(report).join('\n') + '\n'
}

/**
 * Starts a batch for the given tasks into DIR through the services' download service (the app's own path):
 * unfinished tasks are skipped, or waited for as the services' event hub reports them (watch --download), and an
 * expired link is re-queried through the scheduler either way. The batch ends with the command: it is not kept
 * for the app to resume.
 */
export function startBatch(
  services: Services,
  args: CliArgs,
  ids: string[],
  dir: string,
  { waitForUnfinished }: Pick<DownloadRequest, 'waitForUnfinished'>,
  signal: AbortSignal
): DownloadBatch {
  const { batchId } = services.downloads.start(
    { taskIds: ids, folder: resolve(dir), ...(args.template !== undefined ? { template: args.template } : {}), ...(waitForUnfinished ? { waitForUnfinished } : {}) },
    { persist: false, signal, ...(args.concurrency !== undefined ? { concurrency: args.concurrency } : {}) }
  )
  return services.downloads.batch(batchId) as DownloadBatch
}

export function progressLine(batch: DownloadBatch): string {
  return formatProgressLine(batch.progress())
}

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

const MANIFEST_NOTE_TEXT: Record<ManifestNote, string> = {
  alternate: `${MANIFEST_NAME} in this folder belongs to another program and was left as it is; the list of downloads is in ${ALT_MANIFEST_NAME}`,
  foreign: `${MANIFEST_NAME} and ${ALT_MANIFEST_NAME} in this folder belong to other programs: left as they are, no list of the downloads written`
}

/** The final report as lines of text: a summary, then every failure and every task that gave nothing. */
export function formatReport(r: BatchReport): string[] {
  const lines = [
    `${r.cancelled ? 'Cancelled' : 'Done'}: ${r.downloaded} downloaded, ${r.skipped} already there, ${r.failed} failed` +
      `${r.cancelledFiles ? `, ${r.cancelledFiles} cancelled` : ''}; ${formatBytes(r.bytesReceived)} in ${formatDuration(r.finishedAt - r.startedAt)} into ${r.folder}`
  ]
  for (const f of r.failures) lines.push(`  failed: ${f.reason ?? `task ${f.taskId} image ${f.index}`}`)
  for (const t of r.tasks) lines.push(`  task ${t.taskId}: ${t.reason}`)
  for (const w of r.warnings) lines.push(`  warning: ${w}`)
  if (r.manifestNote) lines.push(`  warning: ${MANIFEST_NOTE_TEXT[r.manifestNote]}`)
  if (r.manifestPath) lines.push(`  manifest: ${r.manifestPath}`)
  return lines
}
