// The disk holding the history fills up while tasks are tracked: tracking pauses (mode diskFull, naming the
// folder and its free space) instead of losing answers, the answers that arrived are kept in memory and written
// once space is back, and tracking resumes by itself.
//
// The first test fills a REAL small tmpfs (we run as root in a container that may mount; skipped where mount is
// refused). The second SIMULATES ENOSPC at the store's write layer (recordQuery throws what the store throws on a
// full disk), so the scheduler's part is covered even where nothing can be mounted.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { AidgeClient } from '../../src/main/aidge/client'
import { openHistoryStore } from '../../src/main/history'
import { diskFullError } from '../../src/main/history/storage'
import { PollScheduler } from '../../src/main/tracking'
import type { TrackingStore } from '../../src/main/tracking/scheduler'
import { startSimulator } from '../sim'
import { canMountTmpfs, fillDisk } from '../tmpfs'
import { FAST, sleep, startEnv, taskId, tempDir, waitFor } from './harness'

const canMount = canMountTmpfs

const POLL = { ...FAST, maxIntervalMs: 40, maxRetryDelayMs: 40, diskRetryMs: 100 }

describe('a full disk while tracking', () => {
  it.skipIf(!canMount)('a real 4 MiB tmpfs: pauses naming the folder and free space, loses no answer, resumes when space is back', async () => {
    const mnt = tempDir()
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mnt]).status).toBe(0)
    try {
      const dataDir = path.join(mnt, 'data')
      const env = await startEnv({ dataDir, poll: POLL })
      const ids = Array.from({ length: 6 }, (_, i) => taskId(i, 0xd15c))
      for (const id of ids) env.sim.addTask({ id, lifecycle: [{ status: 'running' }, { status: 'finished', afterQueries: 12 }], images: 3 })
      env.services.addTasks(ids)
      const history = env.services.history
      await waitFor(env.scheduler, () => ids.every((id) => (history.getTask(id)?.queryCount ?? 0) >= 2), 'a few answers recorded')

      const filler = fillDisk(mnt)
      await waitFor(env.scheduler, () => env.scheduler.status().mode === 'diskFull', 'tracking to pause on the full disk')
      const status = env.scheduler.status()
      expect(status.storage?.folder).toBe(dataDir)
      expect(status.storage?.freeBytes).toBeLessThan(64 * 1024)
      // paused: the calls already in flight end, and no new one starts
      await sleep(150)
      const calls = env.sim.stats().callsByTask
      const callsAtPause = ids.reduce((a, id) => a + (calls[id] ?? 0), 0)
      await sleep(500)
      const later = env.sim.stats().callsByTask
      expect(ids.reduce((a, id) => a + (later[id] ?? 0), 0)).toBe(callsAtPause)
      expect(env.states.some((s) => s.mode === 'diskFull')).toBe(true)

      fs.rmSync(filler)
      await waitFor(env.scheduler, () => ids.every((id) => history.getTask(id)?.status === 'finished'), 'every task to finish after space came back', 20_000)
      await waitFor(env.scheduler, () => env.scheduler.status().mode === 'idle', 'tracking to go idle')
      // no answer lost: every answer the simulator gave was recorded (none dropped and asked for again)
      const final = env.sim.stats().callsByTask
      for (const id of ids) expect(history.getTask(id)!.queryCount, id).toBe(final[id])
      expect(history.checkIntegrity()).toBe('ok')
      await env.services.close()
    } finally {
      spawnSync('umount', ['-l', mnt], { stdio: 'ignore' })
    }
  })

  it.skipIf(!canMount)('a backup on a full disk fails with the folder and the free space, and leaves no temp file (real tmpfs)', async () => {
    const mnt = tempDir()
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mnt]).status).toBe(0)
    try {
      const store = openHistoryStore({ dataDir: mnt })
      store.addTasks(Array.from({ length: 500 }, (_, i) => `t-${i}`))
      const filler = fillDisk(mnt)
      expect(() => store.backupNow('daily')).toThrow(new RegExp(`the disk is full in ${mnt}/backups \\(\\d+(\\.\\d)? (B|KB) free\\)`))
      expect(fs.readdirSync(path.join(mnt, 'backups'))).toEqual([])
      fs.rmSync(filler)
      expect(fs.existsSync(store.backupNow('daily'))).toBe(true)
      store.close()
    } finally {
      spawnSync('umount', ['-l', mnt], { stdio: 'ignore' })
    }
  })

  it('SIMULATED ENOSPC at the store write layer: the answer is kept, tracking pauses, then resumes and writes it', async () => {
    const sim = await startSimulator({})
    const dir = tempDir()
    const store = openHistoryStore({ dataDir: dir })
    let full = true
    const calls: string[] = []
    // the store's own full-disk error, thrown where SQLite would report SQLITE_FULL
    const enospc = () => diskFullError(dir, 'Saving the history', Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }))
    const tracking: TrackingStore = {
      recordQuery: (id, input, at) => {
        if (full) throw enospc()
        return store.recordQuery(id, input, at)
      },
      recordError: (id, e, o, at) => store.recordError(id, e, o, at),
      markStale: (id, at) => store.markStale(id, at),
      activeTasks: () => store.activeTasks()
    }
    const client = new AidgeClient({ credentials: async () => ({ accessKeyName: sim.accessKeyName, secret: sim.secret }), region: 'global', endpoint: sim.url, trial: false })
    const scheduler = new PollScheduler((id, signal) => (calls.push(id), client.queryTask(id, { signal })), tracking, { options: POLL })
    try {
      sim.addTask({ id: 'full-1', lifecycle: [{ status: 'finished' }] })
      store.addTasks(['full-1'])
      const answered = scheduler.requery('full-1')
      await waitFor(scheduler, () => scheduler.status().mode === 'diskFull', 'the pause')
      expect(scheduler.status().storage).toEqual({ folder: dir, freeBytes: expect.any(Number) })
      await sleep(300)
      expect(calls).toEqual(['full-1']) // kept, not asked for again
      full = false
      const record = await answered
      expect(record?.status).toBe('finished')
      expect(store.getTask('full-1')).toMatchObject({ status: 'finished', queryCount: 1 })
      expect(calls).toEqual(['full-1'])
      await waitFor(scheduler, () => scheduler.status().mode === 'idle', 'idle again')
    } finally {
      await scheduler.stop()
      await client.close()
      store.close()
      await sim.close()
    }
  })
})
