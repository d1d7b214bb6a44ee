/**
 * At most `perSecond` call starts in any sliding one-second window: unlike a token bucket, it never lets a burst
 * plus refill exceed the limit inside one second, which is how a gateway counts QPS.
 */
export class SlidingWindowLimiter {
  private starts: number[] = []
  private head = 0

  constructor(private perSecond: number) {
    this.setRate(perSecond)
  }

  setRate(perSecond: number): void {
    if (!(perSecond > 0)) throw new RangeError(`calls per second must be positive, got ${perSecond}`)
    this.perSecond = perSecond
  }

  get rate(): number {
    return this.perSecond
  }

  /** How long to wait before a call may start at `now` (0 means now). */
  waitTime(now: number): number {
    // Rates below 1/s: space calls evenly instead of counting a window.
    if (this.perSecond < 1) {
      const last = this.starts[this.starts.length - 1]
      return last === undefined ? 0 : Math.max(0, last + 1000 / this.perSecond - now)
    }
    this.prune(now)
    const inWindow = this.starts.length - this.head
    const limit = Math.floor(this.perSecond)
    if (inWindow < limit) return 0
    const oldest = this.starts[this.head + inWindow - limit]
    return oldest === undefined ? 0 : Math.max(1, oldest + 1000 - now)
  }

  record(now: number): void {
    this.starts.push(now)
  }

  private prune(now: number): void {
    while (this.head < this.starts.length && (this.starts[this.head] as number) <= now - 1000) this.head++
    if (this.head > 1024) {
      this.starts = this.starts.slice(this.head)
      this.head = 0
    }
  }
}
