// Every fixed statement of the store, prepared once at open. Filter-dependent list queries are prepared on first
// use and cached by their SQL text (see HistoryStore.cachedStatement).
import type { DatabaseSyncInstance, StatementSyncInstance } from '@photostructure/sqlite'
import { IMAGE_COLUMNS, TASK_COLUMNS } from './rows'

const TERMINAL = "('finished', 'failed')"

export function prepareStatements(db: DatabaseSyncInstance) {
  const p = (sql: string): StatementSyncInstance => db.prepare(sql)
  return {
    insertTask: p(`INSERT INTO tasks (task_id, added_at, last_change_at, tracking_changed_at)
                   VALUES (?, ?, ?, ?) ON CONFLICT (task_id) DO NOTHING`),
    taskById: p(`SELECT ${TASK_COLUMNS} FROM tasks WHERE task_id = ?`),
    taskByRowid: p(`SELECT ${TASK_COLUMNS} FROM tasks WHERE id = ?`),
    rowidOf: p('SELECT id, status FROM tasks WHERE task_id = ?'),

    // SET expressions see the row as it was, so `status IS $status` compares with the previous status.
    applyQuery: p(`UPDATE tasks SET
        status = $status,
        message = $message,
        last_queried_at = $at,
        finished_at = CASE WHEN finished_at IS NULL AND $terminal THEN $at ELSE finished_at END,
        last_change_at = CASE WHEN status IS $status THEN last_change_at ELSE $at END,
        tracking_changed_at = CASE WHEN tracking = $tracking THEN tracking_changed_at ELSE $at END,
        tracking = $tracking,
        last_request_id = $requestId,
        last_error = NULL,
        last_error_at = NULL,
        query_count = query_count + 1
      WHERE id = $id`),
    upsertResponse: p(`INSERT INTO task_responses (task_rowid, raw, recorded_at) VALUES (?, ?, ?)
                       ON CONFLICT (task_rowid) DO UPDATE SET raw = excluded.raw, recorded_at = excluded.recorded_at`),
    deleteResponse: p('DELETE FROM task_responses WHERE task_rowid = ?'),
    responseOf: p('SELECT r.raw FROM task_responses r JOIN tasks t ON t.id = r.task_rowid WHERE t.task_id = ?'),

    // A new answer replaces what the vendor owns (url, size, expiry) and keeps what the downloader owns.
    upsertImage: p(`INSERT INTO images (task_rowid, idx, url, width, height, expires_at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (task_rowid, idx) DO UPDATE SET
        url = excluded.url, width = excluded.width, height = excluded.height, expires_at = excluded.expires_at
      WHERE url IS NOT excluded.url OR width IS NOT excluded.width OR height IS NOT excluded.height
         OR expires_at IS NOT excluded.expires_at`),
    // Images a new answer no longer lists go, unless they were downloaded: the file on disk stays listed.
    deleteImagesFrom: p("DELETE FROM images WHERE task_rowid = ? AND idx >= ? AND download_state <> 'done'"),
    imagesOf: p(`SELECT ${IMAGE_COLUMNS} FROM images WHERE task_rowid = ? ORDER BY idx`),
    imageOf: p(`SELECT ${IMAGE_COLUMNS} FROM images WHERE task_rowid = ? AND idx = ?`),
    updateImageDownload: p(`UPDATE images SET download_state = ?, local_path = ?, bytes = ?, sha256 = ?,
                              download_error = ?, downloaded_at = ? WHERE task_rowid = ? AND idx = ?`),
    resetPendingDownloads: p("UPDATE images SET download_state = 'none' WHERE download_state = 'pending'"),

    applyError: p(`UPDATE tasks SET
        last_error = $error,
        last_error_at = $at,
        last_request_id = coalesce($requestId, last_request_id),
        tracking = CASE WHEN NOT $end THEN tracking
                        WHEN status IN ${TERMINAL} THEN 'done' ELSE 'error' END,
        tracking_changed_at = CASE
          WHEN $end AND tracking <> (CASE WHEN status IN ${TERMINAL} THEN 'done' ELSE 'error' END) THEN $at
          ELSE tracking_changed_at END
      WHERE id = $id`),
    setTracking: p(`UPDATE tasks SET tracking = $tracking, tracking_changed_at = $at
                    WHERE id = $id AND tracking <> $tracking`),

    deleteTask: p('DELETE FROM tasks WHERE task_id = ?'),
    deleteFinishedBefore: p(`DELETE FROM tasks WHERE finished_at < ? AND status IN ${TERMINAL}`),

    countFtsMatches: p('SELECT count(*) AS n FROM tasks_fts WHERE tasks_fts MATCH ?'),
    // O(log n), and never below the row count (ids are distinct positive integers): good enough to pick a plan
    maxRowid: p('SELECT max(id) AS n FROM tasks'),
    countsByStatus: p('SELECT display_status AS status, count(*) AS n FROM tasks GROUP BY display_status'),
    activeTasks: p(`SELECT ${TASK_COLUMNS} FROM tasks
                    WHERE tracking = 'active' AND (status IS NULL OR status NOT IN ${TERMINAL})
                    ORDER BY added_at, id`),
    nonTerminalTaskIds: p(`SELECT task_id FROM tasks WHERE status IS NULL OR status NOT IN ${TERMINAL}
                           ORDER BY added_at, id`),

    // added_at is the submission for a task the app submitted (it is added on the answer), else when first seen
    finishedDurations: p(`SELECT finished_at - added_at AS d FROM tasks
                          WHERE status = 'finished' AND finished_at IS NOT NULL ORDER BY finished_at DESC LIMIT ?`),
    getSetting: p('SELECT value FROM settings WHERE key = ?'),
    setSetting: p(`INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
                   ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`),
    deleteSetting: p('DELETE FROM settings WHERE key = ?'),

    integrityCheck: p('PRAGMA integrity_check')
  }
}

export type Statements = ReturnType<typeof prepareStatements>
