// Refresh adapters: how the downloader and the image cache get fresh result links for a task whose links expired.
import type { HistoryStore, QueryRecordInput } from '../history'
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
