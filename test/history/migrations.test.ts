import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { DatabaseSync } from '@photostructure/sqlite'
import { describe, expect, it } from 'vitest'
import { HistoryStoreError, LATEST_SCHEMA_VERSION, openHistoryStore, type Migration } from '../../src/main/history'
import { openDatabase } from '../../src/main/history/database'
import { tempDir, tempStore } from './helpers'

function pragma(file: string, name: string): unknown {
  const db = new DatabaseSync(file, { readOnly: true })
  try {
    return Object.values(db.prepare(`PRAGMA ${name}`).get() as object)[0]
  } finally {
    db.close()
  }
}

const sha = (file: string): string => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')

describe('migrations', () => {
  it('creates the schema at the latest version, in WAL mode, under <dataDir>/history.sqlite', () => {
    const { store, dir } = tempStore()
    expect(store.file).toBe(path.join(dir, 'history.sqlite'))
    store.addTasks(['t-1'])
    store.close()
    expect(pragma(store.file, 'user_version')).toBe(LATEST_SCHEMA_VERSION)
    expect(pragma(store.file, 'journal_mode')).toBe('wal')
  })

  it('reopening keeps the data and applies nothing again', () => {
    const dir = tempDir()
    const first = openHistoryStore({ dataDir: dir })
    first.addTasks(['t-1', 't-2'])
    first.close()
    const again = openHistoryStore({ dataDir: dir })
    expect(again.countsByStatus().total).toBe(2)
    expect(again.checkIntegrity()).toBe('ok')
    again.close()
    expect(pragma(path.join(dir, 'history.sqlite'), 'user_version')).toBe(LATEST_SCHEMA_VERSION)
  })

  it('runs each migration once, and only the pending ones on upgrade', () => {
    const file = path.join(tempDir(), 'm.sqlite')
    const runs: number[] = []
    const v1: Migration = { version: 1, name: 'one', up: (db) => (runs.push(1), db.exec('CREATE TABLE a (x)')) }
    const v2: Migration = { version: 2, name: 'two', up: (db) => (runs.push(2), db.exec('CREATE TABLE b (y)')) }
    const options = { synchronous: 'FULL' as const, busyTimeoutMs: 1000 }
    openDatabase(file, { ...options, migrations: [v1] }).close()
    openDatabase(file, { ...options, migrations: [v1] }).close()
    expect(runs).toEqual([1])
    openDatabase(file, { ...options, migrations: [v1, v2] }).close()
    openDatabase(file, { ...options, migrations: [v1, v2] }).close()
    expect(runs).toEqual([1, 2])
    expect(pragma(file, 'user_version')).toBe(2)
  })

  it('a failing migration leaves the file at its previous version, with none of its changes', () => {
    const file = path.join(tempDir(), 'm.sqlite')
    const options = { synchronous: 'FULL' as const, busyTimeoutMs: 1000 }
    const v1: Migration = { version: 1, name: 'one', up: (db) => db.exec('CREATE TABLE a (x)') }
    const v2: Migration = { version: 2, name: 'two', up: (db) => db.exec('CREATE TABLE b (y)') }
    const v3: Migration = {
      version: 3,
      name: 'broken',
      up: (db) => {
        db.exec('CREATE TABLE c (z)')
        throw new Error('boom')
      }
    }
    openDatabase(file, { ...options, migrations: [v1] }).close()
    let error: unknown
    try {
      openDatabase(file, { ...options, migrations: [v1, v2, v3] })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(HistoryStoreError)
    expect((error as HistoryStoreError).code).toBe('MIGRATION_FAILED')
    expect((error as Error).message).toMatch(/migration 3 \(broken\).*boom.*version 1/)
    expect(pragma(file, 'user_version')).toBe(1)
    const db = new DatabaseSync(file, { readOnly: true })
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name)
    db.close()
    expect(tables).toEqual(['a'])
  })

  it('refuses a file from a newer app with a clear error and changes nothing', () => {
    const dir = tempDir()
    const file = path.join(dir, 'history.sqlite')
    const db = new DatabaseSync(file)
    db.exec('CREATE TABLE future (x); INSERT INTO future VALUES (1); PRAGMA user_version = 99')
    db.close()
    const before = sha(file)

    expect(() => openHistoryStore({ dataDir: dir })).toThrowError(
      expect.objectContaining({ code: 'SCHEMA_TOO_NEW', message: expect.stringMatching(new RegExp(`version 99.*up to ${LATEST_SCHEMA_VERSION}.*not changed`, "s")) })
    )
    expect(sha(file)).toBe(before)
    expect(fs.existsSync(`${file}-wal`)).toBe(false)
    expect(pragma(file, 'journal_mode')).toBe('delete')
  })

  it('needs a data folder or a file', () => {
    expect(() => openHistoryStore({})).toThrowError(expect.objectContaining({ code: 'INVALID_ARGUMENT' }))
  })
})
