// The gallery's reads: the layout (image counts of tasks with images, in the list's order and filter) and pages of
// those tasks with their images, on a real SQLite file.
import { describe, expect, it } from 'vitest'
import { createGalleryQueries } from '../../src/main/history'
import { channelSchemas } from '../../src/main/handlers/schemas'
import { MAX_IMAGES_PER_REQUEST } from '../../src/shared/downloads'
import { imageUrl, tempStore } from './helpers'

function seeded() {
  const ctx = tempStore()
  const { store, clock } = ctx
  // t-1: 3 images, t-2: failed (none), t-3: 1 image with a message, t-4: still running (none), t-5: 2 images
  store.recordQuery('t-1', { status: 'finished', images: [{ url: imageUrl('a') }, { url: imageUrl('b') }, { url: imageUrl('c') }] })
  clock.advance(10)
  store.recordQuery('t-2', { status: 'failed', message: 'content risk', images: [] })
  clock.advance(10)
  store.recordQuery('t-3', { status: 'finished', message: 'red dress', images: [{ url: imageUrl('d') }] })
  clock.advance(10)
  store.recordQuery('t-4', { status: 'running', images: [] })
  clock.advance(10)
  store.recordQuery('t-5', { status: 'finished', images: [{ url: imageUrl('e') }, { url: imageUrl('f') }] })
  return { ...ctx, gallery: createGalleryQueries(store) }
}

describe('gallery queries', () => {
  it('lays out only tasks with images, in the sort order, with their counts and the total', () => {
    const { gallery } = seeded()
    expect(gallery.layout({})).toEqual({ counts: [2, 1, 3], total: 6 })
    expect(gallery.layout({ sort: 'addedAsc' })).toEqual({ counts: [3, 1, 2], total: 6 })
    // the list's search and status filter mean the same here
    expect(gallery.layout({ search: 'red' })).toEqual({ counts: [1], total: 1 })
    expect(gallery.layout({ status: 'failed' })).toEqual({ counts: [], total: 0 })
  })

  it('pages count tasks with images and carry every image in index order', () => {
    const { gallery } = seeded()
    const all = gallery.tasks({ limit: 10 })
    expect(all.map((t) => t.taskId)).toEqual(['t-5', 't-3', 't-1'])
    expect(all[2]!.images.map((i) => i.index)).toEqual([0, 1, 2])
    expect(all[2]!.images[1]!.url).toBe(imageUrl('b'))
    expect(gallery.tasks({ limit: 1, offset: 1 }).map((t) => t.taskId)).toEqual(['t-3'])
    expect(gallery.tasks({ limit: 5, offset: 3 })).toEqual([])
    expect(() => gallery.tasks({ limit: 0 })).toThrow(/limit/)
  })

  it('a download of chosen images is checked: each image once, a bounded list, valid ids and indexes', () => {
    const schema = channelSchemas['downloads:start']
    const ok = schema.safeParse([{ folder: '/tmp/x', images: [{ taskId: 't-1', index: 0 }, { taskId: 't-1', index: 2 }] }])
    expect(ok.success).toBe(true)
    const twice = schema.safeParse([{ folder: '/tmp/x', images: [{ taskId: 't-1', index: 0 }, { taskId: 't-1', index: 0 }] }])
    expect(twice.success).toBe(false)
    expect(JSON.stringify(twice.error?.issues)).toContain('lists an image twice')
    expect(schema.safeParse([{ folder: '/tmp/x', images: [{ taskId: 't-1', index: -1 }] }]).success).toBe(false)
    expect(schema.safeParse([{ folder: '/tmp/x', images: [{ taskId: 'bad id with spaces', index: 0 }] }]).success).toBe(false)
    expect(schema.safeParse([{ folder: '/tmp/x', images: [] }]).success).toBe(false)
    const many = Array.from({ length: MAX_IMAGES_PER_REQUEST + 1 }, (_, i) => ({ taskId: `t-${i}`, index: 0 }))
    expect(schema.safeParse([{ folder: '/tmp/x', images: many }]).success).toBe(false)
    expect(schema.safeParse([{ folder: '/tmp/x', images: many.slice(1) }]).success).toBe(true)
  })
})
