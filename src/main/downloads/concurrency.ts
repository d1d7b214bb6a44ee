// How many files a batch fetches at once. A far object store caps each connection well below the line, so the
// line fills only with enough connections; on a fast line (or loopback) more connections only cost. The batch
// starts at the setting and climbs while the total rate grows, holds where it stops growing, probes now and then,
// and backs off on errors, stalls or a falling rate, never above the ceiling (a setting) nor below the floor.
//
// More connections only pay where the network holds each back, never where this process is the limit (loopback, a
// fast line with a slow disk or CPU): a window in which the event loop was mostly busy climbs no further.
//
// The rate is measured in windows during which files were waiting for a slot (a window without enough work says
// nothing about the limit), each after a settling time in which connections that were just added get their first bytes. Both
// scale with the observed time to first byte: a far store needs longer windows than loopback.

export interface ConcurrencyPolicy {
  /** files at once to start with */
  initial: number
  /** files at once at most; equal to `initial` for a fixed number */
  ceiling: number
}

export interface ConcurrencyState {
  limit: number
  phase: 'climb' | 'hold'
  /** bytes per second of the last complete window, null before one */
  rate: number | null
}

/** A step up must bring at least this share of the growth more connections would bring on an empty line. */
const GROWTH_SHARE = 0.25
/** Errors and stalls cut the limit to this share of it. */
const BACKOFF = 0.7
/** A held limit whose rate falls under this share of its usual rate, two windows running, is cut. */
const FALLING = 0.6
/** A window whose event loop was busier than this share of the time says the process, not the line, is the limit. */
const BUSY = 0.7
/** Windows held before trying one step up again. */
const PROBE_EVERY = 5

export class AdaptiveConcurrency {
  private current: number
  private phase: ConcurrencyState['phase'] = 'climb'
  /** first-byte latency, an exponentially weighted average (ms); null before the first answer */
  private latencyMs: number | null = null
  private settleUntil: number
  private windowStart: number | null = null
  /** the event loop's busy share since the window began */
  private busySince: () => number = () => 0
  private windowBytes = 0
  /** the last measured window: at which limit, at which rate */
  private previous: { limit: number; rate: number } | null = null
  /** the usual rate at the held limit (a slow average), for the falling-rate check */
  private usual: number | null = null
  private falling = 0
  private heldWindows = 0
  private lastRate: number | null = null
  private readonly floor: number
  private readonly ceiling: number
  /** a fixed number (ceiling = initial): nothing to adapt */
  private readonly fixed: boolean
  private suspended = false

  constructor(
    policy: ConcurrencyPolicy,
    private readonly now: () => number,
    /** transfers holding a slot right now */
    private readonly inFlight: () => number,
    /** files waiting for a slot */
    private readonly waiting: () => number,
    /** the limit changed (the batch starts more transfers when it rose) */
    private readonly onChange: (limit: number) => void = () => undefined,
    /** starts measuring how busy this process is; the result gives the busy share (0..1) since */
    private readonly busyMeter: () => () => number = eventLoopBusy
  ) {
    this.current = Math.max(1, Math.floor(policy.initial))
    this.ceiling = Math.max(this.current, Math.floor(policy.ceiling))
    this.floor = Math.min(this.current, 2)
    this.settleUntil = now()
    this.fixed = this.ceiling === this.current
    if (this.fixed) this.phase = 'hold'
  }

  get limit(): number {
    return this.current
  }

  /**
   * How far apart to start files that would otherwise start together (ms). On a line shared fairly, files of one
   * size started at once end at once and then all wait out their time to first byte at once: the line idles.
   * Started half a first-byte time apart, their waits interleave. Nothing where answers come at once (loopback).
   */
  get spacingMs(): number {
    const latency = this.latencyMs ?? 0
    return latency < 20 ? 0 : Math.min(150, latency / 2)
  }

  state(): ConcurrencyState {
    return { limit: this.current, phase: this.phase, rate: this.lastRate }
  }

  /** A transfer got its answer `ms` after it was asked for. */
  firstByte(ms: number): void {
    this.latencyMs = this.latencyMs === null ? ms : this.latencyMs * 0.8 + ms * 0.2
  }

  /** While the batch yields to what a person waits for (priority.ts), its rate says nothing about the line. */
  suspend(on: boolean): void {
    if (on === this.suspended) return
    this.suspended = on
    this.windowStart = null
    if (!on) this.settleUntil = this.now() + this.settleMs()
  }

