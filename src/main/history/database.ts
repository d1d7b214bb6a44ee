// Opening the SQLite file with the settings the store relies on, and the one transaction helper it uses.
import fs from 'node:fs'
import path from 'node:path'
import { DatabaseSync, type DatabaseSyncInstance } from '@photostructure/sqlite'
import { writeBackup } from './backups'
import { HistoryStoreError } from './errors'
import { LATEST_SCHEMA_VERSION, applyMigrations, assertSchemaNotNewer, readSchemaVersion, type Migration } from './migrations'
import { asWriteError, isDamageCause } from './storage'

export const HISTORY_FILE_NAME = 'history.sqlite'

export interface OpenDatabaseOptions {
  synchronous: 'FULL' | 'NORMAL'
  busyTimeoutMs: number
  migrations?: readonly Migration[]
  /** before anything is written, check the file: 'header' (its header against its size: cheap) or 'full' (also
   * PRAGMA quick_check, which reads every page: about 0.8 s at 100,000 tasks); a damaged file throws DAMAGED */
  verify?: 'header' | 'full' | false
  /** the clock, for the name of the backup taken before a migration */
  now?: () => number
}

export function resolveHistoryFile(options: { dataDir?: string; file?: string }): string {
  // Absolute, so every message that names the file names where it really is.
  if (options.file) return options.file === ':memory:' ? options.file : path.resolve(options.file)
  if (options.dataDir) return path.resolve(options.dataDir, HISTORY_FILE_NAME)
  throw new HistoryStoreError('INVALID_ARGUMENT', 'openHistoryStore needs a dataDir or a file')
}

/**
 * Opens (creating if needed) and migrates the history file. The version check runs before anything is written,
 * so a file from a newer app is refused untouched (not even switched to WAL).
 */
