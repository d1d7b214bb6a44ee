// Batch progress: counts, bytes, a rate over the last few seconds and an ETA from it.
import type { DownloadProgress } from '../../shared/downloads'

/** The downloader's progress is the app's (src/shared/downloads.ts). */
export type BatchProgress = DownloadProgress

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
