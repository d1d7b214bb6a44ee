// A damaged history at start: the open (or PRAGMA quick_check) finds it, the file is moved aside with its WAL and
// SHM under a dated name, the newest backup that passes its check is restored, and notices say what happened.
import fs from 'node:fs'
import path from 'node:path'
import { DatabaseSync } from '@photostructure/sqlite'
import { describe, expect, it } from 'vitest'
import { HistoryStoreError, listBackups, openHistory, openHistoryStore } from '../../src/main/history'
import { bytesOf, damage } from './damage'
import { manualClock, tempDir } from './helpers'

const DAY = 86_400_000

/** A history with `early` tasks backed up on day 1, then `late` tasks added after the backup. */
function historyWithBackup(early: string[], late: string[]): { dir: string; file: string; clock: ReturnType<typeof manualClock>; backup: string } {
  const dir = tempDir()
  const clock = manualClock(Date.UTC(2026, 11, 1, 9, 0, 0))
  const store = openHistoryStore({ dataDir: dir, now: clock })
  store.addTasks(early)
  const backup = store.backupIfDue() as string
  clock.advance(DAY / 2)
  store.addTasks(late)
  store.close()
  return { dir, file: path.join(dir, 'history.sqlite'), clock, backup }
}

describe('a damaged history file at start', () => {
  it.each(['header', 'truncated'] as const)('%s: moved aside (kept byte for byte), the backup restored, a notice says so', (kind) => {
    // enough rows that half the file holds pages the schema points past
    const early = Array.from({ length: 2000 }, (_, i) => `early-${i}`)
    const { dir, file, clock, backup } = historyWithBackup(early, ['late-1'])
    damage(file, kind)
    const damagedBytes = bytesOf(file)
    clock.advance(DAY / 4)

    const { store, notices } = openHistory({ dataDir: dir, now: clock })
    try {
      expect(notices).toHaveLength(1)
      const n = notices[0]!
      expect(n.code).toBe('HISTORY_RESTORED')
      if (n.code !== 'HISTORY_RESTORED') return
      expect(n.problem).toMatch(kind === 'header' ? /file is not a database/ : /it is cut short \(\d+ of \d+ bytes\)/)
      expect(n.backupFile).toBe(backup)
      expect(n.backupTakenAt).toBe(Date.UTC(2026, 11, 1, 9, 0, 0))
      expect(path.isAbsolute(n.damagedFile)).toBe(true)
      expect(path.dirname(n.damagedFile)).toBe(dir)
      expect(path.basename(n.damagedFile)).toBe('history-damaged-2026-12-02T03-00-00-000Z.sqlite')
      expect(bytesOf(n.damagedFile).equals(damagedBytes)).toBe(true)
      // what the backup held, and nothing after it
      expect(store.countsByStatus().total).toBe(2000)
      expect(store.getTask('late-1')).toBeNull()
      expect(store.checkIntegrity()).toBe('ok')
      // the history goes on: writes work on the restored file
      store.addTasks(['after-restore'])
      expect(store.getTask('after-restore')).not.toBeNull()
      // the backup used is still there
      expect(fs.existsSync(backup)).toBe(true)
    } finally {
      store.close()
    }
  })

  it('skips a damaged newest backup and restores the newest one that passes its check', () => {
    const dir = tempDir()
    const clock = manualClock(Date.UTC(2026, 11, 1))
    const store = openHistoryStore({ dataDir: dir, now: clock })
    store.addTasks(['day-1'])
    const older = store.backupIfDue() as string
    clock.advance(DAY)
    store.addTasks(['day-2'])
    const newer = store.backupIfDue() as string
    store.close()
    damage(newer, 'header')
    damage(store.file, 'header')

    const opened = openHistory({ dataDir: dir, now: clock })
    try {
      expect(opened.notices).toMatchObject([{ code: 'HISTORY_RESTORED', backupFile: older, backupTakenAt: Date.UTC(2026, 11, 1) }])
      expect(opened.store.getTask('day-1')).not.toBeNull()
      expect(opened.store.getTask('day-2')).toBeNull()
      expect(fs.existsSync(newer)).toBe(true) // a bad backup is skipped, not deleted
    } finally {
      opened.store.close()
    }
  })

  it('with no backup: a fresh history starts and the damaged file (with its WAL) is kept', () => {
    const dir = tempDir()
    const file = path.join(dir, 'history.sqlite')
    const store = openHistoryStore({ dataDir: dir })
    store.addTasks(['lost-1'])
    store.close()
    damage(file, 'header')
    fs.writeFileSync(`${file}-wal`, '') // an empty WAL beside it, as a crash leaves
    const opened = openHistory({ dataDir: dir })
    try {
      expect(opened.notices).toHaveLength(1)
      const n = opened.notices[0]!
      expect(n).toMatchObject({ code: 'HISTORY_STARTED_FRESH', problem: expect.stringMatching(/file is not a database/) })
      expect(fs.existsSync(n.damagedFile)).toBe(true)
      expect(fs.existsSync(`${n.damagedFile}-wal`)).toBe(true)
      expect(opened.store.countsByStatus().total).toBe(0)
    } finally {
      opened.store.close()
    }
  })

  it('a garbage WAL: moved aside (SQLite would discard it), the history itself opens intact', () => {
    const { dir, file } = historyWithBackup(['kept-1', 'kept-2'], [])
    damage(file, 'garbageWal')
    const garbage = bytesOf(`${file}-wal`)
    const opened = openHistory({ dataDir: dir })
    try {
      expect(opened.notices).toHaveLength(1)
      const n = opened.notices[0]!
      expect(n.code).toBe('HISTORY_WAL_SET_ASIDE')
      expect(n.damagedFile).toMatch(/history-damaged-.*\.sqlite-wal$/)
      expect(bytesOf(n.damagedFile).equals(garbage)).toBe(true)
      expect(opened.store.countsByStatus().total).toBe(2)
      expect(opened.store.checkIntegrity()).toBe('ok')
    } finally {
      opened.store.close()
    }
  })

  it('a sound file opens with no notice, and a file from a newer app is refused untouched (not a damage)', () => {
    const dir = tempDir()
    const first = openHistory({ dataDir: dir })
    expect(first.notices).toEqual([])
    first.store.close()
    const file = path.join(dir, 'history.sqlite')

    const db = new DatabaseSync(file)
    db.exec('PRAGMA user_version = 999')
    db.close()
    expect(() => openHistory({ dataDir: dir })).toThrow(HistoryStoreError)
    expect(fs.readdirSync(dir).filter((f) => f.includes('damaged'))).toEqual([])
    expect(listBackups(file)).toEqual([])
  })
})
