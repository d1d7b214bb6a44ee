// Backups under backups/ beside the history: consistent copies (VACUUM INTO) at most once a day, before every
// migration, the newest 7 kept, written under a temp name and renamed.
import fs from 'node:fs'
import path from 'node:path'
import { DatabaseSync } from '@photostructure/sqlite'
import { describe, expect, it } from 'vitest'
import { BACKUPS_KEPT, checkFile, listBackups, MIGRATIONS, openHistoryStore, type Migration } from '../../src/main/history'
import { startBackupSchedule } from '../../src/main/history/backupSchedule'
import { openDatabase } from '../../src/main/history/database'
import { ManualClock } from '../../src/main/tracking'
import { manualClock, tempDir } from './helpers'

const DAY = 86_400_000

describe('backups', () => {
  it('a backup is a sound, complete copy that keeps up with writes made after it is taken only in the next one', () => {
    const dir = tempDir()
    const clock = manualClock(Date.UTC(2026, 11, 5, 2, 30))
    const store = openHistoryStore({ dataDir: dir, now: clock })
    store.addTasks(['a', 'b'])
    store.recordQuery('a', { status: 'finished', images: [{ url: 'https://x.test/a.png' }] })
    const file = store.backupIfDue() as string
    store.addTasks(['c'])
    expect(file).toBe(path.join(dir, 'backups', 'history-2026-12-05T02-30-00-000Z-daily.sqlite'))
    expect(checkFile(file)).toEqual({ ok: true, detail: 'ok', schemaVersion: MIGRATIONS.length })
    const copy = new DatabaseSync(file, { readOnly: true })
    try {
      expect((copy.prepare('SELECT group_concat(task_id) AS ids FROM (SELECT task_id FROM tasks ORDER BY task_id)').get() as { ids: string }).ids).toBe('a,b')
      expect((copy.prepare('SELECT count(*) AS n FROM images').get() as { n: number }).n).toBe(1)
    } finally {
      copy.close()
    }
    // nothing but the final file: the temp name was renamed
    expect(fs.readdirSync(path.join(dir, 'backups'))).toEqual([path.basename(file)])
    store.close()
  })

  it('at most once a day; the newest 7 kept; a temp file a crash left a day ago is cleaned up', () => {
    const dir = tempDir()
    const clock = manualClock(Date.UTC(2026, 0, 1))
    const store = openHistoryStore({ dataDir: dir, now: clock })
    const backups = path.join(dir, 'backups')
    expect(store.backupIfDue()).not.toBeNull()
    clock.advance(DAY - 1)
    expect(store.backupIfDue()).toBeNull()
    const stale = path.join(backups, '.history-2025-12-01T00-00-00-000Z-daily.sqlite.123.tmp')
    fs.writeFileSync(stale, 'half a copy')
    fs.utimesSync(stale, new Date(Date.now() - 2 * DAY), new Date(Date.now() - 2 * DAY))
    for (let day = 1; day <= 9; day++) {
      clock.set(Date.UTC(2026, 0, 1 + day))
      store.addTasks([`day-${day}`])
      expect(store.backupIfDue()).not.toBeNull()
    }
    const kept = listBackups(store.file)
    expect(kept).toHaveLength(BACKUPS_KEPT)
    expect(kept.map((b) => new Date(b.takenAt).getUTCDate())).toEqual([10, 9, 8, 7, 6, 5, 4])
    expect(fs.readdirSync(backups).sort()).toEqual(kept.map((b) => path.basename(b.file)).sort())
    store.close()
  })

  it('before every migration: a copy at the old version, then the file is migrated', () => {
    const dir = tempDir()
    const file = path.join(dir, 'history.sqlite')
    const v1 = MIGRATIONS.slice(0, 1)
    const db1 = openDatabase(file, { synchronous: 'FULL', busyTimeoutMs: 1000, migrations: v1 })
    db1.exec("INSERT INTO tasks (task_id, added_at, last_change_at, tracking_changed_at) VALUES ('old', 1, 1, 1)")
    db1.close()
    const v2: Migration[] = [...v1, { version: 2, name: 'a test column', up: (db) => db.exec('ALTER TABLE tasks ADD COLUMN note TEXT') }]
    const at = Date.UTC(2026, 5, 1)
    const db2 = openDatabase(file, { synchronous: 'FULL', busyTimeoutMs: 1000, migrations: v2, now: () => at })
    db2.close()
    const [backup] = listBackups(file)
    expect(backup).toMatchObject({ takenAt: at, tag: 'before-v2' })
    expect(checkFile(backup!.file)).toMatchObject({ ok: true, schemaVersion: 1 })
    // a new file (version 0) has nothing to lose: no backup
    const fresh = path.join(tempDir(), 'history.sqlite')
    openDatabase(fresh, { synchronous: 'FULL', busyTimeoutMs: 1000 }).close()
    expect(listBackups(fresh)).toEqual([])
  })

  it('the schedule: one at start, none again the same day, one the next day while still running', () => {
    const dir = tempDir()
    const clock = new ManualClock(Date.UTC(2026, 2, 1, 8))
    const store = openHistoryStore({ dataDir: dir, now: () => clock.now() })
    const stop = startBackupSchedule(store, clock)
    expect(listBackups(store.file)).toHaveLength(1)
    clock.advanceBy(12 * 3_600_000)
    expect(listBackups(store.file)).toHaveLength(1)
    clock.advanceBy(12 * 3_600_000)
    expect(listBackups(store.file)).toHaveLength(2)
    stop()
    clock.advanceBy(3 * DAY)
    expect(listBackups(store.file)).toHaveLength(2)
    store.close()
  })
})
