import { describe, expect, it } from 'vitest'
import type { AidgeErrorInfo } from '../../src/shared/aidge'
import { openHistoryStore } from '../../src/main/history'
import { imageUrl, tempDir, tempStore } from './helpers'

const networkError: AidgeErrorInfo = { kind: 'network', code: 'ECONNRESET', message: 'reset', retryable: true }
const businessError: AidgeErrorInfo = {
  kind: 'business',
  code: '700',
  message: 'invalid input',
  retryable: false,
  requestId: 'req-err'
}

describe('adding tasks', () => {
  it('adds new ids once and reports the ones already there', () => {
    const { store } = tempStore()
    expect(store.addTasks(['a-1', 'b-2', 'a-1'])).toEqual({ added: ['a-1', 'b-2'], existing: [] })
    expect(store.addTasks(['b-2', 'c-3'])).toEqual({ added: ['c-3'], existing: ['b-2'] })
    expect(store.countsByStatus()).toEqual({ byStatus: { queued: 3 }, total: 3 })
  })

  it('rejects an empty id and adds nothing of that call', () => {
    const { store } = tempStore()
    // the one task id rule (src/shared/taskIds.ts) names every bad id
    expect(() => store.addTasks(['ok-1', ''])).toThrowError(expect.objectContaining({ code: 'INVALID_TASK_ID', invalid: [{ input: '', problem: 'the task id is empty' }] }))
    expect(store.countsByStatus().total).toBe(0)
  })

  it('a new task is queued, active, and measured for staleness from when it was added', () => {
    const { store, clock } = tempStore()
    store.addTasks(['a-1'])
    expect(store.getTask('a-1')).toMatchObject({
      status: null,
      displayStatus: 'queued',
      tracking: 'active',
      addedAt: clock(),
      lastChangeAt: clock(),
      lastQueriedAt: null,
      finishedAt: null,
      queryCount: 0,
      imageCount: 0,
      images: []
    })
    expect(store.getTask('nope')).toBeNull()
  })

  it('adds 10,000 ids in one transaction, quickly', () => {
    const { store } = tempStore()
    const ids = Array.from({ length: 10_000 }, (_, i) => `task-${i}`)
    const started = process.cpuUsage()
    expect(store.addTasks(ids).added).toHaveLength(10_000)
    // One commit, not 10,000 (each of which would write its pages to the WAL and sync them): counted in this
    // process's CPU time, which four other test processes on a two-core machine do not stretch as they do the wall
    // clock. About 0.5 s here; 10,000 commits take about 2 s of CPU (and many more of wall time).
    const used = process.cpuUsage(started)
    expect((used.user + used.system) / 1000).toBeLessThan(1500)
    expect(store.countsByStatus().total).toBe(10_000)
  })
})

