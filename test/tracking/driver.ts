// Discrete-event driving of a PollScheduler on a ManualClock: every query call is real HTTP, but virtual time
// only moves when no call is in flight, so minutes of polling replay in (real) seconds. Shared by the tracking
// tests and bench/tracking.ts.
import type { ManualClock } from '../../src/main/tracking'
import { mulberry32 } from '../sim/images'

/** What the driver needs to see of the scheduler (or of any poller that works the same way). */
export interface Drivable {
  readonly callsInFlight: number
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** Waits (real time) until no call is in flight; a call that finishes may start others, which are awaited too. */
export async function settle(poller: Drivable, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs
  // Two idle turns in a row: an answer's handling (and the calls it starts) happens between them.
  let idleTurns = 0
  while (idleTurns < 2) {
    await tick()
    idleTurns = poller.callsInFlight === 0 ? idleTurns + 1 : 0
    if (performance.now() > deadline) throw new Error(`calls still in flight after ${timeoutMs} ms of real time`)
  }
}

export interface DriveOptions {
  /** stop (without error) once this is true; checked whenever nothing is in flight */
  until?: () => boolean
  /** do not move the clock beyond this virtual time */
  maxTime?: number
  /** safety net for runaway loops */
  maxSteps?: number
}

export interface DriveResult {
  /** why driving ended */
  reason: 'until' | 'noTimers' | 'maxTime' | 'maxSteps'
  steps: number
  now: number
}

/**
 * Settles, then jumps the clock to the next timer, again and again. Ends when `until` holds, when no timer is
 * pending (nothing would ever happen again), or at `maxTime`.
 */
export async function drive(clock: ManualClock, poller: Drivable, opts: DriveOptions = {}): Promise<DriveResult> {
  const maxSteps = opts.maxSteps ?? 1_000_000
  let steps = 0
  for (;;) {
    await settle(poller)
    if (opts.until?.()) return { reason: 'until', steps, now: clock.now() }
    if (steps >= maxSteps) return { reason: 'maxSteps', steps, now: clock.now() }
    const next = clock.nextTimerAt()
    if (next === null) return { reason: 'noTimers', steps, now: clock.now() }
    if (opts.maxTime !== undefined && next > opts.maxTime) {
      clock.advanceTo(opts.maxTime)
      await settle(poller)
      return { reason: 'maxTime', steps, now: clock.now() }
    }
    clock.advanceTo(next)
    steps++
  }
}

/** A small seeded generator (mulberry32), so jitter is the same on every run. */
export function seededRandom(seed: number): () => number {
  const next = mulberry32(seed)
  return () => next() / 4294967296
}

/** Most times that fall within any window of `windowMs` (a window [t, t + windowMs)). */
export function peakInWindow(times: readonly number[], windowMs = 1000): number {
  const sorted = [...times].sort((a, b) => a - b)
  let peak = 0
  let head = 0
  for (let i = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[head]! >= windowMs) head++
    peak = Math.max(peak, i - head + 1)
  }
  return peak
}
