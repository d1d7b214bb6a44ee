// What the file system said, in the history's terms: a full disk (with where and how much is free) and a damaged
// file are told apart from every other failure, so callers can pause, restore or explain instead of crashing.
import fs from 'node:fs'
import path from 'node:path'
import { formatBytes } from '../../shared/format'
import { HistoryStoreError } from './errors'

/** SQLite's primary result codes that matter here (https://sqlite.org/rescode.html). */
const SQLITE_CORRUPT = 11
const SQLITE_FULL = 13
const SQLITE_NOTADB = 26

interface SqliteLike {
  code?: unknown
  errcode?: unknown
  sqliteCode?: unknown
  cause?: unknown
}

function* causes(e: unknown): Generator<SqliteLike> {
  for (let c: unknown = e, depth = 0; c && typeof c === 'object' && depth < 8; c = (c as SqliteLike).cause, depth++) yield c as SqliteLike
}

const primary = (c: SqliteLike): number | null => {
  const n = typeof c.sqliteCode === 'number' ? c.sqliteCode : typeof c.errcode === 'number' ? c.errcode : null
  return n === null ? null : n & 0xff
}

/** ENOSPC/EDQUOT from Node, or SQLITE_FULL from SQLite, anywhere along the cause chain. */
export function isDiskFullCause(e: unknown): boolean {
  for (const c of causes(e)) {
    if (c.code === 'ENOSPC' || c.code === 'EDQUOT' || primary(c) === SQLITE_FULL) return true
    if (c instanceof HistoryStoreError && c.code === 'DISK_FULL') return true
  }
  return false
}

/** "file is not a database" or "database disk image is malformed": the file itself is damaged. */
export function isDamageCause(e: unknown): boolean {
  for (const c of causes(e)) {
    const p = primary(c)
    if (p === SQLITE_CORRUPT || p === SQLITE_NOTADB) return true
    if (c instanceof HistoryStoreError && c.code === 'DAMAGED') return true
  }
  return false
}

/** Bytes free for this user in the folder (or its nearest existing parent); null when the system cannot say. */
export function freeBytes(folder: string): number | null {
  let dir = path.resolve(folder)
  for (;;) {
    try {
      const s = fs.statfsSync(dir)
      return Number(s.bavail) * Number(s.bsize)
    } catch {
      const parent = path.dirname(dir)
      if (parent === dir) return null
      dir = parent
    }
  }
}

/** A full disk while writing into `folder`, as the one error every caller shows: the folder and the free space. */
export function diskFullError(folder: string, what: string, cause: unknown): HistoryStoreError {
  const dir = path.resolve(folder)
  const free = freeBytes(dir)
  return new HistoryStoreError(
    'DISK_FULL',
    `${what} failed: the disk is full in ${dir} (${formatBytes(free)} free). Free some space there; nothing already saved was lost.`,
    { cause, folder: dir, freeBytes: free }
  )
}

/** Rethrows a write failure as DISK_FULL when that is what it was; anything else unchanged. */
export function asWriteError(e: unknown, file: string, what = 'Saving the history'): unknown {
  if (e instanceof HistoryStoreError) return e
  return isDiskFullCause(e) ? diskFullError(path.dirname(file), what, e) : e
}
