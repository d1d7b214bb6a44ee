// The UI's image cache: fetched once, thumbnails with sharp, downloaded files reused, LRU eviction by size.
import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { createImageCache, LOCAL_ENDPOINT_HOSTS } from '../../src/main/downloads'
import { finishedTask, onCleanup, setup } from './helpers'

describe('image cache', () => {
  it('full(): fetched once into <dataDir>/cache/images; thumbnail(): a small WebP made once', async () => {
    const s = await setup([finishedTask('a', [{ width: 900, height: 600 }, { format: 'jpeg', servedAs: 'png', width: 120, height: 80 }])])
    await s.seed('a')
    const cache = createImageCache({ dataDir: s.dataDir, history: s.store, imageHosts: () => LOCAL_ENDPOINT_HOSTS, refresh: s.refresh })
    onCleanup(() => cache.close())
    const [f1, f2] = await Promise.all([cache.full('a', 0), cache.full('a', 0)])
    expect(f1).toBe(f2)
    expect(path.dirname(f1)).toBe(path.join(s.dataDir, 'cache', 'images'))
    expect(fs.readFileSync(f1).equals(await s.sim.imageBytes('a', 0))).toBe(true)
    expect(s.sim.stats().imageRequests).toBe(1)

    const thumb = await cache.thumbnail('a', 0)
    expect(path.dirname(thumb)).toBe(path.join(s.dataDir, 'cache', 'thumbs'))
    expect(await sharp(thumb).metadata()).toMatchObject({ format: 'webp', width: 256, height: 171 })
    expect(fs.statSync(thumb).size).toBeLessThan(fs.statSync(f1).size)
    expect(await cache.thumbnail('a', 0)).toBe(thumb)
    // a small JPEG (served as .png) is cached as .jpg and never enlarged
    expect(path.extname(await cache.full('a', 1))).toBe('.jpg')
    expect(await sharp(await cache.thumbnail('a', 1)).metadata()).toMatchObject({ width: 120, height: 80 })
    expect(s.sim.stats().imageRequests).toBe(2)

    // a new cache on the same folder (an app restart) finds everything again
    const again = createImageCache({ dataDir: s.dataDir, history: s.store, imageHosts: () => LOCAL_ENDPOINT_HOSTS })
    onCleanup(() => again.close())
    expect(await again.thumbnail('a', 0)).toBe(thumb)
    expect(again.usage().files).toBe(4)
    expect(s.sim.stats().imageRequests).toBe(2)
  })

  it('a downloaded file whose sha256 still matches is used in place, never fetched', async () => {
    const s = await setup([finishedTask('d', 1)])
    await s.seed('d')
    await s.downloader().start({ folder: s.target, taskIds: ['d'] }).done
    s.sim.resetStats()
    const cache = createImageCache({ dataDir: s.dataDir, history: s.store, imageHosts: () => LOCAL_ENDPOINT_HOSTS })
    onCleanup(() => cache.close())
    expect(await cache.full('d', 0)).toBe(path.join(s.target, 'd_0.png'))
    await cache.thumbnail('d', 0)
    expect(s.sim.stats().imageRequests).toBe(0)
    // edited by the user: no longer the image, so the cache fetches its own copy
    fs.writeFileSync(path.join(s.target, 'd_0.png'), 'edited')
    expect(path.dirname(await cache.full('d', 0))).toBe(cache.imagesDir)
    expect(s.sim.stats().imageRequests).toBe(1)
  })

  it('bounded size: least recently used full images go first, thumbnails last', async () => {
    const s = await setup([finishedTask('e', Array.from({ length: 6 }, () => ({ bytes: 100_000 })))])
    await s.seed('e')
    const cache = createImageCache({ dataDir: s.dataDir, history: s.store, imageHosts: () => LOCAL_ENDPOINT_HOSTS, maxBytes: 350_000 })
    onCleanup(() => cache.close())
    const full: string[] = []
    for (let i = 0; i < 3; i++) full.push(await cache.full('e', i))
    expect(cache.usage().bytes).toBeLessThanOrEqual(350_000)
    await cache.full('e', 0) // now e/1 is the least recently used
    full.push(await cache.full('e', 3))
    expect(fs.existsSync(full[1]!)).toBe(false)
    expect(fs.existsSync(full[0]!)).toBe(true)
    expect(cache.usage().bytes).toBeLessThanOrEqual(350_000)
    const thumbs = [await cache.thumbnail('e', 4), await cache.thumbnail('e', 5)]
    expect(thumbs.every((t) => fs.existsSync(t))).toBe(true)
    expect(cache.usage().bytes).toBeLessThanOrEqual(350_000)
    expect(await cache.evict(0)).toBeGreaterThan(0)
    expect(cache.usage().files).toBe(1) // the most recently used file is kept
  })

  it('an expired link is re-queried once and the cache still fills', async () => {
    const s = await setup([finishedTask('x', 1)])
    s.store.recordQuery('x', { status: 'finished', images: [{ url: s.sim.imageUrl('x', 0, { expiresAt: Date.now() - 1000 }) }] })
    const cache = createImageCache({ dataDir: s.dataDir, history: s.store, imageHosts: () => LOCAL_ENDPOINT_HOSTS, refresh: s.refresh })
    onCleanup(() => cache.close())
    expect(fs.readFileSync(await cache.full('x', 0)).equals(await s.sim.imageBytes('x', 0))).toBe(true)
    expect(s.refreshCalls).toEqual(['x'])
    await expect(cache.full('x', 9)).rejects.toThrow(/no image 9/)
  })
})
