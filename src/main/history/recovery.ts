// Opening the history at start so that a damaged file never stops the app: the file is checked (the open itself,
// its header against its size, and PRAGMA quick_check once a day); a damaged one is moved aside with its WAL and SHM under a dated name (never deleted),
// the newest backup that passes its check takes its place, and what happened comes back as notices for the UI and
// the CLI to tell. With no good backup a fresh history starts, and the damaged file is still kept.
import fs from 'node:fs'
import path from 'node:path'
import type { StartupNotice } from '../../shared/notices'
import { backupDue, checkFile, fileStamp, flushDir, listBackups } from './backups'
import { resolveHistoryFile } from './database'
import { HistoryStoreError } from './errors'
import { openHistoryStore } from './historyStore'
import { LATEST_SCHEMA_VERSION } from './migrations'
import { isDamageCause } from './storage'
import type { HistoryStore, HistoryStoreOptions } from './types'

const SIDE_FILES = ['-wal', '-shm'] as const

export interface OpenedHistory {
  store: HistoryStore
  notices: StartupNotice[]
}

/** openHistoryStore with verification and recovery; throws only for what a restore cannot fix (a newer schema,
 * a folder that cannot be written). */
export function openHistory(options: HistoryStoreOptions): OpenedHistory {
  const file = resolveHistoryFile(options)
  const now = options.now ?? Date.now
  if (file === ':memory:') return { store: openHistoryStore({ ...options, file }), notices: [] }
  // Reading every page costs about 0.8 s at 100,000 tasks: done when the daily backup is due (so a damaged file is
  // never what gets backed up), else only the cheap checks and whatever the open itself finds.
  const verify = backupDue(file, now()) ? 'full' : 'header'
  const open = (): HistoryStore => openHistoryStore({ ...options, file, verify })

  const notices: StartupNotice[] = []
  const wal = setAsideGarbageWal(file, now())
  if (wal) notices.push({ code: 'HISTORY_WAL_SET_ASIDE', damagedFile: wal })

  let problem: string
  try {
    return { store: open(), notices }
  } catch (e) {
    if (!isDamageCause(e)) throw e
    problem = sqliteWords(e)
  }
  const damagedFile = moveAside(file, now())
  for (const backup of listBackups(file)) {
    const check = checkFile(backup.file)
    if (!check.ok || check.schemaVersion === null || check.schemaVersion > LATEST_SCHEMA_VERSION) continue
    placeCopy(backup.file, file)
    try {
      const store = open()
      notices.push({ code: 'HISTORY_RESTORED', problem, damagedFile, backupFile: backup.file, backupTakenAt: backup.takenAt })
      return { store, notices }
    } catch (e) {
      if (!isDamageCause(e)) throw e
      // The copy failed after all (the backup itself stays as it was): drop the copy, try the next older one.
      removeWithSideFiles(file)
    }
  }
  const store = open()
  notices.push({ code: 'HISTORY_STARTED_FRESH', problem, damagedFile })
  return { store, notices }
}

/** SQLite's own words for what is wrong, without our prefix ("file is not a database"). */
function sqliteWords(e: unknown): string {
  const m = e instanceof HistoryStoreError && e.code === 'DAMAGED' ? /is damaged: (.*)$/s.exec(e.message)?.[1] : null
  return m ?? (e instanceof Error ? e.message : String(e))
}

/**
 * history.sqlite -> history-damaged-<time>.sqlite, with its -wal and -shm renamed the same way (so a repair tool
 * opening the damaged file still sees its log). Returns the new path of the main file.
 */
function moveAside(file: string, at: number): string {
  const dir = path.dirname(file)
  const base = path.basename(file, '.sqlite')
  let target = path.join(dir, `${base}-damaged-${fileStamp(at)}.sqlite`)
  for (let n = 2; fs.existsSync(target); n++) target = path.join(dir, `${base}-damaged-${fileStamp(at)}-${n}.sqlite`)
  for (const side of SIDE_FILES) if (fs.existsSync(file + side)) fs.renameSync(file + side, target + side)
  fs.renameSync(file, target)
  flushDir(dir)
  return target
}

/** A backup copied beside the history under a temp name, then renamed into place. */
function placeCopy(backup: string, file: string): void {
  const temp = `${file}.restoring-${process.pid}.tmp`
  fs.rmSync(temp, { force: true })
  try {
    fs.copyFileSync(backup, temp)
    const fd = fs.openSync(temp, 'r+')
    try {
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
    for (const side of SIDE_FILES) fs.rmSync(file + side, { force: true })
    fs.renameSync(temp, file)
    flushDir(path.dirname(file))
  } finally {
    fs.rmSync(temp, { force: true })
  }
}

function removeWithSideFiles(file: string): void {
  for (const side of ['', ...SIDE_FILES]) fs.rmSync(file + side, { force: true })
}

const WAL_MAGIC = new Set([0x377f0682, 0x377f0683])

/**
 * A WAL whose header is not a WAL header is garbage (a sync tool's torn copy, a bad sector): SQLite would ignore
 * it and then overwrite it. It is moved aside first, with the SHM, so nothing the user had is ever deleted.
 * Returns where it went, or null when there was nothing to do.
 */
function setAsideGarbageWal(file: string, at: number): string | null {
  const wal = file + '-wal'
  let header: Buffer
  try {
    const fd = fs.openSync(wal, 'r')
    try {
      header = Buffer.alloc(32)
      const n = fs.readSync(fd, header, 0, 32, 0)
      if (n === 0) return null
      header = header.subarray(0, n)
    } finally {
      fs.closeSync(fd)
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw e
  }
  if (header.length >= 32 && WAL_MAGIC.has(header.readUInt32BE(0))) return null
  const base = path.basename(file, '.sqlite')
  const target = path.join(path.dirname(file), `${base}-damaged-${fileStamp(at)}.sqlite-wal`)
  fs.renameSync(wal, target)
  if (fs.existsSync(file + '-shm')) fs.renameSync(file + '-shm', target.replace(/-wal$/, '-shm'))
  return target
}
