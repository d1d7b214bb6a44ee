// The downloader: one shared HTTP agent and settings, any number of batches.
import type { Clock } from '../tracking/clock'
import { DownloadBatch } from './batch'
import { DEFAULT_MAX_IMAGE_BYTES, type FetchEnv } from './fetchImage'
import { createHttpFetcher, type ImageFetcher } from './httpFetcher'
import { nodeIo } from './partFile'
import { LinePriority } from './priority'
import type { BatchRequest, DownloaderOptions } from './types'

/**
 * Real time with timers that keep the process alive: a CLI waiting out a retry backoff must not exit with the
 * batch unfinished (the tracking clock unrefs its timers on purpose; this one must not).
 */
export const downloadClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>)
}

export const DEFAULT_CONCURRENCY = 6
/** enough connections for a 100 Mbit/s line at 12 Mbit/s each with a few hundred ms to first byte, with room */
export const DEFAULT_MAX_CONCURRENCY = 24
export const DEFAULT_RETRY = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 15_000 }

export interface Downloader {
  /** Starts a batch at once; listen to its events right away (they start on the next tick), await `batch.done`. */
  start(request: BatchRequest): DownloadBatch
  /** Batches not yet done. */
  running(): DownloadBatch[]
  /** Cancels running batches, waits for them, and closes the HTTP agent when the downloader created it. */
  close(): Promise<void>
  /** the shared settings, for the image cache */
  readonly env: FetchEnv
}

export function createDownloader(options: DownloaderOptions): Downloader {
  const stallTimeoutMs = options.stallTimeoutMs ?? 30_000
  const ownFetcher = options.fetcher === undefined
  const fetcher: ImageFetcher =
    options.fetcher ??
    createHttpFetcher({
      ...(options.imageHosts ? { hosts: options.imageHosts } : {}),
      // beyond the batches' ceiling: the image cache shares this agent, and the detail pane's image must not queue
      // behind a batch for a socket
      connections: Math.max(16, options.concurrency ?? DEFAULT_CONCURRENCY, options.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY) + 8,
      // the downloader's own stall timer fires first; these are a backstop
      headersTimeoutMs: stallTimeoutMs + 5_000,
      bodyTimeoutMs: stallTimeoutMs + 5_000
    })
  const env: FetchEnv = {
    fetcher,
    io: options.io ?? nodeIo,
    clock: options.clock ?? downloadClock,
    random: options.random ?? Math.random,
    retry: { ...DEFAULT_RETRY, ...options.retry },
    stallTimeoutMs,
    expiryMarginMs: options.expiryMarginMs ?? 30_000,
    maxImageBytes: options.maxImageBytes ?? (() => DEFAULT_MAX_IMAGE_BYTES),
    priority: new LinePriority()
  }
  const batches = new Set<DownloadBatch>()
  let closed = false

  return {
    env,
    start(request) {
      if (closed) throw new Error('The downloader is closed')
      const batch = new DownloadBatch(
        {
          history: options.history,
          env,
          refresh: options.refresh ?? null,
          concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
          maxConcurrency: options.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY,
          ...(options.busyMeter ? { busyMeter: options.busyMeter } : {}),
          progressIntervalMs: options.progressIntervalMs ?? 250,
          verifyExisting: options.verifyExisting ?? 'sha256'
        },
        request
      )
      batches.add(batch)
      void batch.done.then(() => batches.delete(batch))
      void batch.begin()
      return batch
    },
    running: () => [...batches],
    async close() {
      closed = true
      const all = [...batches]
      for (const b of all) b.cancel()
      await Promise.all(all.map((b) => b.done))
      if (ownFetcher) await fetcher.close()
    }
  }
}