  /** Bytes arrived (any transfer of the batch). */
  bytes(n: number): void {
    if (this.fixed || this.suspended) return
    const now = this.now()
    if (now < this.settleUntil) return
    // work waiting for a slot, and no more transfers than the limit (after a cut, until the extra ones end): only
    // then does the window say what this limit can do. Slots idle for local reasons (files being made durable)
    // count against the limit: that is what it achieves here.
    if (this.inFlight() > this.current || this.waiting() === 0) {
      this.windowStart = null
      return
    }
    if (this.windowStart === null) {
      this.windowStart = now
      this.windowBytes = 0
      this.busySince = this.busyMeter()
      return
    }
    this.windowBytes += n
    const elapsed = now - this.windowStart
    if (elapsed >= this.windowMs()) this.judge((this.windowBytes * 1000) / elapsed)
  }

  /** A transfer failed in a way more load can cause (stall, reset, 5xx, 429): fewer at once. */
  trouble(): void {
    if (this.fixed) return
    const now = this.now()
    // one cut per settling time: a burst of failures from one cause is one signal
    if (now < this.settleUntil) return
    this.phase = 'hold'
    this.heldWindows = 0
    this.usual = null
    this.previous = null
    this.set(Math.max(this.floor, Math.floor(this.current * BACKOFF)))
  }

  private judge(rate: number): void {
    this.lastRate = rate
    const prev = this.previous
    this.previous = { limit: this.current, rate }
    const busy = this.busySince() > BUSY
    if (this.phase === 'climb') {
      if (busy && (prev === null || grew(prev, this.current, rate))) {
        // this process is the limit: more connections would only cost
        this.hold()
        return this.set(this.current)
      }
      if (prev === null || prev.limit === this.current) return this.set(Math.min(this.ceiling, this.current * 2))
      if (grew(prev, this.current, rate)) {
        if (this.current < this.ceiling) return this.set(Math.min(this.ceiling, this.current * 2))
        this.hold()
        return this.set(this.current)
      }
      // the line filled somewhere between the previous limit and this one: settle halfway (no more connections
      // than pay, yet not all the way back on one window's word: a busy machine can make a window look flat)
      this.previous = prev
      this.hold()
      return this.set(Math.round((prev.limit + this.current) / 2))
    }
    // holding: a probe that did not pay is undone; a falling rate is cut; now and then, one step up is tried
    if (prev !== null && prev.limit < this.current && !grew(prev, this.current, rate)) {
      this.previous = prev
      this.heldWindows = 0
      return this.set(prev.limit)
    }
    this.usual = this.usual === null ? rate : this.usual * 0.75 + rate * 0.25
    // a busy process slows itself: fewer connections would not help
    if (rate < this.usual * FALLING && !busy) {
      if (++this.falling >= 2 && this.current > this.floor) {
        this.falling = 0
        this.usual = null
        return this.set(Math.max(this.floor, Math.floor(this.current * BACKOFF)))
      }
    } else this.falling = 0
    if (++this.heldWindows >= PROBE_EVERY && this.current < this.ceiling && !busy) {
      this.heldWindows = 0
      return this.set(Math.min(this.ceiling, this.current + Math.max(1, Math.round(this.current / 4))))
    }
    this.windowStart = null
  }

  private hold(): void {
    this.phase = 'hold'
    this.heldWindows = 0
    this.usual = null
    this.falling = 0
  }

  private set(limit: number): void {
    const changed = limit !== this.current
    this.current = limit
    this.windowStart = null
    // new connections need their first bytes before the next window means anything
    this.settleUntil = this.now() + this.settleMs()
    if (changed) this.onChange(limit)
  }

  private settleMs(): number {
    return clamp((this.latencyMs ?? 0) * 1.2 + 50, 50, 1500)
  }

  private windowMs(): number {
    return clamp((this.latencyMs ?? 0) * 4, 300, 2000)
  }
}

/** The event loop's utilisation (Node's own measure) since the call. */
function eventLoopBusy(): () => number {
  const start = performance.eventLoopUtilization()
  return () => performance.eventLoopUtilization(start).utilization
}

/** Did going from `prev.limit` to `limit` connections raise the rate by a fair share of what it could have? */
function grew(prev: { limit: number; rate: number }, limit: number, rate: number): boolean {
  const linear = limit / prev.limit - 1
  return rate >= prev.rate * (1 + GROWTH_SHARE * linear)
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v))
}
