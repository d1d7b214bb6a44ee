// Refresh adapters: how the downloader and the image cache get fresh result links for a task whose links expired.
import type { HistoryStore, QueryRecordInput } from '../history'
import { DownloadError } from './errors'
import type { RefreshTask } from './types'

/** Anything that can query a task: AidgeClient fits (its TaskQueryResult is a QueryRecordInput). */
export interface TaskQuerier {
  queryTask(taskId: string, opts?: { signal?: AbortSignal }): Promise<QueryRecordInput>
}

/** Re-queries with the client and records the answer, so history keeps the fresh URLs. */
export function refreshWithClient(client: TaskQuerier | (() => TaskQuerier), history: HistoryStore): RefreshTask {
  return async (taskId, signal) => {
    const c = typeof client === 'function' ? client() : client
    const result = await c.queryTask(taskId, { signal })
    history.recordQuery(taskId, result)
    return result.images
  }
}

/**
 * Re-queries through the poll scheduler (shares its rate limit and backoff): `requery` is scheduler.requery,
 * which records the answer; the fresh URLs are then read back from history. A query that ended in an error
 * (the record's lastError) fails the refresh with that error's message.
 */
export function refreshWithRequery(
  requery: (taskId: string) => Promise<{ lastError: { message: string } | null } | null>,
  history: HistoryStore
): RefreshTask {
  return async (taskId) => {
    const record = await requery(taskId)
    if (record === null) return null
    if (record.lastError) throw new Error(record.lastError.message)
    return history.getTask(taskId)?.images ?? null
  }
}

/**
 * A batch's fresh links: one re-query per task however many of its images expired, shared by them all. The
 * re-query is cancelled with the batch.
 */
export function freshUrlsOnce(refresh: RefreshTask, signal: AbortSignal): (taskId: string, index: number) => Promise<string> {
  const refreshes = new Map<string, Promise<ReadonlyArray<{ url: string }>>>()
  return (taskId, index) => {
    let p = refreshes.get(taskId)
    if (!p) {
      p = (async () => {
        let images: ReadonlyArray<{ url: string }> | null
        try {
          images = await refresh(taskId, signal)
        } catch (e) {
          if (signal.aborted) throw new DownloadError({ code: 'CANCELLED', retryable: false, message: 'cancelled' })
          const msg = e instanceof Error ? e.message : String(e)
          throw new DownloadError({ code: 'REFRESH_FAILED', retryable: false, message: `the link expired and re-querying task ${taskId} failed: ${msg}`, cause: e })
        }
        if (!images) throw new DownloadError({ code: 'REFRESH_FAILED', retryable: false, message: `the link expired and task ${taskId} could not be re-queried` })
        return images
      })()
      refreshes.set(taskId, p)
    }
    return p.then((images) => {
      const url = images[index]?.url
      if (!url) throw new DownloadError({ code: 'NO_URL', retryable: false, message: `a re-query of task ${taskId} returned no URL for image ${index}` })
      return url
    })
  }
}
