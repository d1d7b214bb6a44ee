// History store benchmark: a 100,000-task history, the reads the UI makes, side by side with a naive peer.
// Run: npx tsx bench/history.ts [tasks]
//
// The peer is the same file with the store's secondary indexes and FTS index dropped, queried with the same SQL
// except that search is a plain `LIKE '%q%'` scan. It isolates what the indexes and the trigram index buy.
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { DatabaseSync, type DatabaseSyncInstance } from '@photostructure/sqlite'
import type { TaskImage } from '../src/shared/aidge'
import { openHistory, openHistoryStore, type HistoryStore } from '../src/main/history/index'
import { TASK_COLUMNS, taskFromRow, type TaskRow } from '../src/main/history/rows'
import { escapeLike } from '../src/main/history/taskQuery'
import { FAILED_MESSAGES, rng, uuid } from './seed'

export const PEER_NAME = 'naive SQLite (same rows, no secondary indexes, no FTS, LIKE scan)'

export interface BenchRow {
  operation: string
  storeMs: number
  peerMs: number
}

export interface HistoryBenchResult {
  tasks: number
  peer: string
  buildMs: { store: number; peer: number }
  fileMb: { store: number; peer: number }
  rows: BenchRow[]
}

const DAY = 86_400_000

function imagesFor(random: () => number, id: string, at: number): TaskImage[] {
  const count = 2 + Math.floor(random() * 3)
  const expires = Math.floor(at / 1000) + 30 * 86_400
  return Array.from({ length: count }, (_, i) => ({
    url:
      `https://ai-business-algo-pai.oss-ap-southeast-1.aliyuncs.com/pengxin.zpx%2Fsd%2F${id.replaceAll('-', '')}_${i}.png` +
      `?OSSAccessKeyId=LTAI5tAGoBnm5eYsnZ5E1zMr&Expires=${expires + i}&Signature=${crypto.randomBytes(20).toString('base64url')}%3D`,
    width: 768,
    height: 1024
  }))
}

/** Builds the history through the store's own API, in transactions of 2,000 tasks. Returns a sample id. */
function buildHistory(store: HistoryStore, taskCount: number): string {
  const random = rng(42)
  const start = Date.UTC(2026, 0, 1)
  const span = 90 * DAY
  let sample = ''
  for (let from = 0; from < taskCount; from += 2000) {
    store.batch(() => {
      for (let i = from; i < Math.min(taskCount, from + 2000); i++) {
        const id = uuid(random)
        if (i === Math.floor(taskCount / 2)) sample = id
        const at = start + Math.floor((i / taskCount) * span)
        store.addTasks([id], at)
        const roll = random()
        if (roll < 0.04) continue // never queried yet
        const requestId = crypto.randomBytes(15).toString('hex')
        let status = 'finished'
        let message: string | null = null
        let images: TaskImage[] = []
        if (roll < 0.1) [status, message] = ['submitted', null]
        else if (roll < 0.18) [status, message] = ['running', `in queue, position ${Math.floor(random() * 40)}`]
        else if (roll < 0.28) [status, message] = ['failed', FAILED_MESSAGES[Math.floor(random() * FAILED_MESSAGES.length)]!]
        else images = imagesFor(random, id, at)
        const queriedAt = at + 60_000 + Math.floor(random() * 600_000)
        const raw = {
          data: { taskResult: images, taskStatus: status, taskId: id, ...(message ? { taskMessage: message } : {}) },
          requestId,
          success: true,
          resCode: 200,
          resMessage: 'success',
          code: '0',
          request_id: requestId,
          _trace_id_: requestId
        }
        store.recordQuery(id, { status, message, images, requestId, raw }, queriedAt)
        if (status === 'running' && roll < 0.12) store.markStale(id, queriedAt + DAY)
        if (status === 'submitted' && roll < 0.06) {
          const error = { kind: 'business' as const, code: '700', message: 'invalid input', retryable: false, requestId }
          store.recordError(id, error, { endTracking: true }, queriedAt + 1000)
        }
        if (images.length > 0 && random() < 0.5) {
          images.forEach((_, index) =>
            store.setImageDownload(id, index, { state: 'done', localPath: `/dl/${id}_${index}.png`, bytes: 800_000 }, queriedAt + 5000)
          )
        }
      }
    })
  }
  return sample
}

