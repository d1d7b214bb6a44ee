// Numbered schema migrations, applied in order at open, recorded in PRAGMA user_version.
// A migration, once shipped, is frozen: change the schema by appending a new one, never by editing an old one.
import type { DatabaseSyncInstance } from '@photostructure/sqlite'
import { HistoryStoreError } from './errors'

export interface Migration {
  version: number
  name: string
  up(db: DatabaseSyncInstance): void
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'tasks, images, responses, settings, trigram search',
    up(db) {
      db.exec(`
        CREATE TABLE tasks (
          id                  INTEGER PRIMARY KEY,
          task_id             TEXT NOT NULL UNIQUE CHECK (length(task_id) > 0),
          status              TEXT,
          message             TEXT,
          tracking            TEXT NOT NULL DEFAULT 'active'
                              CHECK (tracking IN ('active', 'done', 'stale', 'error')),
          added_at            INTEGER NOT NULL,
          last_queried_at     INTEGER,
          finished_at         INTEGER,
          last_change_at      INTEGER NOT NULL,
          tracking_changed_at INTEGER NOT NULL,
          last_request_id     TEXT,
          last_error          TEXT,
          last_error_at       INTEGER,
          query_count         INTEGER NOT NULL DEFAULT 0,
          -- kept by the images triggers below, so lists show a download summary without a join
          image_count         INTEGER NOT NULL DEFAULT 0,
          images_downloaded   INTEGER NOT NULL DEFAULT 0,
          -- what the UI shows; stored (and indexed) so filters and counts never recompute it
          display_status      TEXT NOT NULL GENERATED ALWAYS AS (
                                CASE
                                  WHEN status IN ('finished', 'failed') THEN status
                                  WHEN tracking IN ('error', 'stale') THEN tracking
                                  ELSE coalesce(status, 'queued')
                                END) STORED
        );
        CREATE INDEX tasks_by_added ON tasks (added_at);
        CREATE INDEX tasks_by_display_added ON tasks (display_status, added_at);
        CREATE INDEX tasks_by_finished ON tasks (finished_at);
        CREATE INDEX tasks_active ON tasks (added_at) WHERE tracking = 'active';

        -- The raw response can be kilobytes; kept apart so list scans read small rows.
        CREATE TABLE task_responses (
          task_rowid  INTEGER PRIMARY KEY REFERENCES tasks (id) ON DELETE CASCADE,
          raw         TEXT NOT NULL,
          recorded_at INTEGER NOT NULL
        );

        CREATE TABLE images (
          task_rowid     INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
          idx            INTEGER NOT NULL CHECK (idx >= 0),
          url            TEXT NOT NULL,
          width          INTEGER,
          height         INTEGER,
          expires_at     INTEGER,
          download_state TEXT NOT NULL DEFAULT 'none'
                         CHECK (download_state IN ('none', 'pending', 'done', 'failed')),
          local_path     TEXT,
          bytes          INTEGER,
          sha256         TEXT,
          download_error TEXT,
          downloaded_at  INTEGER,
          PRIMARY KEY (task_rowid, idx)
        ) WITHOUT ROWID;
        CREATE INDEX images_by_download_state ON images (download_state);

        CREATE TRIGGER images_count_insert AFTER INSERT ON images BEGIN
          UPDATE tasks SET image_count = image_count + 1,
                           images_downloaded = images_downloaded + (new.download_state = 'done')
          WHERE id = new.task_rowid;
        END;
        CREATE TRIGGER images_count_delete AFTER DELETE ON images BEGIN
          UPDATE tasks SET image_count = image_count - 1,
                           images_downloaded = images_downloaded - (old.download_state = 'done')
          WHERE id = old.task_rowid;
        END;
        CREATE TRIGGER images_count_update AFTER UPDATE OF download_state ON images
        WHEN (old.download_state = 'done') <> (new.download_state = 'done') BEGIN
          UPDATE tasks SET images_downloaded = images_downloaded + (new.download_state = 'done')
                                                                 - (old.download_state = 'done')
          WHERE id = new.task_rowid;
        END;

        -- Substring search over id and message: an external-content FTS5 index of trigrams, kept in sync here.
        CREATE VIRTUAL TABLE tasks_fts USING fts5 (
          task_id, message, content = 'tasks', content_rowid = 'id', tokenize = 'trigram case_sensitive 0'
        );
        CREATE TRIGGER tasks_fts_insert AFTER INSERT ON tasks BEGIN
          INSERT INTO tasks_fts (rowid, task_id, message) VALUES (new.id, new.task_id, new.message);
        END;
        CREATE TRIGGER tasks_fts_delete AFTER DELETE ON tasks BEGIN
          INSERT INTO tasks_fts (tasks_fts, rowid, task_id, message)
          VALUES ('delete', old.id, old.task_id, old.message);
        END;
        CREATE TRIGGER tasks_fts_update AFTER UPDATE OF task_id, message ON tasks
        WHEN old.task_id IS NOT new.task_id OR old.message IS NOT new.message BEGIN
          INSERT INTO tasks_fts (tasks_fts, rowid, task_id, message)
          VALUES ('delete', old.id, old.task_id, old.message);
          INSERT INTO tasks_fts (rowid, task_id, message) VALUES (new.id, new.task_id, new.message);
        END;

        CREATE TABLE settings (
          key        TEXT PRIMARY KEY,
          value      TEXT NOT NULL,
          updated_at INTEGER NOT NULL
        ) WITHOUT ROWID;
      `)
    }
  },
  {
    version: 2,
    name: 'submission journal',
    up(db) {
      // Paid calls are written here before they are made (src/main/submit/journal.ts); rows are never deleted.
      db.exec(`
        CREATE TABLE submit_batches (
          id         TEXT PRIMARY KEY,
          created_at INTEGER NOT NULL,
          -- 'host:pid:token' of the process running the batch; NULL once it let go (a quit), so the next run resumes it
          owner      TEXT
        ) WITHOUT ROWID;

        CREATE TABLE submissions (
          id            INTEGER PRIMARY KEY,
          batch_id      TEXT NOT NULL REFERENCES submit_batches (id),
          input         TEXT NOT NULL CHECK (length(input) > 0),
          input_kind    TEXT NOT NULL CHECK (input_kind IN ('file', 'url')),
          sha256        TEXT,
          params        TEXT NOT NULL,
          fit           INTEGER NOT NULL DEFAULT 0,
          again         INTEGER NOT NULL DEFAULT 0,
          state         TEXT NOT NULL DEFAULT 'pending'
                        CHECK (state IN ('pending', 'submitted', 'rejected', 'unknown', 'skipped')),
          -- set in the commit that precedes the call; cleared only by an answer that proves nothing was created
          sending_since INTEGER,
          attempts      INTEGER NOT NULL DEFAULT 0,
          task_id       TEXT,
          request_id    TEXT,
          error         TEXT,
          skip_reason   TEXT,
          fitted        INTEGER NOT NULL DEFAULT 0,
          thumbnail     BLOB,
          created_at    INTEGER NOT NULL,
          updated_at    INTEGER NOT NULL
        );
        -- The idempotency check: the same bytes with the same parameters, already sent or on their way.
        CREATE INDEX submissions_by_key ON submissions (sha256, params)
          WHERE state IN ('submitted', 'unknown') OR sending_since IS NOT NULL;
        CREATE INDEX submissions_by_task ON submissions (task_id) WHERE task_id IS NOT NULL;
        CREATE INDEX submissions_by_batch ON submissions (batch_id, id);
        CREATE INDEX submissions_open ON submissions (batch_id) WHERE state = 'pending';
      `)
    }
  },
  {
    version: 3,
    name: 'pending download batches',
    up(db) {
      // Download batches not yet ended (src/main/downloads/pendingBatches.ts), one row each, so a quit or crash
      // resumes them. They were one JSON object under the settings key 'downloads.pending'; moved here.
      db.exec(`
        CREATE TABLE pending_downloads (
          batch_id   TEXT PRIMARY KEY,
          request    TEXT NOT NULL,
          started_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO pending_downloads (batch_id, request, started_at)
          SELECT j.key, j.value, s.updated_at FROM settings s, json_each(s.value) j
          WHERE s.key = 'downloads.pending' AND json_valid(s.value) AND json_type(s.value) = 'object' AND j.type = 'object';
        DELETE FROM settings WHERE key = 'downloads.pending';
      `)
    }
  }
]

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length === 0 ? 0 : MIGRATIONS[MIGRATIONS.length - 1]!.version

