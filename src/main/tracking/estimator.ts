/**
 * How likely a task is to have finished by a given age (time since it was first seen, or submitted when the app
 * submitted it), learnt from how long finished tasks took.
 *
 * The model is a mixture of
 * - the history: each finished task's duration, smoothed by a triangular kernel of ±max(2 s, 15%) of it, and
 * - the prior, which stands in without history: nothing finishes before 5 s, then log-uniform up to 10 minutes
 *   (as likely to take 5-10 s as 1-2 or 5-10 minutes). Aidge's virtual try-on takes tens of seconds to minutes.
 * The history's weight is n / (n + 1) for n durations: one finished task counts as much as the prior, and the chance
 * that the next task is unlike all n seen is 1 / (n + 1) (a Chinese restaurant process of concentration 1). A task
 * unlike its history (much faster) is then seen late; one slower than all of it is left to the prior's tail.
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
    const w = n / (n + 1)
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
   * With budget to spare: how long after a poll at `fromAge` to poll again so that a finish is seen within `windowMs`
   * of it, spending at most a small chance (LATE) of seeing one later, never more than `limitMs`.
   * - Inside the likely window (a finish within the next `windowMs` is plausible: a chance of 1% or more), the next
   *   poll comes after `windowMs`.
   * - Before it, the poll comes `windowMs` after finishes become possible: after the likely window opens and after
   *   the first LATE of the chance has gone by. A poll before that sees almost nothing a later one would not.
   */
  spareWait(fromAgeMs: number, limitMs: number, windowMs: number): number {
    const opens = this.firstPlausible(fromAgeMs, limitMs, windowMs)
    if (opens === 0) return Math.min(windowMs, limitMs)
    return Math.min(limitMs, Math.max(opens, this.onset(fromAgeMs, limitMs)) + windowMs)
  }

  /** the first wait (in steps of STEP_MS) after which a finish within the next `windowMs` is plausible */
  private firstPlausible(fromAgeMs: number, limitMs: number, windowMs: number): number {
    for (let d = 0; d < limitMs; d += STEP_MS) if (this.chance(fromAgeMs + d, fromAgeMs + d + windowMs) >= PLAUSIBLE) return d
    return limitMs
  }

  /** the wait within which the chance of a finish reaches LATE (the chance only grows with the wait) */
  private onset(fromAgeMs: number, limitMs: number): number {
    if (this.chance(fromAgeMs, fromAgeMs + limitMs) < LATE) return limitMs
    let lo = 0
    let hi = limitMs
    while (hi - lo > STEP_MS / 4) {
      const mid = (lo + hi) / 2
      if (this.chance(fromAgeMs, fromAgeMs + mid) >= LATE) hi = mid
      else lo = mid
    }
    return lo
  }
}

const PLAUSIBLE = 0.01
/** the chance of a finish, once per task before its likely window, that may be seen later than the spare interval */
const LATE = 0.002
const STEP_MS = 250

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
