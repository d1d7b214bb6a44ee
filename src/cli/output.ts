import type { AidgeErrorInfo } from '../shared/aidge'
import type { TaskRecord, TaskWithImages } from '../main/history'

/** One task in the --json document (the shape the tracking issue defines). */
export interface JsonTask {
  taskId: string
  status: string | null
  message: string | null
  requestId: string | null
  images: Array<{ url: string; width: number | null; height: number | null }>
  error: null | { kind: string; code: string; message: string; requestId: string | null }
}

export function jsonTask(task: TaskWithImages, error: AidgeErrorInfo | null = task.lastError): JsonTask {
  return {
    taskId: task.taskId,
    status: task.displayStatus === 'stale' || task.displayStatus === 'error' ? task.displayStatus : task.status,
    message: task.message,
    requestId: task.lastRequestId,
    images: task.images.map((i) => ({ url: i.url, width: i.width, height: i.height })),
    error: error ? { kind: error.kind, code: error.code, message: error.message, requestId: error.requestId ?? null } : null
  }
}

/** URL without its query string: the object-storage signature and key stay out of exports and tables. */
export function unsignedUrl(url: string): string {
  const q = url.indexOf('?')
  return q === -1 ? url : url.slice(0, q)
}

function time(ms: number | null): string {
  return ms === null ? '' : new Date(ms).toISOString().replace('T', ' ').slice(0, 19)
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length)
}

/** A readable table for people; --json is for programs. */
export function table(tasks: readonly TaskRecord[]): string {
  const rows = tasks.map((t) => [
    t.taskId,
    t.displayStatus,
    String(t.imageCount),
    time(t.addedAt),
    time(t.finishedAt),
    (t.lastError ? `${t.lastError.message}` : (t.message ?? '')).replace(/\s+/g, ' ').slice(0, 80)
  ])
  const head = ['TASK', 'STATUS', 'IMAGES', 'ADDED', 'FINISHED', 'MESSAGE']
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)))
  return [head, ...rows].map((r) => r.map((c, i) => pad(c, widths[i] as number)).join('  ').trimEnd()).join('\n')
}

const CSV_COLUMNS = ['taskId', 'status', 'message', 'addedAt', 'finishedAt', 'lastQueriedAt', 'requestId', 'imageCount', 'imageUrls', 'errorKind', 'errorCode', 'errorMessage'] as const

function csvCell(v: string): string {
  // A leading = + - @ would be run as a formula by spreadsheet programs.
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

export function csvHeader(): string {
  return CSV_COLUMNS.join(',') + '\r\n'
}

export function csvRow(t: TaskWithImages, withUrls: boolean): string {
  const urls = t.images.map((i) => (withUrls ? i.url : unsignedUrl(i.url))).join(' ')
  const cells = [
    t.taskId,
    t.displayStatus,
    t.message ?? '',
    time(t.addedAt),
    time(t.finishedAt),
    time(t.lastQueriedAt),
    t.lastRequestId ?? '',
    String(t.images.length),
    urls,
    t.lastError?.kind ?? '',
    t.lastError?.code ?? '',
    t.lastError?.message ?? ''
  ]
  return cells.map(csvCell).join(',') + '\r\n'
}

export function exportRecord(t: TaskWithImages, withUrls: boolean): unknown {
  return {
    taskId: t.taskId,
    status: t.status,
    displayStatus: t.displayStatus,
    message: t.message,
    addedAt: t.addedAt,
    lastQueriedAt: t.lastQueriedAt,
    finishedAt: t.finishedAt,
    requestId: t.lastRequestId,
    error: t.lastError,
    images: t.images.map((i) => ({
      index: i.index,
      url: withUrls ? i.url : unsignedUrl(i.url),
      width: i.width,
      height: i.height,
      downloadState: i.downloadState,
      localPath: i.localPath,
      sha256: i.sha256
    }))
  }
}
