/** Time as the scheduler sees it. The app uses the system clock; tests and the benchmark drive a ManualClock. */
export interface Clock {
  now(): number
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms)
    // A pending poll must not keep a CLI process alive once everything else is done.
    t.unref?.()
    return t
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>)
}

interface Timer {
  id: number
  at: number
  fn: () => void
}

/**
 * Virtual time: nothing happens until `advanceTo`/`advanceBy`/`runNext` is called. Used where time matters to a
 * test (stale deadlines, backoff) and by the tracking benchmark, which replays minutes of polling in seconds
 * while every call still goes over real HTTP.
 */
export class ManualClock implements Clock {
  private current: number
  private timers: Timer[] = []
  private nextId = 1

  constructor(start = 1_700_000_000_000) {
    this.current = start
  }

  now(): number {
    return this.current
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const timer = { id: this.nextId++, at: this.current + Math.max(0, ms), fn }
    this.timers.push(timer)
    return timer.id
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle)
  }

  /** The time of the earliest pending timer, or null. */
  nextTimerAt(): number | null {
    let min: number | null = null
    for (const t of this.timers) if (min === null || t.at < min) min = t.at
    return min
  }

  pendingTimers(): number {
    return this.timers.length
  }

  /** Moves time forward, firing every timer due on the way in time order. */
  advanceTo(time: number): void {
    for (;;) {
      const due = this.timers.filter((t) => t.at <= time).sort((a, b) => a.at - b.at || a.id - b.id)[0]
      if (!due) break
      this.timers = this.timers.filter((t) => t !== due)
      this.current = Math.max(this.current, due.at)
      due.fn()
    }
    this.current = Math.max(this.current, time)
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.current + ms)
  }

  /** Jumps to the earliest timer and fires it (and any others due at that instant). False when none is pending. */
  runNext(): boolean {
    const at = this.nextTimerAt()
    if (at === null) return false
    this.advanceTo(at)
    return true
  }
}