export function openDatabase(file: string, options: OpenDatabaseOptions): DatabaseSyncInstance {
  const inMemory = file === ':memory:'
  if (!inMemory) fs.mkdirSync(path.dirname(file), { recursive: true })
  const shortBy = options.verify && !inMemory ? cutShort(file) : null
  const db = new DatabaseSync(file, { timeout: options.busyTimeoutMs, enableForeignKeyConstraints: true })
  try {
    // Connection-level settings: they change nothing in the file.
    db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs))}`)
    db.exec('PRAGMA foreign_keys = ON')
    const known = options.migrations?.at(-1)?.version ?? LATEST_SCHEMA_VERSION
    const version = readSchemaVersion(db)
    assertSchemaNotNewer(version, file, known)
    // A header that promises more pages than the file holds is only a suspicion: another process may be in the
    // middle of a checkpoint (page 1 is written before the pages that grow the file). SQLite's own check, which
    // reads under the proper locks, decides.
    if ((options.verify === 'full' || shortBy !== null) && !inMemory) verifyPages(db, file, shortBy)

    if (!inMemory) {
      const mode = (db.prepare('PRAGMA journal_mode = WAL').get() as { journal_mode: string }).journal_mode
      if (mode.toLowerCase() !== 'wal') {
        throw new HistoryStoreError(
          'INVALID_ARGUMENT',
          `The history file ${file} could not be switched to WAL mode (got "${mode}"); is it on a network drive?`
        )
      }
    }
    // In WAL mode, NORMAL never corrupts the file but may lose the last commits on power loss; FULL also
    // fsyncs the WAL at each commit. See HistoryStoreOptions.synchronous.
    db.exec(`PRAGMA synchronous = ${options.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`)
    // A crash or a bug during a migration must never cost the user their history: a copy first.
    if (!inMemory && version > 0 && version < known) writeBackup(db, file, (options.now ?? Date.now)(), `before-v${known}`)
    applyMigrations(db, file, options.migrations)
    return db
  } catch (error) {
    db.close()
    // SQLite's "malformed" says less than what the header showed
    if (shortBy !== null && isDamageCause(error) && !(error instanceof HistoryStoreError)) {
      throw new HistoryStoreError('DAMAGED', `The history file ${file} is damaged: ${shortBy}`, { cause: error })
    }
    throw asWriteError(error, file, `Opening the history file ${file}`)
  }
}

/**
 * A file cut short (a sync tool's half copy) shows without reading it: its header says how many pages it has
 * (when the header's own validity counter agrees; https://sqlite.org/fileformat.html#in_header_database_size), and
 * the file should hold at least that many. Returns "it is cut short (x of y bytes)", or null. A header that is not
 * SQLite's is left to the open, which names it.
 */
function cutShort(file: string): string | null {
  let fd: number
  try {
    fd = fs.openSync(file, 'r')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw e
  }
  try {
    const header = Buffer.alloc(100)
    if (fs.readSync(fd, header, 0, 100, 0) < 100 || !header.subarray(0, 16).equals(SQLITE_MAGIC)) return null
    const rawPageSize = header.readUInt16BE(16)
    const pageSize = rawPageSize === 1 ? 65536 : rawPageSize
    const pages = header.readUInt32BE(28)
    const valid = header.readUInt32BE(24) === header.readUInt32BE(92) && pages > 0
    const size = fs.fstatSync(fd).size
    return valid && size < pages * pageSize ? `it is cut short (${size} of ${pages * pageSize} bytes)` : null
  } finally {
    fs.closeSync(fd)
  }
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1')

/** PRAGMA quick_check: O(size) but no index cross-checks; catches what a bad sector or a torn copy leaves.
 * `suspicion` (what the header showed) is the reason given when the check confirms it. */
function verifyPages(db: DatabaseSyncInstance, file: string, suspicion: string | null): void {
  let found: string
  try {
    const rows = db.prepare('PRAGMA quick_check(5)').all() as { quick_check: string }[]
    found = rows.map((r) => r.quick_check).join('; ')
  } catch (e) {
    if (!isDamageCause(e)) throw e
    throw new HistoryStoreError('DAMAGED', `The history file ${file} is damaged: ${suspicion ?? (e as Error).message}`, { cause: e })
  }
  if (found !== 'ok') throw new HistoryStoreError('DAMAGED', `The history file ${file} is damaged: ${suspicion ?? found}`)
}

/** 'write' takes the write lock up front; 'read' only pins one snapshot for several reads. */
export type Transactor = <T>(fn: () => T, mode?: 'write' | 'read') => T

/**
 * Runs fn in one transaction: BEGIN IMMEDIATE at the outermost level for writes (the write lock is taken up
 * front, so busy_timeout applies instead of a mid-transaction SQLITE_BUSY), savepoints when nested, so an inner
 * failure that the caller catches rolls back only the inner part. fn must be synchronous.
 */
export function createTransactor(db: DatabaseSyncInstance, mapError: (e: unknown) => unknown = (e) => e): Transactor {
  let depth = 0
  return <T>(fn: () => T, mode: 'write' | 'read' = 'write'): T => {
    const savepoint = `sp_${depth}`
    db.exec(depth > 0 ? `SAVEPOINT ${savepoint}` : mode === 'write' ? 'BEGIN IMMEDIATE' : 'BEGIN DEFERRED')
    depth++
    let result: T
    try {
      result = fn()
      if (result instanceof Promise) throw new TypeError('a history transaction must be synchronous')
    } catch (error) {
      depth--
      if (depth === 0) {
        if (db.isTransaction) db.exec('ROLLBACK')
        throw mapError(error)
      } else {
        db.exec(`ROLLBACK TO ${savepoint}`)
        db.exec(`RELEASE ${savepoint}`)
      }
      throw error
    }
    depth--
    if (depth === 0) {
      try {
        db.exec('COMMIT')
      } catch (error) {
        if (db.isTransaction) db.exec('ROLLBACK')
        throw mapError(error)
      }
    } else {
      db.exec(`RELEASE ${savepoint}`)
    }
    return result
  }
}
