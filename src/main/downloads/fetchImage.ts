// All tries at one image: fresh URLs when the link has expired (once), retries with exponential backoff and
// jitter on network errors, stalls and 5xx, and an overall bound on tries. Shared by the batch downloader and
// the image cache; what happens to the verified partial file afterwards is the caller's business.
import type { Clock } from '../tracking/clock'
import { cancelledError, DownloadError, fileSystemError, isDownloadError } from './errors'
import type { ImageFetcher } from './httpFetcher'
import type { DownloadIo, PartPaths } from './partFile'
import type { LinePriority } from './priority'
import { transferOnce, type TransferResult } from './transfer'

export interface RetryPolicy {
  /** tries per file, expiry re-queries not counted (default 5) */
  maxAttempts: number
  /** first backoff (default 500 ms), doubled per try, up to maxDelayMs (default 15 s), with jitter */
  baseDelayMs: number
  maxDelayMs: number
}

export interface FetchEnv {
  fetcher: ImageFetcher
  io: DownloadIo
  clock: Clock
  random: () => number
  retry: RetryPolicy
  stallTimeoutMs: number
  /** a URL whose Expires is this close (or past) is refreshed before the first try (clock skew) */
  expiryMarginMs: number
  /** the per-image cap in bytes, read at each try (a setting) */
  maxImageBytes: () => number
  /** fetches a person waits for go first: batches yield to them (see priority.ts); absent: no one yields */
  priority?: LinePriority
}

/** The per-image cap when nothing sets one: far above real results (a few MB), far below what hurts. */
export const DEFAULT_MAX_IMAGE_BYTES = 64 * 1024 * 1024

export type FetchEvent =
  | { type: 'attempt'; attempt: number }
  | { type: 'retry'; attempt: number; delayMs: number; error: DownloadError }
  | { type: 'refreshed'; reason: 'expired' | 'refused' }

export interface FetchImageInput {
  taskId: string
  index: number
  url: string
  expiresAt: number | null
  paths: PartPaths
  /** false when no partial file can exist (see TransferInput.mayHavePart) */
  mayHavePart?: boolean
  signal: AbortSignal
  /** fresh URL for this image (one re-query of the task); throws a DownloadError when it cannot */
  freshUrl: (() => Promise<string>) | null
  onEvent?: (e: FetchEvent) => void
  onBytes?: (received: number, total: number | null) => void
  onBodyDone?: () => void
  onChunk?: (chunk: Uint8Array, offset: number) => void
}

export interface FetchImageResult extends TransferResult {
  attempts: number
  refreshed: boolean
  /** the URL that worked (fresh when refreshed) */
  url: string
}

export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number, retryAfterMs?: number): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1))
  const jittered = Math.round(exp * (0.5 + random() * 0.5))
  return retryAfterMs !== undefined ? Math.max(jittered, Math.min(retryAfterMs, policy.maxDelayMs * 4)) : jittered
}

export function sleep(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(cancelledError())
  if (ms <= 0) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clock.clearTimeout(handle)
      reject(cancelledError())
    }
    const handle = clock.setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

export async function fetchImage(env: FetchEnv, input: FetchImageInput): Promise<FetchImageResult> {
  let url = input.url
  let refreshed = false
  const refresh = async (reason: 'expired' | 'refused'): Promise<void> => {
    refreshed = true
    url = await input.freshUrl!()
    input.onEvent?.({ type: 'refreshed', reason })
  }
  if (input.expiresAt !== null && input.expiresAt <= env.clock.now() + env.expiryMarginMs && input.freshUrl) await refresh('expired')

  let attempts = 0
  for (;;) {
    if (input.signal.aborted) throw cancelledError()
    attempts++
    input.onEvent?.({ type: 'attempt', attempt: attempts })
    let error: DownloadError
    try {
      const result = await transferOnce({
        url,
        paths: input.paths,
        owner: { taskId: input.taskId, index: input.index },
        fetcher: env.fetcher,
        io: env.io,
        clock: env.clock,
        signal: input.signal,
        stallTimeoutMs: env.stallTimeoutMs,
        maxBytes: env.maxImageBytes(),
        // after the first try the partial file may exist whatever the caller knew
        ...(attempts === 1 && input.mayHavePart !== undefined ? { mayHavePart: input.mayHavePart } : {}),
        ...(input.onBytes ? { onBytes: input.onBytes } : {}),
        ...(input.onBodyDone ? { onBodyDone: input.onBodyDone } : {}),
        ...(input.onChunk ? { onChunk: input.onChunk } : {})
      })
      return { ...result, attempts, refreshed, url }
    } catch (e) {
      error = isDownloadError(e) ? e : fileSystemError(e, `Reading ${input.paths.part}`)
    }
    if (error.code === 'CANCELLED' || input.signal.aborted) throw cancelledError()
    if (error.code === 'EXPIRED') {
      if (!refreshed && input.freshUrl) {
        attempts-- // a refused link is not a failed try: the re-query is the remedy
        await refresh('refused')
        continue
      }
      throw new DownloadError({
        code: 'EXPIRED',
        httpStatus: 403,
        retryable: false,
        message: input.freshUrl ? `${error.message}; still refused after a re-query of the task` : `${error.message}; no re-query is available here`
      })
    }
    if (!error.retryable || attempts >= env.retry.maxAttempts) {
      if (error.retryable) {
        throw new DownloadError({ code: error.code, retryable: false, message: `${error.message} (gave up after ${attempts} tries)`, cause: error })
      }
      throw error
    }
    const delayMs = error.code === 'RESUME_MISMATCH' ? 0 : backoffDelay(env.retry, attempts, env.random, error.retryAfterMs)
    input.onEvent?.({ type: 'retry', attempt: attempts, delayMs, error })
    await sleep(env.clock, delayMs, input.signal)
  }
}
