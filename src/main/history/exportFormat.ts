import type { TaskWithImages } from '../../shared/history'

// Export formats shared by the CLI and the app: CSV with a header row, JSON records. Signed URLs lose their
// query string (signature, key, expiry) unless the user asks for them.

/** URL without its query string: the object-storage signature and key stay out of exports and tables. */
export function unsignedUrl(url: string): string {
  const q = url.indexOf('?')
  return q === -1 ? url : url.slice(0, q)
}

/** A UTC timestamp as 'YYYY-MM-DD HH:MM:SS', or '' */
export function time(ms: number | null): string {
  return ms === null ? '' : new Date(ms).toISOString().replace('T', ' ').slice(0, 19)
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

export interface ExportOptions {
  format: 'csv' | 'json'
  withUrls?: boolean
}

/** The export as text chunks, one task at a time: memory stays flat however large the history. */
export function* exportChunks(tasks: Iterable<TaskWithImages>, opts: ExportOptions): Generator<string, number> {
  let count = 0
  if (opts.format === 'csv') {
    yield csvHeader()
    for (const t of tasks) {
      yield csvRow(t, opts.withUrls === true)
      count++
    }
    return count
  }
  yield '['
  for (const t of tasks) {
    yield (count === 0 ? '\n' : ',\n') + JSON.stringify(exportRecord(t, opts.withUrls === true))
    count++
  }
  yield count === 0 ? ']\n' : '\n]\n'
  return count
}