describe('recording queries', () => {
  it('creates a missing task, stores the response and reports the status change', () => {
    const { store, clock } = tempStore()
    const r = store.recordQuery('new-1', { status: 'running', message: 'in queue', images: [], requestId: 'req-1', raw: { a: 1 } })
    expect(r.created).toBe(true)
    expect(r.statusChanged).toBe(true)
    expect(r.task).toMatchObject({ status: 'running', displayStatus: 'running', tracking: 'active', lastRequestId: 'req-1', queryCount: 1 })
    expect(store.getLastResponse('new-1')).toBe('{"a":1}')

    clock.advance(1000)
    const same = store.recordQuery('new-1', { status: 'running', images: [], raw: '{"verbatim": true}' })
    expect(same.statusChanged).toBe(false)
    expect(same.created).toBe(false)
    expect(same.task.lastChangeAt).toBe(clock() - 1000)
    expect(same.task.lastQueriedAt).toBe(clock())
    expect(same.task.queryCount).toBe(2)
    expect(store.getLastResponse('new-1')).toBe('{"verbatim": true}')
  })

  it('sets finishedAt once, when the task first becomes terminal', () => {
    const { store, clock } = tempStore()
    store.addTasks(['f-1'])
    store.recordQuery('f-1', { status: 'running', images: [] })
    const finishedAt = clock.advance(5000)
    const done = store.recordQuery('f-1', { status: 'finished', images: [{ url: imageUrl('a') }] })
    expect(done.task).toMatchObject({ finishedAt, tracking: 'done', displayStatus: 'finished', lastChangeAt: finishedAt })
    clock.advance(5000)
    expect(store.recordQuery('f-1', { status: 'finished', images: [{ url: imageUrl('a') }] }).task.finishedAt).toBe(finishedAt)
    expect(store.activeTasks()).toEqual([])
  })

  it('keeps the download fields of an image at the same index when a new answer replaces url, size and expiry', () => {
    const { store, clock } = tempStore()
    store.recordQuery('img-1', {
      status: 'finished',
      images: [
        { url: imageUrl('a', 1_800_000_000), width: 768, height: 768 },
        { url: imageUrl('b'), width: 512, height: 512 }
      ]
    })
    store.setImageDownload('img-1', 0, { state: 'done', localPath: '/dl/a.png', bytes: 1234, sha256: 'abc' })
    const downloadedAt = clock()
    clock.advance(60_000)
    store.recordQuery('img-1', {
      status: 'finished',
      images: [
        { url: imageUrl('a', 1_900_000_000), width: 1024, height: 1024 },
        { url: imageUrl('b2', 1_900_000_100) }
      ]
    })
    const task = store.getTask('img-1')!
    expect(task.images).toEqual([
      {
        index: 0,
        url: imageUrl('a', 1_900_000_000),
        width: 1024,
        height: 1024,
        expiresAt: 1_900_000_000_000,
        downloadState: 'done',
        localPath: '/dl/a.png',
        bytes: 1234,
        sha256: 'abc',
        downloadError: null,
        downloadedAt
      },
      expect.objectContaining({ index: 1, url: imageUrl('b2', 1_900_000_100), width: null, expiresAt: 1_900_000_100_000, downloadState: 'none' })
    ])
    expect(task).toMatchObject({ imageCount: 2, imagesDownloaded: 1 })
  })

  it('drops images a new answer no longer lists, unless they were downloaded', () => {
    const { store } = tempStore()
    const three = [{ url: imageUrl('a') }, { url: imageUrl('b') }, { url: imageUrl('c') }]
    store.recordQuery('s-1', { status: 'finished', images: three })
    store.setImageDownload('s-1', 2, { state: 'done', localPath: '/dl/c.png' })
    store.recordQuery('s-1', { status: 'finished', images: [{ url: imageUrl('a') }] })
    expect(store.getTask('s-1')!.images.map((i) => [i.index, i.downloadState])).toEqual([
      [0, 'none'],
      [2, 'done']
    ])
    expect(store.getTask('s-1')).toMatchObject({ imageCount: 2, imagesDownloaded: 1 })
  })

  it('rejects an empty status', () => {
    const { store } = tempStore()
    expect(() => store.recordQuery('x-1', { status: '', images: [] })).toThrowError(expect.objectContaining({ code: 'INVALID_ARGUMENT' }))
  })
})

describe('display status, errors and tracking', () => {
  it('error and stale win over a non-terminal vendor status, never over a terminal one', () => {
    const { store } = tempStore()
    store.addTasks(['q', 'r', 'f', 'u'])
    store.recordQuery('r', { status: 'running', images: [] })
    store.recordQuery('f', { status: 'failed', message: 'model failed', images: [] })
    store.recordQuery('u', { status: 'weird-new-status', images: [] })
    expect(store.getTask('u')!.displayStatus).toBe('weird-new-status')

    expect(store.markStale('q')!.displayStatus).toBe('stale')
    expect(store.markStale('r')!).toMatchObject({ displayStatus: 'stale', tracking: 'stale', status: 'running' })
    expect(store.markStale('f')!).toMatchObject({ displayStatus: 'failed', tracking: 'done' })
    expect(store.recordError('u', businessError, { endTracking: true })).toMatchObject({ displayStatus: 'error', tracking: 'error' })
    expect(store.recordError('f', businessError, { endTracking: true })).toMatchObject({ displayStatus: 'failed', tracking: 'done' })
    expect(store.markStale('missing')).toBeNull()
    expect(store.countsByStatus()).toEqual({ byStatus: { stale: 2, failed: 1, error: 1 }, total: 4 })
  })

  it('a retryable error is recorded without ending tracking; a successful query clears it and revives stale', () => {
    const { store, clock } = tempStore()
    store.addTasks(['e-1'])
    const at = clock.advance(10)
    const t = store.recordError('e-1', networkError, { endTracking: false })
    expect(t).toMatchObject({ tracking: 'active', displayStatus: 'queued', lastError: networkError, lastErrorAt: at })
    store.markStale('e-1')
    const revived = store.recordQuery('e-1', { status: 'running', images: [], requestId: 'req-2' })
    expect(revived.task).toMatchObject({ tracking: 'active', displayStatus: 'running', lastError: null, lastErrorAt: null })
    expect(store.activeTasks().map((x) => x.taskId)).toEqual(['e-1'])
  })

  it('an error that ends tracking keeps its requestId and takes the task out of the poller', () => {
    const { store } = tempStore()
    store.recordQuery('e-2', { status: 'running', images: [], requestId: 'req-ok' })
    const t = store.recordError('e-2', businessError, { endTracking: true })
    expect(t).toMatchObject({ tracking: 'error', lastRequestId: 'req-err', lastError: businessError })
    expect(store.activeTasks()).toEqual([])
    expect(store.nonTerminalTaskIds()).toEqual(['e-2'])
  })

  it('setTracking validates the state and refuses done for a task that is not terminal', () => {
    const { store } = tempStore()
    store.addTasks(['t-1'])
    expect(() => store.setTracking('t-1', 'done')).toThrowError(/not terminal/)
    expect(() => store.setTracking('t-1', 'paused' as never)).toThrowError(expect.objectContaining({ code: 'INVALID_ARGUMENT' }))
    expect(store.setTracking('t-1', 'stale')!.displayStatus).toBe('stale')
    expect(store.setTracking('t-1', 'active')!.displayStatus).toBe('queued')
    expect(store.setTracking('nope', 'active')).toBeNull()
  })
})

