// A process killed mid-write must leave a sound file holding whole batches only: SIGKILL a writer several times
// (each time at a random point after it has committed something), reopen, and check.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { DatabaseSync } from '@photostructure/sqlite'
import { describe, expect, it } from 'vitest'
import { openHistoryStore } from '../../src/main/history'
import { tempDir } from './helpers'

const here = path.dirname(fileURLToPath(import.meta.url))
const repoRoot = path.resolve(here, '../..')
const BATCH = 50
const IMAGES_PER_TASK = 2

/** Starts the writer, waits until it has committed `commits` batches, kills it a few ms later. */
function runAndKill(dataDir: string, run: number, commits: number, extraDelayMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'crashWorker.ts'), dataDir, String(run), String(BATCH)], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let reported = 0
    let buffered = ''
    let stderr = ''
    let killing = false
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`worker made no progress in time; stderr: ${stderr}`))
    }, 15_000)
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString()
      const lines = buffered.split('\n')
      buffered = lines.pop() ?? ''
      reported += lines.filter((l) => l.startsWith('committed')).length
      if (!killing && reported >= commits) {
        killing = true
        setTimeout(() => child.kill('SIGKILL'), extraDelayMs)
      }
    })
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      if (signal === 'SIGKILL') resolve(reported)
      else reject(new Error(`worker exited by itself (code ${code}); stderr: ${stderr}`))
    })
  })
}

describe('crash safety', () => {
  it('after SIGKILL mid-batch the file is sound and holds only whole batches', { timeout: 60_000 }, async () => {
    const dataDir = tempDir()
    let reportedTotal = 0
    for (let run = 0; run < 4; run++) {
      const reported = await runAndKill(dataDir, run, 1 + run, Math.floor(Math.random() * 25))
      reportedTotal += reported

      const store = openHistoryStore({ dataDir })
      try {
        expect(store.checkIntegrity()).toBe('ok')
        const { total, byStatus } = store.countsByStatus()
        expect(total % BATCH).toBe(0)
        expect(byStatus).toEqual(total === 0 ? {} : { finished: total })
        // every batch the worker said it committed is there (synchronous=FULL; a kill is not a power cut anyway)
        expect(total).toBeGreaterThanOrEqual(reportedTotal * BATCH)
        // each batch is whole: its tasks, their images and the search index alike
        expect(store.imagesToDownload({ limit: 1_000_000 })).toHaveLength(total * IMAGES_PER_TASK)
        expect(store.listTasks({ limit: 1, search: `of run ${run}` }).total % BATCH).toBe(0)
        reportedTotal = total / BATCH
      } finally {
        store.close()
      }
      const db = new DatabaseSync(path.join(dataDir, 'history.sqlite'))
      try {
        // throws if the external-content index and the table disagree
        db.exec("INSERT INTO tasks_fts (tasks_fts, rank) VALUES ('integrity-check', 1)")
      } finally {
        db.close()
      }
    }
    expect(reportedTotal).toBeGreaterThan(0)
  })
})
