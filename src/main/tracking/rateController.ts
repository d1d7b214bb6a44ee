/**
 * The polling rate, found by AIMD: it starts at the user's setting, rises additively while calls wait for the
 * rate (the rate is what holds them back) and the gateway answers without a rate limit, and halves on a rate limit
 * (resCode 501, the gateway's call limit, HTTP 429). Aidge publishes no figure and raises limits per app on
 * request, so the limit has to be found, and found again after a change.
 *
 * Above 85% of the rate at which the last limit hit, the rise slows to a probe that takes a minute and a half to get
 * back there, so once the limit is known it costs less than one limit episode a minute, not one every few seconds.
 *
 * Bounds: never above the user's ceiling, never below 0.2 calls/s, and never above what maxInFlight allows at the
 * observed latency L: maxInFlight / L calls per second (the limiter counts call starts; see SlidingWindowLimiter).
 */
export interface RateControllerOptions {
  /** where the rate starts (the setting, or what an earlier run found) */
  start: number
  /** the user's ceiling */
  ceiling: number
  maxInFlight: number
  /** additive rise per second while below the safe level, calls/s */
  step?: number
}

export const MIN_RATE = 0.2
const SAFE_SHARE = 0.85
const PROBE_SECONDS = 90

export class RateController {
  private value: number
  private ceiling: number
  private maxInFlight: number
  private readonly step: number
  /** the rate at which the last limit hit (Infinity before any) */
  private limitAt = Infinity
  /** smoothed latency of answered calls, ms (null until the first) */
  private latencyMs: number | null = null
  private lastRiseAt = -Infinity
  /** a call waited for the rate since the last rise */
  private throttled = false

  constructor(opts: RateControllerOptions) {
    this.ceiling = opts.ceiling
    this.maxInFlight = opts.maxInFlight
    this.step = opts.step ?? 1
    this.value = this.clamp(opts.start)
  }

  get rate(): number {
    return this.value
  }

  /** the smoothed answer latency, ms (null before any answer) */
  get latency(): number | null {
    return this.latencyMs
  }

  configure(opts: { ceiling?: number; maxInFlight?: number; start?: number }): void {
    if (opts.ceiling !== undefined) this.ceiling = opts.ceiling
    if (opts.maxInFlight !== undefined) this.maxInFlight = opts.maxInFlight
    this.value = this.clamp(opts.start ?? this.value)
  }

  /** A call could not start because of the rate: the rate is what limits throughput, so rising can help. */
  noteThrottled(): void {
    this.throttled = true
  }

  /** An answer without a rate limit: latency is measured, and the rate rises if it held calls back. */
  onAnswer(now: number, latencyMs: number): void {
    this.latencyMs = this.latencyMs === null ? latencyMs : 0.8 * this.latencyMs + 0.2 * latencyMs
    if (!this.throttled || now - this.lastRiseAt < 1000) return
    const elapsedS = this.lastRiseAt === -Infinity ? 1 : Math.min(5, (now - this.lastRiseAt) / 1000)
    const safe = SAFE_SHARE * this.limitAt
    const probe = Number.isFinite(this.limitAt) ? this.value + Math.max(0.02, (this.limitAt * (1 - SAFE_SHARE)) / PROBE_SECONDS) * elapsedS : this.value
    // the fast climb stops at the safe level; from there on, the probe
    this.value = this.clamp(this.value >= safe ? probe : Math.max(probe, Math.min(safe, this.value + this.step * elapsedS)))
    this.lastRiseAt = now
    this.throttled = false
  }

  /** One rate-limit episode (the caller counts the calls already in flight when it hit as the same one). */
  onLimit(now: number): void {
    this.limitAt = this.value
    this.value = this.clamp(this.value / 2)
    this.lastRiseAt = now
    this.throttled = false
  }

  private clamp(rate: number): number {
    const byInFlight = this.latencyMs && this.latencyMs > 0 ? (this.maxInFlight * 1000) / this.latencyMs : Infinity
    return Math.max(MIN_RATE, Math.min(this.ceiling, byInFlight, rate))
  }
}