describe('removal, settings, lifecycle', () => {
  it('removes a task with its images and response', () => {
    const { store } = tempStore()
    store.recordQuery('d-1', { status: 'finished', images: [{ url: imageUrl('a') }], raw: {} })
    expect(store.removeTask('d-1')).toBe(true)
    expect(store.removeTask('d-1')).toBe(false)
    expect(store.getTask('d-1')).toBeNull()
    expect(store.getLastResponse('d-1')).toBeNull()
    expect(store.imagesToDownload()).toEqual([])
    expect(store.checkIntegrity()).toBe('ok')
  })

  it('removes finished tasks older than an age, and nothing else', () => {
    const { store, clock } = tempStore()
    store.recordQuery('old-finished', { status: 'finished', images: [{ url: imageUrl('a') }] })
    store.recordQuery('old-failed', { status: 'failed', images: [] })
    store.recordQuery('old-running', { status: 'running', images: [] })
    clock.advance(10 * 86_400_000)
    store.recordQuery('new-finished', { status: 'finished', images: [] })
    expect(store.removeFinishedOlderThan(7 * 86_400_000)).toBe(2)
    expect(store.listTasks({ limit: 10, sort: 'addedAsc' }).rows.map((t) => t.taskId)).toEqual(['old-running', 'new-finished'])
    expect(() => store.removeFinishedOlderThan(-1)).toThrowError(expect.objectContaining({ code: 'INVALID_ARGUMENT' }))
  })

  it('keeps settings as JSON across reopen', () => {
    const dir = tempDir()
    const store = openHistoryStore({ dataDir: dir })
    expect(store.getSetting('missing')).toBeUndefined()
    store.setSetting('downloadDir', '/home/me/Pictures')
    store.setSetting('poll', { intervalMs: 5000, deadlineMs: 600_000 })
    store.setSetting('poll', { intervalMs: 3000 })
    store.setSetting('gone', true)
    store.setSetting('gone', undefined)
    store.close()
    const again = openHistoryStore({ dataDir: dir })
    expect(again.getSetting<string>('downloadDir')).toBe('/home/me/Pictures')
    expect(again.getSetting('poll')).toEqual({ intervalMs: 3000 })
    expect(again.getSetting('gone')).toBeUndefined()
    expect(again.deleteSetting('downloadDir')).toBe(true)
    again.close()
  })

  it('batch makes several calls one transaction, rolled back as a whole on error', () => {
    const { store } = tempStore()
    expect(() =>
      store.batch(() => {
        store.addTasks(['b-1'])
        store.recordQuery('b-2', { status: 'running', images: [] })
        throw new Error('abort')
      })
    ).toThrowError('abort')
    expect(store.countsByStatus().total).toBe(0)
    store.batch(() => {
      store.addTasks(['b-1'])
      // an inner failure the caller catches undoes only the inner part
      try {
        store.batch(() => {
          store.addTasks(['b-3'])
          throw new Error('inner')
        })
      } catch {
        /* expected */
      }
    })
    expect(store.listTasks({ limit: 10 }).rows.map((t) => t.taskId)).toEqual(['b-1'])
  })

  it('refuses calls after close', () => {
    const { store } = tempStore()
    store.close()
    store.close()
    expect(() => store.addTasks(['x-1'])).toThrowError(expect.objectContaining({ code: 'CLOSED' }))
  })
})