export function readSchemaVersion(db: DatabaseSyncInstance): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number }
  return Number(row.user_version)
}

/** Throws SCHEMA_TOO_NEW when the file was written by a newer app; makes no change to it. */
export function assertSchemaNotNewer(version: number, file: string, known: number): void {
  if (version > known) {
    throw new HistoryStoreError(
      'SCHEMA_TOO_NEW',
      `The history file ${file} has schema version ${version}, but this version of the app knows versions up to ` +
        `${known}. It was written by a newer Aidge Task Desk; update the app, or choose another data folder. ` +
        'The file was not changed.'
    )
  }
}

/**
 * Applies every pending migration in one IMMEDIATE transaction: either the file reaches the latest version or
 * it stays exactly as it was. The version is read again under the write lock, so two processes opening the same
 * new file cannot both migrate it. Returns the versions applied.
 */
export function applyMigrations(
  db: DatabaseSyncInstance,
  file: string,
  migrations: readonly Migration[] = MIGRATIONS
): number[] {
  checkMigrationList(migrations)
  const latest = migrations.length === 0 ? 0 : migrations[migrations.length - 1]!.version
  if (readSchemaVersion(db) === latest) return []

  const applied: number[] = []
  db.exec('BEGIN IMMEDIATE')
  try {
    const current = readSchemaVersion(db)
    assertSchemaNotNewer(current, file, latest)
    for (const migration of migrations) {
      if (migration.version <= current) continue
      try {
        migration.up(db)
      } catch (cause) {
        throw new HistoryStoreError(
          'MIGRATION_FAILED',
          `Upgrading the history file ${file} failed at migration ${migration.version} (${migration.name}): ` +
            `${cause instanceof Error ? cause.message : String(cause)}. The file was left at version ${current}.`,
          { cause }
        )
      }
      applied.push(migration.version)
    }
    // PRAGMA takes no bound parameters; the version is an integer we own.
    db.exec(`PRAGMA user_version = ${latest}`)
    db.exec('COMMIT')
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK')
    throw error
  }
  return applied
}

function checkMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`Migration list is out of order: entry ${i} (${m.name}) has version ${m.version}, expected ${i + 1}`)
    }
  })
}
