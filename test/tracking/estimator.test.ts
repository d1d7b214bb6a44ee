// FinishEstimator: the documented prior, learning from durations, the chance of a finish between two polls.
import { describe, expect, it } from 'vitest'
import { FinishEstimator, PRIOR_MAX_MS, PRIOR_MIN_MS } from '../../src/main/tracking/estimator'

describe('FinishEstimator', () => {
  it('without history: nothing before 5 s, log-uniform to 10 minutes', () => {
    const e = new FinishEstimator()
    expect(e.cdf(PRIOR_MIN_MS - 1)).toBe(0)
    expect(e.cdf(PRIOR_MAX_MS)).toBe(1)
    // as likely within 5-10 s as within 5-10 minutes
    expect(e.cdf(10_000)).toBeCloseTo(e.cdf(600_000) - e.cdf(300_000), 10)
    expect(e.chance(0, 4_000)).toBe(0)
  })

  it('history concentrates the chance where tasks finished, and a task outliving it keeps a moderate chance', () => {
    const e = new FinishEstimator(Array.from({ length: 20 }, (_, i) => 25_000 + i * 1_000))
    expect(e.chance(0, 15_000)).toBeLessThan(0.05)
    expect(e.chance(30_000, 33_000)).toBeGreaterThan(0.15)
    // past every duration seen, the prior's tail stands in: neither zero nor certain
    const late = e.chance(120_000, 123_000)
    expect(late).toBeGreaterThan(0.005)
    expect(late).toBeLessThan(0.5)
    // the wait for a 15% chance is short inside the window and long before it
    expect(e.waitFor(30_000, 0.15, 1_000, 30_000)).toBeLessThan(4_000)
    expect(e.waitFor(0, 0.15, 1_000, 30_000)).toBeGreaterThan(20_000)
    // with budget to spare, the first poll after the one at age 0 waits for the window, less a spare interval
    expect(e.spareWait(0, 30_000, 2_700)).toBeGreaterThanOrEqual(20_000)
    expect(e.spareWait(30_000, 30_000, 2_700)).toBe(2_700)
  })

  it('with budget to spare and no history: polls from one spare interval after the prior: nothing in the first 5 s, then every interval', () => {
    const e = new FinishEstimator()
    // a poll before 7.7 s would catch only finishes a poll at 7.7 s catches too: at most LATE (0.2%) of them late
    const first = e.spareWait(0, 30_000, 2_700)
    expect(first).toBeGreaterThanOrEqual(PRIOR_MIN_MS + 2_700)
    expect(first).toBeLessThan(PRIOR_MIN_MS + 2_700 + 100)
    expect(e.chance(0, first - 2_700)).toBeLessThanOrEqual(0.002)
    expect(e.spareWait(first, 30_000, 2_700)).toBe(2_700)
    // never beyond the limit given
    expect(e.spareWait(0, 4_000, 2_700)).toBe(4_000)
  })

  it('one finished task counts as much as the prior: the chance a task is unlike all n seen is 1/(n+1)', () => {
    const one = new FinishEstimator([60_000])
    expect(one.cdf(50_000)).toBeCloseTo((0.5 * Math.log(50_000 / 5_000)) / Math.log(PRIOR_MAX_MS / PRIOR_MIN_MS), 2)
    const ten = new FinishEstimator(Array.from({ length: 10 }, () => 60_000))
    expect(ten.cdf(40_000)).toBeCloseTo((1 / 11) * (Math.log(40_000 / 5_000) / Math.log(PRIOR_MAX_MS / PRIOR_MIN_MS)), 6)
  })

  it('keeps only the latest durations and ignores impossible ones', () => {
    const e = new FinishEstimator([1, 2, 3], 2)
    e.add(-5)
    e.add(Number.NaN)
    expect(e.size).toBe(2)
  })
})
