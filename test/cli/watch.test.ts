// aidge-tasks watch, end to end: polling until every task has an outcome, exit codes, and Ctrl-C.
// The CLI polls with the app's defaults (with no history, the second query ~5 s after the first; see
// src/main/tracking/estimator.ts), so lifecycles here end after one or two queries to keep each watch short.
import { describe, expect, it } from 'vitest'
import { openHistoryStore } from '../../src/main/history'
import { PRIOR_MIN_MS } from '../../src/main/tracking/estimator'
import { cliEnv, cliSuite, expectExit, lastRequestId, parseJson, runCli, show, startCli, taskId, until, type JsonDoc } from './cliHarness'

// Windows has no signals for a child process: kill('SIGINT') ends it at once, so the clean 130 is POSIX-only.
const NO_SIGINT = process.platform === 'win32'

const suite = cliSuite({ accessKeyName: 'cli-watch-key' })

describe('aidge-tasks watch', () => {
  it('polls until every task has an outcome; one failed and one ended by an error -> exit 1', async () => {
    const ok = taskId('ok')
    const failed = taskId('failed')
    const broken = taskId('broken')
    suite.sim.addTask({ id: ok, lifecycle: [{ status: 'submitted' }, { status: 'finished', afterQueries: 1 }], images: [{ width: 320, height: 480 }] })
    suite.sim.addTask({ id: failed, lifecycle: [{ status: 'running' }, { status: 'failed', afterQueries: 1 }], failMessage: 'the model gave up' })
    suite.sim.addTask({ id: broken, businessError: { resCode: 1002 } })

    const r = await runCli(['watch', '--json', ok, failed, broken], { env: cliEnv(suite.sim, suite.sb) })
    expectExit(r, 1)
    const doc = parseJson<JsonDoc>(r)
    expect(doc.tasks.map((t) => [t.taskId, t.status])).toEqual([
      [ok, 'finished'],
      [failed, 'failed'],
      [broken, 'error']
    ])
    expect(doc.tasks[0]).toStrictEqual({
      taskId: ok,
      status: 'finished',
      message: null,
      requestId: lastRequestId(suite.sim, ok),
      images: [{ url: expect.stringContaining('Signature=') as unknown as string, width: 320, height: 480 }],
      error: null
    })
    expect(doc.tasks[1]).toMatchObject({ message: 'the model gave up', error: null })
    expect(doc.tasks[2]?.error).toMatchObject({ kind: 'business', code: '1002', requestId: lastRequestId(suite.sim, broken) })
    // Each task polled until its outcome and not once more; the non-retryable error ends its task at once.
    expect(suite.sim.stats().callsByTask).toMatchObject({ [ok]: 2, [failed]: 2, [broken]: 1 })
    // Promptly: with no history, the estimator's prior says nothing finishes before PRIOR_MIN_MS (5 s), so the second
    // query comes soon after that, not a long backoff later. Measured at the simulator, so a slow process start on a
    // loaded machine does not count (a bound on the whole run's wall time failed at 8.0 s under load).
    const at = (id: string) => suite.sim.stats().log.filter((e) => e.taskId === id).map((e) => e.at)
    for (const id of [ok, failed]) {
      const [first, second] = at(id)
      expect(second! - first!, `${id}: time between its two queries`).toBeLessThan(PRIOR_MIN_MS + 3_000)
    }
  })

  it('exits 0 when every task finished (ids on stdin, readable table)', async () => {
    const ids = [taskId('a'), taskId('b')]
    for (const id of ids) suite.sim.addTask({ id, lifecycle: [{ status: 'running' }, { status: 'finished', afterQueries: 1 }], images: 2, message: 'looks good' })

    const r = await runCli(['watch'], { env: cliEnv(suite.sim, suite.sb), stdin: ids.join('\n') + '\n' })
    expectExit(r, 0)
    const lines = r.stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^TASK\s+STATUS\s+IMAGES\s+ADDED\s+FINISHED\s+MESSAGE$/)
    expect(lines.slice(1).map((l) => l.split(/\s+/).slice(0, 3))).toEqual(ids.map((id) => [id, 'finished', '2']))
    // No TTY: no progress line on stderr.
    expect(r.stderr).toBe('')
  })

  it('does not query tasks that already have an outcome in history', async () => {
    const done = taskId('done')
    const failed = taskId('failed')
    suite.sim.addTask({ id: done, lifecycle: [{ status: 'finished' }] })
    suite.sim.addTask({ id: failed, lifecycle: [{ status: 'failed' }] })
    expectExit(await runCli(['query', done, failed], { env: cliEnv(suite.sim, suite.sb) }), 0)

    const onlyDone = await runCli(['watch', done], { env: cliEnv(suite.sim, suite.sb) })
    expectExit(onlyDone, 0)
    const both = await runCli(['watch', '--json', done, failed], { env: cliEnv(suite.sim, suite.sb) })
    expectExit(both, 1)
    expect(parseJson<JsonDoc>(both).tasks.map((t) => t.status)).toEqual(['finished', 'failed'])
    expect(suite.sim.stats().callsByTask).toMatchObject({ [done]: 1, [failed]: 1 })
  })

  it.skipIf(NO_SIGINT)('Ctrl-C exits 130 with the history intact, and a re-run finishes the tasks', async () => {
    const ids = [taskId('long1'), taskId('long2')]
    for (const id of ids) suite.sim.addTask({ id, lifecycle: [{ status: 'running' }] })
    const env = cliEnv(suite.sim, suite.sb)

    const running = startCli(['watch', ...ids], { env })
    await until('both tasks to be queried', () => ids.every((id) => lastRequestId(suite.sim, id) !== undefined))
    await new Promise((r) => setTimeout(r, 500)) // let the answers be recorded
    running.child.kill('SIGINT')
    const r = await running.result
    expectExit(r, 130)
    expect(r.stderr).toContain('interrupted: history is saved; run the same command again to continue')
    expect(r.stdout).toMatch(new RegExp(`${ids[0]}\\s+running`))

    const store = openHistoryStore({ dataDir: suite.sb.dataDir })
    try {
      expect(store.checkIntegrity()).toBe('ok')
      for (const id of ids) expect(store.getTask(id)).toMatchObject({ taskId: id, status: 'running', lastRequestId: lastRequestId(suite.sim, id) })
    } finally {
      store.close()
    }

    // Meanwhile the tasks finished on the server; the same command again picks them up.
    for (const id of ids) suite.sim.addTask({ id, lifecycle: [{ status: 'finished' }], images: 1 })
    const again = await runCli(['watch', '--json', ...ids], { env })
    expectExit(again, 0)
    expect(parseJson<JsonDoc>(again).tasks.map((t) => [t.taskId, t.status, t.images.length])).toEqual(ids.map((id) => [id, 'finished', 1]))
  })

  it.skipIf(NO_SIGINT)('Ctrl-C while a call hangs: the call is cancelled and the CLI exits 130 promptly', async () => {
    const stuck = taskId('stuck')
    suite.sim.addTask({ id: stuck, lifecycle: [{ status: 'running' }] })
    const fault = suite.sim.fault({ kind: 'stallHeaders', taskId: stuck })
    try {
      const env = cliEnv(suite.sim, suite.sb)
      const running = startCli(['watch', '--json', stuck], { env })
      await until('the call to hang', () => (suite.sim.stats().callsByTask[stuck] ?? 0) >= 1)
      await new Promise((r) => setTimeout(r, 200))
      const sentAt = Date.now()
      running.child.kill('SIGINT')
      const r = await running.result
      expectExit(r, 130)
      expect(Date.now() - sentAt, show(r)).toBeLessThan(3_000)
      // The task is in history, still waiting for its first answer; the document says so.
      expect(parseJson<JsonDoc>(r).tasks).toMatchObject([{ taskId: stuck, status: null, error: null }])
      const store = openHistoryStore({ dataDir: suite.sb.dataDir })
      try {
        expect(store.checkIntegrity()).toBe('ok')
        expect(store.getTask(stuck)).toMatchObject({ taskId: stuck, status: null })
      } finally {
        store.close()
      }
    } finally {
      suite.sim.clearFaults(fault)
    }
  })
})
