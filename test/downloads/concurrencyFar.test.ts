// The real downloader over the simulator's emulated far store (real HTTP, real files, real history): it adds
// connections where each is slow, stays put where a few fill the line, and backs off on stalls. Small images
// and high caps keep each case to a few seconds.
import { describe, expect, it } from 'vitest'
import { finishedTask, setup as setupWith } from './helpers'
import type { SimulatorOptions, TaskSpec } from '../sim'

/**
 * The simulator runs in this process, so its pacing keeps the event loop busy: the downloader is told its own
 * load is light (it would be, with the store across a real line); the busy rule has its own test in
 * concurrency.test.ts.
 */
async function setup(tasks: TaskSpec[], sim: SimulatorOptions) {
  const s = await setupWith(tasks, sim)
  const downloader = s.downloader
  return { ...s, downloader: (opts: Parameters<typeof downloader>[0] = {}) => downloader({ busyMeter: () => () => 0, ...opts }) }
}

const images = (n: number, bytes: number) => Array.from({ length: n }, () => ({ bytes }))

describe('adaptive concurrency over a far store', () => {
  it('fills a line whose connections are each slow: far faster than its starting number could', async () => {
    // 4 Mbit/s per connection, a 32 Mbit/s line: 2 connections would move 1 MB/s, the line 4 MB/s
    const s = await setup([finishedTask('far', images(48, 100_000))], { farStore: { ttfbMs: 60, connectionBitsPerSec: 4e6, lineBitsPerSec: 32e6 } })
    await s.seed('far')
    const total = (await Promise.all(Array.from({ length: 48 }, (_, i) => s.sim.imageBytes('far', i)))).reduce((n, b) => n + b.length, 0)
    const batch = s.downloader({ concurrency: 2, maxConcurrency: 24 }).start({ folder: s.target, taskIds: ['far'] })
    let most = 0
    batch.on('progress', (p) => void (most = Math.max(most, p.filesActive)))
    const started = performance.now()
    const report = await batch.done
    const seconds = (performance.now() - started) / 1000
    expect(report.downloaded).toBe(48)
    expect(report.bytesReceived).toBe(total)
    const atStart = total / (2 * 0.5e6)
    const lineLimit = total / 4e6
    // 2 at once would take atStart (4.8 s); the line allows 1.2 s; the climb (2, 4, 8, 16) takes about 1.5 s
    expect(seconds).toBeLessThan(atStart * 0.6)
    expect(seconds).toBeGreaterThan(lineLimit * 0.95)
    expect(batch.concurrencyState().limit).toBeGreaterThanOrEqual(8)
    expect(most).toBeLessThanOrEqual(24)
    expect(s.sim.stats().imageMaxInFlight).toBeLessThanOrEqual(24)
  })

  it('does not climb where a few connections already fill the line', async () => {
    // each connection could take the whole line: more connections cannot pay (files large enough that the
    // client's own work per file, which more connections would overlap, is small beside the transfer)
    const s = await setup([finishedTask('near', images(20, 300_000))], { farStore: { connectionBitsPerSec: 40e6, lineBitsPerSec: 24e6 } })
    await s.seed('near')
    const batch = s.downloader({ concurrency: 2, maxConcurrency: 24 }).start({ folder: s.target, taskIds: ['near'] })
    const report = await batch.done
    expect(report.downloaded).toBe(20)
    // far from the ceiling (24): a step or two of the climb at most (this client's own work per file, which more
    // connections overlap, pays a little even here), then back down or held
    expect(batch.concurrencyState().limit).toBeLessThanOrEqual(8)
    expect(s.sim.stats().imageMaxInFlight).toBeLessThanOrEqual(16)
  })

  it('backs off when transfers stall, and every file still arrives whole (resumed)', async () => {
    const s = await setup([finishedTask('stall', images(24, 60_000))], { farStore: { ttfbMs: 20, connectionBitsPerSec: 8e6, stall: { every: 5, ms: 1_500 } } })
    await s.seed('stall')
    const batch = s.downloader({ concurrency: 8, maxConcurrency: 8 + 8, stallTimeoutMs: 300 }).start({ folder: s.target, taskIds: ['stall'] })
    let most = 8
    let leastAfterTrouble = Infinity
    let troubled = false
    batch.on('file', (e) => {
      const limit = batch.concurrencyState().limit
      if (e.type === 'retrying') troubled = true
      if (troubled) leastAfterTrouble = Math.min(leastAfterTrouble, limit)
      else most = Math.max(most, limit)
    })
    const report = await batch.done
    expect(report.downloaded).toBe(24)
    expect(report.files.some((f) => f.attempts > 1 && f.resumedFrom > 0)).toBe(true)
    expect(troubled).toBe(true)
    // the stalls cut the limit below what it had reached
    expect(leastAfterTrouble).toBeLessThan(most)
  })

  it('a fixed number (start = ceiling, as the CLI --concurrency sets) is kept', async () => {
    const s = await setup([finishedTask('fixed', images(24, 50_000))], { farStore: { connectionBitsPerSec: 4e6, lineBitsPerSec: 64e6 } })
    await s.seed('fixed')
    const batch = s.downloader().start({ folder: s.target, taskIds: ['fixed'], concurrency: 3, maxConcurrency: 3 })
    const report = await batch.done
    expect(report.downloaded).toBe(24)
    expect(s.sim.stats().imageMaxInFlight).toBe(3)
    expect(batch.concurrencyState()).toMatchObject({ limit: 3, phase: 'hold' })
  })
})
