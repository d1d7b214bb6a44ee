import type { AidgeErrorInfo } from '../shared/aidge'
import type { TaskRecord, TaskWithImages } from '../main/history'
import { time } from '../main/history/exportFormat'
export { csvHeader, csvRow, exportRecord, unsignedUrl } from '../main/history/exportFormat'

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
