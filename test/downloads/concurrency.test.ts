// The adaptive concurrency rule on its own, on virtual time against a fluid model of a line: each connection
// moves at most `perConnection` bytes/s, all together at most `line`. What the real downloader does over the
// emulated far store is in concurrencyFar.test.ts.
import { describe, expect, it } from 'vitest'
import { AdaptiveConcurrency } from '../../src/main/downloads/concurrency'

interface Line {
  perConnection: number
  line: number
  ttfbMs: number
}

/** Runs the rule for `ms` of virtual time in 10 ms steps; `line` may change over time. */
function drive(initial: number, ceiling: number, line: (t: number) => Line, ms: number, opts: { waiting?: number; trouble?: number[]; busy?: number } = {}) {
  let t = 0
  const timeline: Array<{ t: number; limit: number }> = []
  // this process's own load is part of the model: none unless the case says so
  const busy = (): (() => number) => () => opts.busy ?? 0
  const c: AdaptiveConcurrency = new AdaptiveConcurrency({ initial, ceiling }, () => t, (): number => c.limit, () => opts.waiting ?? 100, undefined, busy)
  const trouble = [...(opts.trouble ?? [])]
  for (; t < ms; t += 10) {
    const l = line(t)
    c.firstByte(l.ttfbMs)
    if (trouble.length > 0 && t >= trouble[0]!) {
      trouble.shift()
      c.trouble()
    }
    const rate = Math.min(c.limit * l.perConnection, l.line)
    c.bytes((rate * 10) / 1000)
    if (timeline[timeline.length - 1]?.limit !== c.limit) timeline.push({ t, limit: c.limit })
  }
  const at = (when: number): number => timeline.filter((e) => e.t <= when).pop()!.limit
  return { limits: timeline.map((e) => e.limit), final: c.state(), at }
}

const MB = 1_000_000

describe('adaptive concurrency', () => {
  it('fills a line whose connections are each slow: climbs past the knee within seconds, no higher than pays', () => {
    // 12 Mbit/s per connection, 100 Mbit/s line: the knee is at 8.3 connections
    const far = (): Line => ({ perConnection: 1.5 * MB, line: 12.5 * MB, ttfbMs: 200 })
    const quick = drive(6, 24, far, 3_000)
    expect(quick.final.limit).toBeGreaterThanOrEqual(9)
    const long = drive(6, 24, far, 60_000)
    expect(long.final.limit).toBeGreaterThanOrEqual(9)
    expect(long.final.limit).toBeLessThanOrEqual(16)
    expect(Math.max(...long.limits)).toBeLessThanOrEqual(24)
  })

  it('stays where it started on a line that one or two connections fill', () => {
    const fast = (): Line => ({ perConnection: 60 * MB, line: 100 * MB, ttfbMs: 2 })
    const r = drive(6, 24, fast, 30_000)
    expect(r.final.limit).toBe(6)
    // it tried one step up (and took it back), and later probes one small step at a time
    expect(Math.max(...r.limits)).toBeLessThanOrEqual(12)
  })

  it('does not climb while this process is the limit (its event loop busy), even where the line would allow it', () => {
    const far = (): Line => ({ perConnection: 1.5 * MB, line: 12.5 * MB, ttfbMs: 2 })
    expect(drive(6, 24, far, 20_000, { busy: 0.9 }).limits).toEqual([6])
    expect(drive(6, 24, far, 20_000, { busy: 0.3 }).final.limit).toBeGreaterThan(6)
  })

  it('never goes above the ceiling, however well more connections pay', () => {
    const wide = (): Line => ({ perConnection: 1 * MB, line: 1000 * MB, ttfbMs: 50 })
    const r = drive(4, 10, wide, 20_000)
    expect(Math.max(...r.limits)).toBe(10)
    expect(r.final.limit).toBe(10)
  })

  it('backs off on errors and stalls, once per burst', () => {
    const far = (): Line => ({ perConnection: 1.5 * MB, line: 12.5 * MB, ttfbMs: 200 })
    const r = drive(16, 16, far, 1_000, { trouble: [500] })
    // a fixed number (ceiling = start) is the user's choice: kept whatever happens
    expect(r.limits).toEqual([16])
    const adaptive = drive(12, 24, far, 1_000, { trouble: [500, 510, 520] })
    // 12 -> 8 once for the three failures (they came within one settling time)
    expect(adaptive.limits).toEqual([12, 8])
    expect(adaptive.final.phase).toBe('hold')
  })

  it('cuts the limit when the rate falls and stays down, and climbs again (by probes) when the line widens', () => {
    const far = { perConnection: 1.5 * MB, line: 12.5 * MB, ttfbMs: 200 }
    const squeezed = { perConnection: 0.5 * MB, line: 3 * MB, ttfbMs: 200 }
    const wide = { perConnection: 1.5 * MB, line: 30 * MB, ttfbMs: 200 }
    const r = drive(6, 24, (t) => (t < 10_000 ? far : t < 30_000 ? squeezed : wide), 80_000)
    expect(r.at(29_990)).toBeLessThan(r.at(9_990))
    expect(r.at(79_990)).toBeGreaterThan(r.at(29_990))
    expect(r.at(79_990)).toBeGreaterThanOrEqual(16)
  })

  it('spaces files that would start together by half a first-byte time (none where answers come at once)', () => {
    const c = new AdaptiveConcurrency({ initial: 6, ceiling: 24 }, () => 0, () => 6, () => 10)
    expect(c.spacingMs).toBe(0)
    c.firstByte(2)
    expect(c.spacingMs).toBe(0)
    const far = new AdaptiveConcurrency({ initial: 6, ceiling: 24 }, () => 0, () => 6, () => 10)
    far.firstByte(200)
    expect(far.spacingMs).toBe(100)
    far.firstByte(2_000)
    expect(far.spacingMs).toBe(150)
  })

  it('does not judge a limit it could not use (too few files waiting)', () => {
    const far = (): Line => ({ perConnection: 1.5 * MB, line: 12.5 * MB, ttfbMs: 200 })
    const r = drive(6, 24, far, 10_000, { waiting: 0 })
    expect(r.limits).toEqual([6])
  })
})
