// Download batches started and not yet ended, kept in their own table (history migration 3) so a quit, a crash or
// a power cut mid-batch loses nothing: the app starts them again at its next start. Rows are re-checked when read:
// one that does not parse (an older or damaged row) is dropped rather than started.
import type { DatabaseSyncInstance } from '@photostructure/sqlite'
import type { DownloadRequest } from '../../shared/ipc'

export interface PendingBatches {
  /** every batch to resume, oldest first */
  list(): Array<{ batchId: string; request: DownloadRequest }>
  add(batchId: string, request: DownloadRequest): void
  remove(batchId: string): void
}

export interface PendingBatchesOptions {
  /** the request as the renderer's is checked (the downloads:start schema), or null when it is not one */
  check: (request: unknown) => DownloadRequest | null
  now?: () => number
}

export function openPendingBatches(db: DatabaseSyncInstance, options: PendingBatchesOptions): PendingBatches {
  const now = options.now ?? Date.now
  const all = db.prepare('SELECT batch_id, request FROM pending_downloads ORDER BY started_at, batch_id')
  const insert = db.prepare('INSERT OR REPLACE INTO pending_downloads (batch_id, request, started_at) VALUES (?, ?, ?)')
  const remove = db.prepare('DELETE FROM pending_downloads WHERE batch_id = ?')
  return {
    list() {
      const rows = all.all() as Array<{ batch_id: string; request: string }>
      return rows.flatMap((r) => {
        let request: DownloadRequest | null = null
        try {
          request = options.check(JSON.parse(r.request))
        } catch {
          // not JSON: dropped below
        }
        if (request) return [{ batchId: r.batch_id, request }]
        remove.run(r.batch_id)
        return []
      })
    },
    add(batchId, request) {
      insert.run(batchId, JSON.stringify(request), now())
    },
    remove(batchId) {
      remove.run(batchId)
    }
  }
}
