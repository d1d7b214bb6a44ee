/**
 * How likely a task is to have finished by a given age (time since it was first seen, or submitted when the app
 * submitted it), learnt from how long finished tasks took.
 *
 * The model is a mixture of
 * - the history: each finished task's duration, smoothed by a triangular kernel of ±max(2 s, 15%) of it, and
 * - the prior, which stands in without history: nothing finishes before 5 s, then log-uniform up to 10 minutes
 *   (as likely to take 5-10 s as 1-2 or 5-10 minutes). Aidge's virtual try-on takes tens of seconds to minutes.
 * The history's weight is n / (n + 2) for n durations, so two finished tasks already count as much as the prior.
 * Only the latest `maxSamples` durations are kept: the vendor's speed changes over days.
 *
 * The estimate survives restarts because everything it rests on is in the history: durations of finished tasks,
 * each active task's first-seen time and last query.
 */
export const PRIOR_MIN_MS = 5_000
export const PRIOR_MAX_MS = 600_000
const LN_PRIOR = Math.log(PRIOR_MAX_MS / PRIOR_MIN_MS)

export class FinishEstimator {
  private samples: number[] = []

  constructor(
    durationsMs: readonly number[] = [],
    private readonly maxSamples = 200
  ) {
    for (const d of durationsMs) this.add(d)
  }

  get size(): number {
    return this.samples.length
  }

  add(durationMs: number): void {
    if (!(durationMs > 0) || !Number.isFinite(durationMs)) return
    this.samples.push(durationMs)
    if (this.samples.length > this.maxSamples) this.samples.shift()
  }

  /** P(finished by this age) */
  cdf(ageMs: number): number {
    const n = this.samples.length
    const w = n / (n + 2)
    let hist = 0
    for (const d of this.samples) hist += kernelCdf(ageMs, d)
    return (n > 0 ? (w * hist) / n : 0) + (1 - w) * priorCdf(ageMs)
  }

  /**
   * The chance that a task not finished at `fromAge` finished by `toAge`. A task that outlives its history is
   * left to the prior's long tail (which never runs out before 10 minutes), so its chance stays moderate.
   */
  chance(fromAgeMs: number, toAgeMs: number): number {
    if (toAgeMs <= fromAgeMs) return 0
    const f0 = this.cdf(fromAgeMs)
    return Math.min(1, (this.cdf(toAgeMs) - f0) / Math.max(1 - f0, 1e-9))
  }

  /** The shortest wait after a poll at `fromAge` over which the chance reaches `theta`, within [minMs, maxMs]. */
  waitFor(fromAgeMs: number, theta: number, minMs: number, maxMs: number): number {
    if (this.chance(fromAgeMs, fromAgeMs + minMs) >= theta) return minMs
    if (this.chance(fromAgeMs, fromAgeMs + maxMs) < theta) return maxMs
    let lo = minMs
    let hi = maxMs
    while (hi - lo > 100) {
      const mid = (lo + hi) / 2
      if (this.chance(fromAgeMs, fromAgeMs + mid) >= theta) hi = mid
      else lo = mid
    }
    return Math.round(hi)
  }

  /**
   * How long after `fromAge` a finish within the next `windowMs` becomes plausible (a chance of 1% or more), looked
   * for in steps of a second up to `limitMs` (returned when it never does).
   */
  plausibleFrom(fromAgeMs: number, limitMs: number, windowMs: number): number {
    for (let d = 0; d < limitMs; d += 1000) if (this.chance(fromAgeMs + d, fromAgeMs + d + windowMs) >= PLAUSIBLE) return d
    return limitMs
  }
}

const PLAUSIBLE = 0.01

function priorCdf(ageMs: number): number {
  if (ageMs <= PRIOR_MIN_MS) return 0
  if (ageMs >= PRIOR_MAX_MS) return 1
  return Math.log(ageMs / PRIOR_MIN_MS) / LN_PRIOR
}

/** CDF at x of a triangular kernel centred on d */
function kernelCdf(x: number, d: number): number {
  const h = Math.max(2_000, 0.15 * d)
  const u = (x - d) / h
  if (u <= -1) return 0
  if (u >= 1) return 1
  return u <= 0 ? ((1 + u) * (1 + u)) / 2 : 1 - ((1 - u) * (1 - u)) / 2
}
