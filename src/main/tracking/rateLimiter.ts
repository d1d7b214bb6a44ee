/**
 * At most `perSecond` calls in any one-second window *as the server counts them*. A gateway counts a call when
 * its request arrives, which is somewhere between the moment the client starts it and the moment the answer
 * comes back; a new connection (TCP/TLS setup) or a slow proxy makes that gap vary from call to call. Counting
 * call starts on the client is therefore not enough: a call delayed by its connection set-up and a later call that
 * is not can land less than a second apart at the server (the simulator saw 44 arrivals in a second with a limit
 * of 40). So a call holds its place in the window from its start until one second after its answer arrived
 * (plus 1 ms, because the clock reads whole milliseconds), which bounds the server's count whatever the latency.
 * Unlike a token bucket, it never lets a burst plus refill exceed the limit inside one second.
 *
 * countFrom 'start' instead frees a place one second after the call started: the server's count can then exceed
 * the rate by the calls whose arrival the network delayed, which is what an adaptive rate (RateController) is for:
 * it finds the rate at which the gateway stops answering with limits, and so gets the whole limit, where holding
 * places until the answer leaves a share of it unused (a third at 300 ms per answer and 1 s windows).
 */
export class SlidingWindowLimiter {
  /** when each finished call's answer arrived, in arrival order (the clock never goes back) */
  private ends: number[] = []
  private head = 0
  private open = 0
  private lastEnd: number | undefined

  constructor(
    private perSecond: number,
    private countFrom: 'answer' | 'start' = 'answer'
  ) {
    this.setRate(perSecond)
  }

  setCountFrom(countFrom: 'answer' | 'start'): void {
    this.countFrom = countFrom
  }

  setRate(perSecond: number): void {
    if (!(perSecond > 0)) throw new RangeError(`calls per second must be positive, got ${perSecond}`)
    this.perSecond = perSecond
  }

  get rate(): number {
    return this.perSecond
  }

  /**
   * How long to wait before a call may start at `now` (0 means now). Infinity when only the end of a call in
   * flight can free a place: the caller tries again when one ends.
   */
  waitTime(now: number): number {
    this.prune(now)
    // Rates below 1/s: one call at a time, spaced evenly.
    if (this.perSecond < 1) {
      if (this.open > 0) return Infinity
      return this.lastEnd === undefined ? 0 : Math.max(0, this.lastEnd + 1 + 1000 / this.perSecond - now)
    }
    const limit = Math.floor(this.perSecond)
    const finished = this.ends.length - this.head
    const excess = this.open + finished - limit
    if (excess < 0) return 0
    // `excess + 1` places must free up; only finished calls free theirs on a schedule.
    if (excess >= finished) return Infinity
    const freesAt = this.placeFreedAt(this.ends[this.head + excess]!)
    return Math.max(1, freesAt - now)
  }

  /** Counts a call starting `now` (needed when counting starts); call the returned function when its answer (or failure) has arrived. */
  start(now?: number): (now: number) => void {
    if (this.countFrom === 'start') {
      if (now === undefined) throw new RangeError('a limiter that counts call starts needs the start time')
      this.ends.push(now)
      this.lastEnd = now
      return () => {}
    }
    this.open++
    let done = false
    return (now: number) => {
      if (done) return
      done = true
      this.open--
      this.ends.push(now)
      this.lastEnd = now
    }
  }

  /** calls started and not yet finished */
  get inFlight(): number {
    return this.open
  }

  private placeFreedAt(end: number): number {
    return end + 1001
  }

  private prune(now: number): void {
    while (this.head < this.ends.length && this.placeFreedAt(this.ends[this.head]!) <= now) this.head++
    if (this.head > 1024) {
      this.ends = this.ends.slice(this.head)
      this.head = 0
    }
  }
}
