import { describe, expect, it } from 'vitest'
import { expiresAtOf } from '../../src/main/history'
import { imageUrl, tempStore } from './helpers'

describe('expiresAtOf', () => {
  it('reads the Expires query parameter in seconds as ms', () => {
    expect(expiresAtOf(imageUrl('a', 2719383922))).toBe(2719383922000)
    expect(expiresAtOf('https://h/x.png?expires=10')).toBe(10_000)
    expect(expiresAtOf(imageUrl('a'))).toBeNull()
    expect(expiresAtOf('https://h/x.png?Expires=soon')).toBeNull()
    expect(expiresAtOf('not a url')).toBeNull()
  })
})

describe('image downloads', () => {
  function seeded() {
    const ctx = tempStore()
    ctx.store.recordQuery('t-1', {
      status: 'finished',
      images: [{ url: imageUrl('a', 1_000) }, { url: imageUrl('b', 2_000_000_000) }, { url: imageUrl('c') }]
    })
    ctx.clock.advance(1)
    ctx.store.recordQuery('t-2', { status: 'finished', images: [{ url: imageUrl('d', 2_000_000_000) }] })
    return ctx
  }

  it('walks an image through pending, failed and done, keeping the counts in step', () => {
    const { store, clock } = seeded()
    expect(store.setImageDownload('t-1', 0, { state: 'pending' })).toMatchObject({ downloadState: 'pending' })
    expect(store.setImageDownload('t-1', 0, { state: 'failed', error: 'HTTP 403' })).toMatchObject({
      downloadState: 'failed',
      downloadError: 'HTTP 403',
      localPath: null
    })
    const at = clock.advance(100)
    expect(store.setImageDownload('t-1', 0, { state: 'done', localPath: '/dl/a.png', bytes: 10, sha256: 'ff' })).toMatchObject({
      downloadState: 'done',
      downloadError: null,
      localPath: '/dl/a.png',
      bytes: 10,
      sha256: 'ff',
      downloadedAt: at
    })
    expect(store.getTask('t-1')).toMatchObject({ imageCount: 3, imagesDownloaded: 1 })
    expect(store.setImageDownload('t-1', 0, { state: 'none' })).toMatchObject({ downloadState: 'none', localPath: null, downloadedAt: null })
    expect(store.getTask('t-1')!.imagesDownloaded).toBe(0)
  })

  it('refuses done without a path and unknown states; null for a missing task or image', () => {
    const { store } = seeded()
    expect(() => store.setImageDownload('t-1', 0, { state: 'done' })).toThrowError(/localPath/)
    expect(() => store.setImageDownload('t-1', 0, { state: 'gone' as never })).toThrowError(expect.objectContaining({ code: 'INVALID_ARGUMENT' }))
    expect(store.setImageDownload('t-1', 9, { state: 'pending' })).toBeNull()
    expect(store.setImageDownload('nope', 0, { state: 'pending' })).toBeNull()
  })

  it('lists images to download in task order, filtered by state, task and expiry', () => {
    const { store } = seeded()
    store.setImageDownload('t-1', 2, { state: 'done', localPath: '/dl/c.png' })
    store.setImageDownload('t-1', 1, { state: 'failed', error: 'timeout' })
    const key = (list: { taskId: string; index: number }[]): string[] => list.map((i) => `${i.taskId}#${i.index}`)
    expect(key(store.imagesToDownload())).toEqual(['t-1#0', 't-1#1', 't-2#0'])
    expect(key(store.imagesToDownload({ states: ['failed'] }))).toEqual(['t-1#1'])
    expect(key(store.imagesToDownload({ taskIds: ['t-2'] }))).toEqual(['t-2#0'])
    expect(key(store.imagesToDownload({ validAt: 5_000_000 }))).toEqual(['t-1#1', 't-2#0'])
    expect(key(store.imagesToDownload({ limit: 1 }))).toEqual(['t-1#0'])
    expect(store.imagesToDownload({ taskIds: ['t-2'] })[0]).toMatchObject({ taskId: 't-2', url: imageUrl('d', 2_000_000_000), expiresAt: 2_000_000_000_000 })
  })

  it('puts downloads left pending by a crash back to none', () => {
    const { store } = seeded()
    store.setImageDownload('t-1', 0, { state: 'pending' })
    store.setImageDownload('t-2', 0, { state: 'pending' })
    expect(store.resetPendingDownloads()).toBe(2)
    expect(store.imagesToDownload({ states: ['pending'] })).toEqual([])
  })
})
