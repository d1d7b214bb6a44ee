// What a person waits for comes first: while the image cache fetches for the detail pane, batches on the same
// downloader pause their youngest transfers (kept as partial files, resumed with Range afterwards), so the pane's
// image gets its connection's own pace on a line the batch had filled. Real HTTP over the emulated far store.
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createImageCache } from '../../src/main/downloads'
import { LinePriority, yieldedLimit } from '../../src/main/downloads/priority'
import { finishedTask, onCleanup, setup } from './helpers'

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex')

describe('priority on the line', () => {
  it('counts who is inside, lets each leave once, and lets go of a fetch that holds on too long', async () => {
    const p = new LinePriority(60)
    const seen: number[] = []
    p.on('change', (n) => seen.push(n))
    const a = p.enter()
    p.enter() // never left: let go of after 60 ms
    a()
    a()
    expect(p.active).toBe(1)
    await new Promise((r) => setTimeout(r, 120))
    expect(p.active).toBe(0)
    expect(seen).toEqual([1, 2, 1, 0])
  })

  it('a batch keeps a quarter of its limit less one per priority fetch, possibly none', () => {
    expect(yieldedLimit(12, 0)).toBe(12)
    expect(yieldedLimit(24, 1)).toBe(5)
    expect(yieldedLimit(24, 4)).toBe(2)
    expect(yieldedLimit(12, 4)).toBe(0)
  })

  it('the pane\'s image arrives at its connection\'s pace while a batch fills the line; every batch file still arrives whole', async () => {
    // 4 Mbit/s per connection, 16 Mbit/s line: 8 batch transfers fill it; shared with them the pane's image would
    // get a ninth of the line (1.8 Mbit/s), alone its own 4 Mbit/s
    const s = await setup([finishedTask('batch', Array.from({ length: 32 }, () => ({ bytes: 100_000 }))), finishedTask('pane', [{ bytes: 100_000 }])], {
      farStore: { ttfbMs: 40, connectionBitsPerSec: 4e6, lineBitsPerSec: 16e6 }
    })
    await s.seed('batch', 'pane')
    const bytes = await Promise.all(Array.from({ length: 32 }, (_, i) => s.sim.imageBytes('batch', i)))
    const paneBytes = (await s.sim.imageBytes('pane', 0)).length
    const downloader = s.downloader({ concurrency: 8, maxConcurrency: 8 })  // fixed: the yield is what is tested
    const cache = createImageCache({ dataDir: s.dataDir, history: s.store, env: downloader.env })
    onCleanup(() => cache.close())
    const batch = downloader.start({ folder: s.target, taskIds: ['batch'] })
    // the batch is under way, every slot busy
    await new Promise<void>((resolve) => batch.on('progress', (p) => p.bytesReceived > 200_000 && resolve()))
    // a while into the pane's fetch (its transfer takes about 0.24 s alone), the batch has made room: it keeps a
    // quarter of its 8 less one for the pane, so the store serves 1 + 1 requests, not 8 + 1
    let during = -1
    downloader.env.priority!.once('change', () => setTimeout(() => (during = s.sim.imagesInFlight()), 120))
    const started = performance.now()
    await cache.thumbnail('pane', 0)
    const seconds = (performance.now() - started) / 1000
    expect(during).toBeGreaterThanOrEqual(1)
    expect(during).toBeLessThanOrEqual(2)
    // never faster than the pane's own connection allows (the batch's transfers were not starved for nothing)
    expect(seconds).toBeGreaterThan(0.04 + (paneBytes * 8) / 4e6 * 0.9)

    const report = await batch.done
    expect(report.downloaded).toBe(32)
    for (const f of report.files) expect(sha(fs.readFileSync(f.path!)), `image ${f.index}`).toBe(sha(bytes[f.index]!))
    // paused transfers came back for the rest of their bytes
    expect(s.imageOutcomes('batch')).toContain('http:206')
    expect(report.files.some((f) => f.resumedFrom > 0)).toBe(true)
  })
})
