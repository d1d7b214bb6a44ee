// The built CLI on a damaged history file: it tells in plain words what happened, what was restored and from
// when, and where the damaged file went, then goes on with the command (exit 0, the restored tasks listed).
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openHistoryStore } from '../../src/main/history'
import { bytesOf, damage } from '../history/damage'
import { cliEnv, cliSuite, expectExit, parseJson, runCli } from './cliHarness'

const suite = cliSuite({ accessKeyName: 'cli-damaged-key' })
const BACKUP_AT = Date.UTC(2026, 10, 30, 18, 45)

/** A history with two finished tasks and a backup of them, then one more task the backup does not have. */
function seed(dataDir: string): string {
  const store = openHistoryStore({ dataDir, now: () => BACKUP_AT })
  store.recordQuery('kept-1', { status: 'finished', images: [{ url: 'https://img.example.test/1.png' }] })
  store.recordQuery('kept-2', { status: 'finished', images: [] })
  store.backupNow('daily')
  store.addTasks(['after-backup'])
  const file = store.file
  store.close()
  return file
}

const listed = (stdout: string): string[] =>
  parseJson<{ tasks: Array<{ taskId: string }> }>({ code: 0, signal: null, stdout, stderr: '', ms: 0 })
    .tasks.map((t) => t.taskId)
    .sort()

describe('aidge-tasks on a damaged history', () => {
  it.each(['header', 'truncated'] as const)('%s: restores the newest backup, says so with full paths, and runs the command', async (kind) => {
    const file = seed(suite.sb.dataDir)
    damage(file, kind)
    const damagedBytes = bytesOf(file)
    const r = await runCli(['history', '--json'], { env: cliEnv(suite.sim, suite.sb) })
    expectExit(r, 0)
    expect(listed(r.stdout)).toEqual(['kept-1', 'kept-2'])
    const damaged = fs.readdirSync(suite.sb.dataDir).find((f) => /^history-damaged-.*\.sqlite$/.test(f))
    expect(damaged).toBeDefined()
    const damagedPath = path.join(suite.sb.dataDir, damaged!)
    expect(bytesOf(damagedPath).equals(damagedBytes)).toBe(true)
    expect(r.stderr).toContain(`The history file was damaged (${kind === 'header' ? 'file is not a database)' : 'it is cut short ('}`)
    expect(r.stderr).toContain(`It was moved to ${damagedPath} and kept.`)
    expect(r.stderr).toContain('The history was restored from the backup of 2026-11-30 18:45 UTC')
    expect(r.stderr).toContain(path.join(suite.sb.dataDir, 'backups', 'history-2026-11-30T18-45-00-000Z-daily.sqlite'))
    expect(r.stderr).toContain('tasks added or changed after that are not in it')

    // the next run finds a sound file: no notice again
    const again = await runCli(['history', '--json'], { env: cliEnv(suite.sim, suite.sb) })
    expectExit(again, 0)
    expect(again.stderr).toBe('')
    expect(listed(again.stdout)).toEqual(['kept-1', 'kept-2'])
    // and the doctor points at the file that was set aside
    const doctor = await runCli(['doctor', '--json'], { env: cliEnv(suite.sim, suite.sb) })
    const history = (JSON.parse(doctor.stdout) as { checks: Array<{ id: string; status: string; message: string }> }).checks.find((c) => c.id === 'history')
    expect(history).toMatchObject({ status: 'ok', message: expect.stringContaining(`1 damaged file was set aside earlier and kept (delete when no longer needed): ${damagedPath}`) })
  })

  it('a garbage WAL: set aside and kept, the history intact', async () => {
    const file = seed(suite.sb.dataDir)
    damage(file, 'garbageWal')
    const r = await runCli(['history', '--json'], { env: cliEnv(suite.sim, suite.sb) })
    expectExit(r, 0)
    expect(listed(r.stdout)).toEqual(['after-backup', 'kept-1', 'kept-2'])
    const wal = fs.readdirSync(suite.sb.dataDir).find((f) => /^history-damaged-.*\.sqlite-wal$/.test(f))
    expect(r.stderr).toContain(`The history's write-ahead log was unreadable; it was moved to ${path.join(suite.sb.dataDir, wal!)} and kept.`)
  })

  it('no backup: a new, empty history starts, the damaged file is kept, and querying works on it', async () => {
    const store = openHistoryStore({ dataDir: suite.sb.dataDir })
    store.addTasks(['gone-1'])
    store.close()
    damage(store.file, 'header')
    suite.sim.addTask({ id: 'new-after-damage', lifecycle: [{ status: 'finished' }] })
    const r = await runCli(['query', 'new-after-damage', '--json'], { env: cliEnv(suite.sim, suite.sb) })
    expectExit(r, 0)
    expect(r.stderr).toMatch(/The history file was damaged \(file is not a database\) and no backup could replace it\. It was moved to \/.*history-damaged-.*\.sqlite and kept; a new, empty history was started\./)
    expect(listed(r.stdout)).toEqual(['new-after-damage'])
  })
})
