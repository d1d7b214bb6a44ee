import { closeSync, fsyncSync, renameSync, rmSync, writeSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { ExportRequest } from '../../shared/ipc'
import type { HistoryStore } from './types'
import { exportChunks } from './exportFormat'
import { createExclusiveSync, unpredictableTempPath } from '../exclusiveFile'
import { diskFullError, isDiskFullCause } from './storage'

/**
 * Writes an export next to its destination and renames it into place when complete: a full disk or a crash never
 * leaves a half file under the name the user chose. Synchronous on purpose: the store's read cursor stays open for
 * the whole pass, and no poll may write to the store in between. Returns the number of tasks written.
 * The folder may be shared: the temp file has a name nobody can plant ahead of time and is created exclusively,
 * never through a symlink; the rename replaces the chosen name itself (a symlink there is replaced, not followed).
 */
export function exportTasks(history: HistoryStore, req: ExportRequest & { path: string }): number {
  const tmp = unpredictableTempPath(req.path)
  let fd: number
  try {
    fd = createExclusiveSync(tmp)
  } catch (e) {
    throw exportError(e, req.path)
  }
  try {
    const chunks = exportChunks(history.iterateTasks(req.filter ?? {}), { format: req.format, withUrls: req.withUrls === true })
    let buffered = ''
    let step = chunks.next()
    while (!step.done) {
      buffered += step.value
      if (buffered.length > 256 * 1024) {
        writeSync(fd, buffered)
        buffered = ''
      }
      step = chunks.next()
    }
    writeSync(fd, buffered)
    fsyncSync(fd)
    closeSync(fd)
    renameSync(tmp, req.path)
    return step.value
  } catch (e) {
    try {
      closeSync(fd)
    } catch {
      // already closed
    }
    rmSync(tmp, { force: true })
    throw exportError(e, req.path)
  }
}

/** The failure with the export's full path (and, on a full disk, the folder's free space); the system code kept. */
function exportError(e: unknown, file: string): Error {
  const full = resolve(file)
  if (isDiskFullCause(e)) return diskFullError(dirname(full), `Exporting to ${full}`, e)
  const err = new Error(`Exporting to ${full} failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e })
  const code = (e as { code?: unknown } | null)?.code
  return code === undefined ? err : Object.assign(err, { code })
}
