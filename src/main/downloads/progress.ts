// Batch progress: counts, bytes, a rate over the last few seconds and an ETA from it.

export interface BatchProgress {
  /** files known to the batch (waiting tasks' images are added when the tasks finish) */
  filesTotal: number
  downloaded: number
  skipped: number
  failed: number
  cancelled: number
  /** downloaded + skipped + failed + cancelled */
  filesFinished: number
  filesActive: number
  /** tasks the batch still waits for (unfinished: 'wait') */
  tasksWaiting: number
  /** bytes received in this batch (resumed prefixes not counted) */
  bytesReceived: number
  /** bytes still to receive for the files that are known, estimated from the average size where unknown; null before any size is known */
  bytesRemaining: number | null
  /** bytes per second over the last few seconds */
  rateBytesPerSec: number
  /** null while the rate or the remaining bytes are unknown */
  etaMs: number | null
  elapsedMs: number
}

const WINDOW_MS = 5000

/** Bytes received over a sliding window of time, sampled at most every 100 ms. */
export class RateMeter {
  private samples: Array<{ at: number; total: number }>
  total = 0

  constructor(private readonly now: () => number) {
    this.samples = [{ at: now(), total: 0 }]
  }

  add(bytes: number): void {
    this.total += bytes
    const at = this.now()
    const last = this.samples[this.samples.length - 1]!
    if (at - last.at < 100 && this.samples.length > 1) last.total = this.total
    else this.samples.push({ at, total: this.total })
    // keep one sample at or before the window's start as the baseline
    while (this.samples.length > 2 && this.samples[1]!.at <= at - WINDOW_MS) this.samples.shift()
  }

  rate(): number {
    const at = this.now()
    while (this.samples.length > 2 && this.samples[1]!.at <= at - WINDOW_MS) this.samples.shift()
    const base = this.samples[0]!
    return ((this.total - base.total) * 1000) / Math.max(at - base.at, 250)
  }
}

export function etaOf(remaining: number | null, rate: number): number | null {
  if (remaining === null || rate <= 0) return null
  return Math.round((remaining / rate) * 1000)
}
