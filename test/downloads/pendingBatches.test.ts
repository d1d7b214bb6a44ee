// Where settings and pending download batches live: pending batches in their own table (history migration 3,
// which moves what older files kept under the settings key 'downloads.pending'), settings and the window's bounds
// behind the settings module. Real SQLite files in temp folders.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS, openHistoryStore } from '../../src/main/history'
import { openDatabase } from '../../src/main/history/database'
import { openPendingBatches } from '../../src/main/downloads'
import { SettingsStore } from '../../src/main/settings'
import { channelSchemas } from '../../src/main/handlers/schemas'
import type { DownloadRequest } from '../../src/shared/ipc'
import { tempDir, tempStore } from '../history/helpers'

const check = (request: unknown): DownloadRequest | null => {
  const parsed = channelSchemas['downloads:start'].safeParse([request])
  return parsed.success ? parsed.data[0] : null
}

describe('pending download batches', () => {
  it('migration 3 moves the batches an older file kept under a settings key into their own table', () => {
    const dir = tempDir()
    const file = path.join(dir, 'history.sqlite')
    const old = openDatabase(file, { synchronous: 'FULL', busyTimeoutMs: 1000, migrations: MIGRATIONS.slice(0, 2) })
    const pending = { 'b-1': { folder: '/downloads', taskIds: ['t-1'] }, 'b-2': { folder: '/other', waitForUnfinished: true } }
    old.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run('downloads.pending', JSON.stringify(pending), 1000)
    old.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run('app', JSON.stringify({ theme: 'dark' }), 1000)
    old.close()

    const store = openHistoryStore({ dataDir: dir })
    try {
      expect(store.getSetting('downloads.pending')).toBeUndefined()
      expect(store.getSetting('app')).toEqual({ theme: 'dark' })
      expect(openPendingBatches(store.connection(), { check }).list()).toEqual([
        { batchId: 'b-1', request: { folder: '/downloads', taskIds: ['t-1'] } },
        { batchId: 'b-2', request: { folder: '/other', waitForUnfinished: true } }
      ])
    } finally {
      store.close()
    }
  })

  it('keeps one row per batch until it ends; a row that is not a valid request is dropped when read, never started', () => {
    const { store, clock } = tempStore()
    const batches = openPendingBatches(store.connection(), { check, now: clock })
    batches.add('b-1', { folder: '/downloads', taskIds: ['t-1'] })
    clock.advance(1)
    batches.add('b-2', { folder: '/downloads', filter: { search: 'x' } })
    batches.remove('b-1')
    store.connection().prepare('INSERT INTO pending_downloads (batch_id, request, started_at) VALUES (?, ?, ?)').run('bad-1', '{"folder":"relative/path"}', 0)
    store.connection().prepare('INSERT INTO pending_downloads (batch_id, request, started_at) VALUES (?, ?, ?)').run('bad-2', 'not json', 0)
    expect(batches.list()).toEqual([{ batchId: 'b-2', request: { folder: '/downloads', filter: { search: 'x' } } }])
    const left = store.connection().prepare('SELECT batch_id FROM pending_downloads ORDER BY batch_id').all()
    expect(left).toEqual([{ batch_id: 'b-2' }])
  })
})

describe('the settings module', () => {
  it('keeps the window bounds beside the settings, and ignores stored bounds that are not bounds', () => {
    const { store } = tempStore()
    const settings = new SettingsStore(store)
    expect(settings.windowState()).toBeUndefined()
    settings.saveWindowState({ x: 10, y: 20, width: 1200, height: 800, maximized: false })
    expect(new SettingsStore(store).windowState()).toEqual({ x: 10, y: 20, width: 1200, height: 800, maximized: false })
    store.setSetting('window', { width: 'wide' })
    expect(settings.windowState()).toBeUndefined()
    expect(() => settings.saveWindowState({ width: -1, height: 800, maximized: false })).toThrow()
  })

  it('applies a run\'s connection overrides on top of the saved settings, and never saves them', () => {
    const { store } = tempStore()
    const settings = new SettingsStore(store, { endpoint: 'http://127.0.0.1:8787', trial: true })
    settings.update({ region: 'cn', theme: 'dark' })
    expect(settings.effective()).toMatchObject({ region: 'cn', endpoint: 'http://127.0.0.1:8787', trial: true, theme: 'dark' })
    expect(settings.get()).toMatchObject({ region: 'cn', endpoint: null, trial: false })
  })

  it('tells its listeners of each saved update (main re-labels its menu on a language change), not of a refused one', () => {
    const { store } = tempStore()
    const settings = new SettingsStore(store)
    const seen: string[] = []
    const stop = settings.onChange((next) => seen.push(next.language))
    settings.update({ language: 'zh-CN' })
    expect(() => settings.update({ language: 'fr' })).toThrow()
    stop()
    settings.update({ language: 'en' })
    expect(seen).toEqual(['zh-CN'])
  })
})
