// Consistent copies of the history under `backups/` beside it: taken with VACUUM INTO (one transaction's
// snapshot, compacted, readable while the app keeps writing), written under a temp name and renamed only when
// complete and flushed, at most once a day and before every migration, the newest BACKUPS_KEPT kept.
import fs from 'node:fs'
import path from 'node:path'
import { DatabaseSync, type DatabaseSyncInstance } from '@photostructure/sqlite'
import { HistoryStoreError } from './errors'
import { asWriteError } from './storage'

export const BACKUPS_DIR_NAME = 'backups'
export const BACKUPS_KEPT = 7
export const BACKUP_INTERVAL_MS = 24 * 60 * 60_000

/** history-2026-12-05T02-30-00-000Z[-tag].sqlite: sorts by time, no characters Windows refuses in a name. */
const NAME = /^history-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z(?:-([a-z0-9-]+))?\.sqlite$/

export interface BackupInfo {
  /** full path */
  file: string
  /** when it was taken, ms since the epoch (from its name) */
  takenAt: number
  /** why: 'daily', 'before-migration-v2'... */
  tag: string | null
  bytes: number
}

export function backupsDirOf(historyFile: string): string {
  return path.join(path.dirname(path.resolve(historyFile)), BACKUPS_DIR_NAME)
}

/** A file-name-safe ISO time: 2026-12-05T02-30-00-000Z. */
export function fileStamp(at: number): string {
  return new Date(at).toISOString().replace(/:/g, '-').replace('.', '-')
}

/** The backups of this history file, newest first (files that do not match the naming are not ours: ignored). */
export function listBackups(historyFile: string): BackupInfo[] {
  const dir = backupsDirOf(historyFile)
  let names: string[]
  try {
    names = fs.readdirSync(dir)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw e
  }
  const out: BackupInfo[] = []
  for (const name of names) {
    const m = NAME.exec(name)
    if (!m) continue
    const takenAt = Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`)
    if (!Number.isFinite(takenAt)) continue
    const file = path.join(dir, name)
    let bytes: number
    try {
      bytes = fs.statSync(file).size
    } catch {
      continue // removed meanwhile (another process pruned it)
    }
    out.push({ file, takenAt, tag: m[6] ?? null, bytes })
  }
  return out.sort((a, b) => b.takenAt - a.takenAt || b.file.localeCompare(a.file))
}

/**
 * Writes a backup of the open database now and drops all but the newest BACKUPS_KEPT. Returns the backup's path.
 * A full disk throws DISK_FULL naming the backups folder; no temp file is left behind either way.
 */
export function writeBackup(db: DatabaseSyncInstance, historyFile: string, at: number, tag: string): string {
  const dir = backupsDirOf(historyFile)
  const name = `history-${fileStamp(at)}-${tag}.sqlite`
  const final = path.join(dir, name)
  const temp = path.join(dir, `.${name}.${process.pid}.tmp`)
  try {
    fs.mkdirSync(dir, { recursive: true })
    fs.rmSync(temp, { force: true })
    db.prepare('VACUUM INTO ?').run(temp)
    flushFile(temp)
    fs.renameSync(temp, final)
    flushDir(dir)
  } catch (e) {
    fs.rmSync(temp, { force: true })
    const err = asWriteError(e, final, `Writing a backup of the history into ${dir}`)
    if (err instanceof HistoryStoreError) throw err
    throw new HistoryStoreError('BACKUP_FAILED', `Writing a backup of the history to ${final} failed: ${(e as Error).message}`, { cause: e })
  }
  pruneBackups(historyFile)
  return final
}

/** True when no backup was taken in the last BACKUP_INTERVAL_MS (a backup dated in the future does not count). */
export function backupDue(historyFile: string, now: number): boolean {
  const newest = listBackups(historyFile).find((b) => b.takenAt <= now)
  return newest === undefined || now - newest.takenAt >= BACKUP_INTERVAL_MS
}

/** Keeps the newest BACKUPS_KEPT backups; also removes temp files a crash left (older than a day, so never one
 * another process is writing right now). */
export function pruneBackups(historyFile: string): void {
  for (const old of listBackups(historyFile).slice(BACKUPS_KEPT)) fs.rmSync(old.file, { force: true })
  const dir = backupsDirOf(historyFile)
  for (const name of fs.readdirSync(dir)) {
    if (!name.startsWith('.') || !name.endsWith('.tmp')) continue
    const file = path.join(dir, name)
    try {
      if (Date.now() - fs.statSync(file).mtimeMs > BACKUP_INTERVAL_MS) fs.rmSync(file, { force: true })
    } catch {
      // gone already
    }
  }
}

export interface FileCheck {
  ok: boolean
  /** 'ok', or what SQLite found (first lines) */
  detail: string
  schemaVersion: number | null
}

/** Opens a file read-only and runs PRAGMA quick_check; never changes it (nor creates a WAL beside it). */
export function checkFile(file: string): FileCheck {
  let db: DatabaseSyncInstance | null = null
  try {
    db = new DatabaseSync(file, { readOnly: true })
    const rows = db.prepare('PRAGMA quick_check(5)').all() as { quick_check: string }[]
    const detail = rows.map((r) => r.quick_check).join('\n')
    const version = Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version)
    return { ok: detail === 'ok', detail, schemaVersion: version }
  } catch (e) {
    return { ok: false, detail: e instanceof Error ? e.message : String(e), schemaVersion: null }
  } finally {
    db?.close()
  }
}

function flushFile(file: string): void {
  const fd = fs.openSync(file, 'r+')
  try {
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}

/** So the rename itself survives a power cut (a no-op where folders cannot be opened, i.e. Windows). */
export function flushDir(dir: string): void {
  let fd: number | null = null
  try {
    fd = fs.openSync(dir, 'r')
    fs.fsyncSync(fd)
  } catch {
    // not supported here
  } finally {
    if (fd !== null) fs.closeSync(fd)
  }
}
