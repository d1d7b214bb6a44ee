import { resolve } from 'node:path'
import type { Services } from '../main/services'
import { followTaskUpdates, formatProgressLine, formatReport, type DownloadBatch } from '../main/downloads'
import type { BatchReport } from '../main/downloads'
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

/** Starts a batch for the given tasks into DIR: skipping unfinished tasks, or waiting for them as the poller
 * reports (watch --download). */
export function startBatch(services: Services, args: CliArgs, ids: string[], dir: string, unfinished: 'skip' | 'wait', signal: AbortSignal): DownloadBatch {
  const settings = services.effectiveSettings().downloads
  const batch = services.downloader.start({
    targetDir: resolve(dir),
    taskIds: ids,
    unfinished,
    template: args.template ?? settings.filenameTemplate,
    concurrency: args.concurrency ?? settings.concurrency,
    manifest: true,
    signal
  })
  if (unfinished === 'wait') followTaskUpdates(batch, services.scheduler)
  return batch
}

export function progressLine(batch: DownloadBatch): string {
  return formatProgressLine(batch.progress())
}
