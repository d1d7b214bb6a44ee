// Batch progress: counts, bytes, a rate over the last few seconds and an ETA from it.
import type { DownloadProgress } from '../../shared/downloads'
import type { FileOutcome } from './types'

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

/** A batch's progress from its outcomes so far, the files in flight and those queued. */
export function batchProgress(
  outcomes: readonly FileOutcome[],
  active: ReadonlySet<{ total: number | null; received: number }>,
  queue: ReadonlyArray<{ total: number | null; received: number }>,
  meter: RateMeter,
  tasksWaiting: number,
  elapsedMs: number
): BatchProgress {
  const counts = { downloaded: 0, skipped: 0, failed: 0, cancelled: 0 }
  let knownTotal = 0
  let knownCount = 0
  for (const o of outcomes) {
    counts[o.status]++
    if (o.bytes !== null) {
      knownTotal += o.bytes
      knownCount++
    }
  }
  const pending = [...active, ...queue]
  for (const j of active) {
    if (j.total !== null) {
      knownTotal += j.total
      knownCount++
    }
  }
  const average = knownCount > 0 ? knownTotal / knownCount : null
  let remaining: number | null = average === null ? null : 0
  if (remaining !== null) for (const j of pending) remaining += Math.max(0, (j.total ?? average!) - j.received)
  const rate = meter.rate()
  const finished = outcomes.length
  return {
    filesTotal: finished + pending.length,
    ...counts,
    filesFinished: finished,
    filesActive: active.size,
    tasksWaiting,
    bytesReceived: meter.total,
    bytesRemaining: remaining === null ? null : Math.round(remaining),
    rateBytesPerSec: Math.round(rate),
    etaMs: etaOf(remaining, rate),
    elapsedMs
  }
}