/** The peer: a copy of the file without the store's secondary indexes, FTS table and its triggers. */
function buildPeer(storeFile: string, peerFile: string): void {
  fs.copyFileSync(storeFile, peerFile)
  const db = new DatabaseSync(peerFile)
  db.exec(`
    DROP TRIGGER tasks_fts_insert; DROP TRIGGER tasks_fts_delete; DROP TRIGGER tasks_fts_update;
    DROP TABLE tasks_fts;
    DROP INDEX tasks_by_added; DROP INDEX tasks_by_display_added; DROP INDEX tasks_by_finished; DROP INDEX tasks_active;
    VACUUM;
  `)
  db.close()
}

interface Peer {
  db: DatabaseSyncInstance
  page(where: string, params: string[]): number
}

function openPeer(file: string): Peer {
  const db = new DatabaseSync(file)
  db.exec('PRAGMA journal_mode = WAL')
  return {
    db,
    page(where, params) {
      const rows = db.prepare(`SELECT ${TASK_COLUMNS} FROM tasks${where} ORDER BY added_at DESC, id DESC LIMIT 50`).all(...params)
      const mapped = (rows as TaskRow[]).map(taskFromRow)
      const { n } = db.prepare(`SELECT count(*) AS n FROM tasks${where}`).get(...params) as { n: number }
      return mapped.length + n
    }
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

/** Median wall time of `runs` calls after one warm-up call. */
function time(fn: () => unknown, runs = 7): number {
  fn()
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    fn()
    samples.push(performance.now() - t)
  }
  return median(samples)
}

const fileMb = (file: string): number => Math.round((fs.statSync(file).size / 1_048_576) * 10) / 10

export function runHistoryBench(options: { tasks?: number; log?: (line: string) => void } = {}): HistoryBenchResult {
  const taskCount = options.tasks ?? 100_000
  const log = options.log ?? (() => {})
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aidge-history-bench-'))
  try {
    const storeFile = path.join(dir, 'history.sqlite')
    const peerFile = path.join(dir, 'peer.sqlite')

    let t = performance.now()
    let store = openHistoryStore({ dataDir: dir })
    const sampleId = buildHistory(store, taskCount)
    store.close()
    const buildStore = performance.now() - t
    log(`built ${taskCount} tasks through the store API in ${(buildStore / 1000).toFixed(1)} s`)
    t = performance.now()
    buildPeer(storeFile, peerFile)
    const buildPeerMs = performance.now() - t

    const rows: BenchRow[] = []
    const add = (operation: string, storeMs: number, peerMs: number): void => {
      rows.push({ operation, storeMs, peerMs })
      log(`  ${operation}: ${storeMs.toFixed(2)} ms vs ${peerMs.toFixed(2)} ms`)
    }

    // The app's open reads every page (PRAGMA quick_check) only when the daily backup is due; other starts check
    // the header against the file's size.
    add(
      'open, first start of the day (PRAGMA quick_check)',
      time(() => openHistory({ dataDir: dir }).store.close(), 5),
      time(() => openPeer(peerFile).db.close(), 5)
    )
    const opened = openHistory({ dataDir: dir }).store
    opened.backupNow('daily')
    opened.close()
    add(
      'open, later starts (header check)',
      time(() => openHistory({ dataDir: dir }).store.close(), 5),
      time(() => openPeer(peerFile).db.close(), 5)
    )

    store = openHistoryStore({ dataDir: dir })
    const peer = openPeer(peerFile)
    try {
      const idPart = sampleId.slice(9, 18) // e.g. "3f2a-4b1c": the middle of a UUID
      const like = (q: string): string[] => [`%${escapeLike(q)}%`, `%${escapeLike(q)}%`]
      const searchWhere = " WHERE (task_id LIKE ? ESCAPE '\\' OR message LIKE ? ESCAPE '\\')"

      add('first page, 50 rows, addedDesc (+ total)', time(() => store.listTasks({ limit: 50 })), time(() => peer.page('', [])))
      add(
        'first page filtered by status "running"',
        time(() => store.listTasks({ limit: 50, status: 'running' })),
        time(() => peer.page(' WHERE display_status = ?', ['running']))
      )
      add(
        'page 100 (offset 4950), addedDesc',
        time(() => store.listTasks({ limit: 50, offset: 4950 })),
        time(() => {
          const r = peer.db.prepare(`SELECT ${TASK_COLUMNS} FROM tasks ORDER BY added_at DESC, id DESC LIMIT 50 OFFSET 4950`).all()
          return (r as TaskRow[]).map(taskFromRow)
        })
      )
      add(
        'status counts',
        time(() => store.countsByStatus()),
        time(() => peer.db.prepare('SELECT display_status, count(*) AS n FROM tasks GROUP BY display_status').all())
      )
      add(
        `search id substring "${idPart}"`,
        time(() => store.listTasks({ limit: 50, search: idPart })),
        time(() => peer.page(searchWhere, like(idPart)))
      )
      add(
        'search message word "sensitive"',
        time(() => store.listTasks({ limit: 50, search: 'sensitive' })),
        time(() => peer.page(searchWhere, like('sensitive')))
      )
      add(
        'search broad "queue" (8% of rows)',
        time(() => store.listTasks({ limit: 50, search: 'queue' })),
        time(() => peer.page(searchWhere, like('queue')))
      )
      add(
        'search 2 chars "7f" (both LIKE)',
        time(() => store.listTasks({ limit: 50, search: '7f' })),
        time(() => peer.page(searchWhere, like('7f')))
      )
      add(
        'getTask with images',
        time(() => store.getTask(sampleId), 50),
        time(() => peer.db.prepare(`SELECT ${TASK_COLUMNS} FROM tasks WHERE task_id = ?`).get(sampleId), 50)
      )
      // The peer of a backup is a plain copy of the same file: no consistency (a writer could be mid-commit), no
      // compaction, no flush; what VACUUM INTO plus fsync and rename cost on top of moving the bytes.
      const copyTarget = path.join(dir, 'plain-copy.sqlite')
      add(
        'one backup (VACUUM INTO, fsync, rename) vs plain file copy',
        time(() => store.backupNow('bench'), 3),
        time(() => fs.copyFileSync(storeFile, copyTarget), 3)
      )
    } finally {
      store.close()
      peer.db.close()
    }
    return {
      tasks: taskCount,
      peer: PEER_NAME,
      buildMs: { store: buildStore, peer: buildPeerMs },
      fileMb: { store: fileMb(storeFile), peer: fileMb(peerFile) },
      rows
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

function printTable(result: HistoryBenchResult): void {
  const fmt = (ms: number): string => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1))
  const header = ['operation (median ms)', 'history store', 'naive peer', 'peer / store']
  const lines = result.rows.map((r) => [r.operation, fmt(r.storeMs), fmt(r.peerMs), `${(r.peerMs / r.storeMs).toFixed(1)}x`])
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)))
  const row = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')
  console.log(`\n${result.tasks.toLocaleString('en')} tasks; peer = ${result.peer}`)
  console.log(`files: store ${result.fileMb.store} MB, peer ${result.fileMb.peer} MB (same rows, vacuumed)`)
  console.log(row(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'))
  for (const l of lines) console.log(row(l))
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const tasks = process.argv[2] ? Number(process.argv[2]) : undefined
  const started = performance.now()
  const result = runHistoryBench({ tasks, log: (line) => console.log(line) })
  printTable(result)
  console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(1)} s`)
}
