// AIMD on the polling rate (RateController) and the limiter counting call starts: pure logic on explicit times.
import { describe, expect, it } from 'vitest'
import { MIN_RATE, RateController } from '../../src/main/tracking/rateController'
import { SlidingWindowLimiter } from '../../src/main/tracking'

/** one answer a second for `seconds`, every one of them held back by the rate */
function busySeconds(rc: RateController, from: number, seconds: number, latencyMs = 100): number {
  let now = from
  for (let i = 0; i < seconds; i++) {
    now += 1000
    rc.noteThrottled()
    rc.onAnswer(now, latencyMs)
  }
  return now
}

describe('RateController (AIMD)', () => {
  it('starts at the setting, rises by a step a second while calls wait for it, and never passes the ceiling', () => {
    const rc = new RateController({ start: 5, ceiling: 20, maxInFlight: 100 })
    expect(rc.rate).toBe(5)
    const now = busySeconds(rc, 0, 3)
    expect(rc.rate).toBeCloseTo(8, 5)
    busySeconds(rc, now, 60)
    expect(rc.rate).toBe(20)
    // answers that no call waited for say nothing about a higher rate
    const idle = new RateController({ start: 5, ceiling: 20, maxInFlight: 100 })
    for (let t = 1000; t <= 10_000; t += 1000) idle.onAnswer(t, 100)
    expect(idle.rate).toBe(5)
  })

  it('halves on a limit, climbs fast to 85% of where it hit, then probes for a minute and a half', () => {
    const rc = new RateController({ start: 12, ceiling: 20, maxInFlight: 100 })
    rc.onLimit(0)
    expect(rc.rate).toBe(6)
    let now = busySeconds(rc, 0, 5)
    expect(rc.rate).toBeGreaterThanOrEqual(0.85 * 12)
    expect(rc.rate).toBeLessThan(11)
    now = busySeconds(rc, now, 30)
    expect(rc.rate).toBeLessThan(12) // still probing below where the limit hit
    busySeconds(rc, now, 80)
    expect(rc.rate).toBeGreaterThanOrEqual(12)
  })

  it('never falls below the minimum, and maxInFlight at the observed latency caps it', () => {
    const low = new RateController({ start: 0.3, ceiling: 20, maxInFlight: 2 })
    low.onLimit(0)
    expect(low.rate).toBe(MIN_RATE)
    const rc = new RateController({ start: 0.3, ceiling: 20, maxInFlight: 2 })
    // 2 calls in flight answered in 250 ms allow 8 calls a second, whatever the ceiling
    busySeconds(rc, 0, 40, 250)
    expect(rc.rate).toBeCloseTo(8, 5)
  })
})

describe("SlidingWindowLimiter counting call starts (the adaptive rate's limiter)", () => {
  it('admits `rate` starts in any second, whatever the calls in flight, and frees a place 1 s after its start', () => {
    const l = new SlidingWindowLimiter(3, 'start')
    for (let i = 0; i < 3; i++) {
      expect(l.waitTime(1000)).toBe(0)
      l.start(1000)
    }
    expect(l.waitTime(1000)).toBe(1001)
    expect(l.waitTime(2001)).toBe(0)
    expect(() => l.start()).toThrow(/start time/)
  })
})
