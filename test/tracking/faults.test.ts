// The simulator's faults against the real services: transient trouble is retried, business errors end only
// their task, auth and quota errors stop everything with one message and no storm, and polling recovers.
import { describe, expect, it } from 'vitest'
import type { HistoryStore } from '../../src/main/history/types'
import { ManualClock, PollScheduler } from '../../src/main/tracking'
import { EXHAUSTED_MESSAGE, type ApiFaultKind } from '../sim'
import { drive, seededRandom, settle } from './driver'
import { allSettled, FAST, queryLog, sleep, startEnv, taskId, waitFor } from './harness'

describe('transient errors', () => {
  it('network resets, 5xx, HTML pages and bad bodies are retried with backoff until the tasks finish', async () => {
    const env = await startEnv()
    // answered: the server answered the query before the fault spoiled its delivery, so the lifecycle moved on
    const kinds: Array<{ kind: ApiFaultKind; variant?: string; errorKind: string; answered?: boolean }> = [
      { kind: 'http502Html', errorKind: 'http' },
      { kind: 'connectionReset', errorKind: 'network' },
      { kind: 'systemError500', errorKind: 'business' },
      { kind: 'truncatedBody', errorKind: 'network', answered: true },
      { kind: 'notJson', variant: 'html', errorKind: 'malformed' },
      { kind: 'notJson', variant: 'empty', errorKind: 'malformed' },
      { kind: 'wrongShape', variant: 'statusNumber', errorKind: 'malformed' }
    ]
    const times = 3
    const ids = kinds.map((_, i) => taskId(i + 1, 0x7a))
    const plain = Array.from({ length: 5 }, (_, i) => taskId(i + 100, 0x7a))
    env.sim.addTasks([...ids, ...plain].map((id) => ({ id })))
    kinds.forEach(({ kind, variant }, i) => env.sim.fault({ kind, times, taskId: ids[i]!, ...(variant ? { variant } : {}) }))
    env.services.addTasks([...ids, ...plain])
    await waitFor(env.scheduler, () => allSettled(env.services), 'every task to settle')

    const stats = env.sim.stats()
    kinds.forEach(({ kind, errorKind, answered }, i) => {
      const id = ids[i]!
      const rec = env.services.history.getTask(id)!
      expect.soft(rec.status, kind).toBe('finished')
      expect.soft(rec.tracking, kind).toBe('done')
      expect.soft(rec.lastError, kind).toBeNull() // cleared by the answer that followed
      // exactly the faulty calls plus the lifecycle's 4 answers: retried, not stormed
      expect.soft(stats.callsByTask[id], kind).toBe(answered ? 4 : times + 4)
      // while it lasted, the error was recorded on the task (and shown through task:updated)
      const seen = env.updates.find((u) => u.taskId === id && u.lastError !== null)
      expect.soft(seen?.lastError?.kind, kind).toBe(errorKind)
      expect.soft(seen?.tracking, kind).toBe('active')
    })
    for (const id of plain) expect(stats.callsByTask[id]).toBe(4)
    // Retry gaps grow (20 ms, 40 ms, 80 ms nominal ±20%): never a tight loop.
    const resets = queryLog(env.sim, ids[1]).map((e) => e.at)
    expect(resets[3]! - resets[0]!).toBeGreaterThanOrEqual((20 + 40 + 80) * 0.8 - 5)
  })

  it('resCode 500 keeps being retried past the business retry budget (a system error is transient)', async () => {
    const env = await startEnv({ poll: { maxBusinessRetries: 2 } })
    const id = taskId(1)
    env.sim.addTask({ id, businessError: { resCode: 500, times: 6 } })
    env.services.addTasks([id])
    await waitFor(env.scheduler, () => allSettled(env.services), 'the task to settle')
    const rec = env.services.history.getTask(id)!
    expect(rec.status).toBe('finished')
    expect(rec.tracking).toBe('done')
    expect(env.sim.stats().callsByTask[id]).toBe(6 + 4)
  })
})

describe('business errors', () => {
  it('700, 801, 1000 and 1002 end their task at once with the error recorded; 1001 is retried a few times; others are unaffected', async () => {
    const env = await startEnv({ poll: { maxBusinessRetries: 3 } })
    const codes = [700, 801, 1000, 1002]
    const ended = codes.map((c) => taskId(c, 0xb0))
    const contentControl = taskId(1001, 0xb0)
    const others = Array.from({ length: 6 }, (_, i) => taskId(i + 1, 0xb1))
    env.sim.addTasks([
      ...codes.map((resCode, i) => ({ id: ended[i]!, businessError: { resCode } })),
      { id: contentControl, businessError: { resCode: 1001 } },
      ...others.map((id) => ({ id }))
    ])
    env.services.addTasks([...ended, contentControl, ...others])
    await waitFor(env.scheduler, () => allSettled(env.services), 'every task to settle')

    const stats = env.sim.stats()
    codes.forEach((code, i) => {
      const rec = env.services.history.getTask(ended[i]!)!
      expect.soft(rec.tracking, String(code)).toBe('error')
      expect.soft(rec.displayStatus, String(code)).toBe('error')
      expect.soft(rec.lastError?.kind, String(code)).toBe('business')
      expect.soft(rec.lastError?.code, String(code)).toBe(String(code))
      expect.soft(rec.lastError?.retryable, String(code)).toBe(false)
      expect.soft(rec.lastError?.requestId, String(code)).toMatch(/\S/) // kept for the vendor's support
      expect.soft(rec.lastRequestId, String(code)).toBe(rec.lastError?.requestId)
      expect.soft(stats.callsByTask[ended[i]!], String(code)).toBe(1)
    })
    const cc = env.services.history.getTask(contentControl)!
    expect(cc.tracking).toBe('error')
    expect(cc.lastError?.code).toBe('1001')
    expect(stats.callsByTask[contentControl]).toBe(1 + 3) // first try + maxBusinessRetries
    const ccTimes = queryLog(env.sim, contentControl).map((e) => e.at)
    for (let i = 1; i < ccTimes.length; i++) expect(ccTimes[i]! - ccTimes[i - 1]!).toBeGreaterThanOrEqual(10)

    for (const id of others) {
      const rec = env.services.history.getTask(id)!
      expect(rec.status).toBe('finished')
      expect(rec.lastError).toBeNull()
      expect(stats.callsByTask[id]).toBe(4)
    }
    // A business error is the task's, not the service's: polling never paused or blocked.
    expect(env.states.some((s) => s.mode === 'blocked' || s.mode === 'rateLimited')).toBe(false)
  })
})

describe('auth and quota errors stop all polling', () => {
  it('a wrong secret blocks every call with one message; new credentials resume and finish (ManualClock)', async () => {
    const clock = new ManualClock()
    const maxInFlight = 4
    const env = await startEnv({ clock, random: seededRandom(1), secret: 'not-the-right-secret', poll: { maxInFlight, maxQps: 5, initialIntervalMs: 2000, maxIntervalMs: 30_000 } })
    const ids = Array.from({ length: 10 }, (_, i) => taskId(i + 1))
    env.sim.addTasks(ids.map((id) => ({ id })))
    env.services.addTasks(ids)
    await settle(env.scheduler)

    // Only the calls that were already in flight together went out; then nothing, not even a timer.
    const blockedCalls = env.sim.stats().queryCalls
    expect(blockedCalls).toBeGreaterThanOrEqual(1)
    expect(blockedCalls).toBeLessThanOrEqual(maxInFlight)
    expect(queryLog(env.sim).every((e) => e.outcome === 'gateway:IncompleteSignature')).toBe(true)
    const status = env.scheduler.status()
    expect(status.mode).toBe('blocked')
    expect(status.problem?.kind).toBe('auth')
    expect(status.problem?.code).toBe('IncompleteSignature')
    expect(status.problem?.message).toMatch(/access key name and secret/)
    expect(status.problem?.message).not.toContain('not-the-right-secret')
    expect(clock.nextTimerAt()).toBeNull()
    // One message: the state went to 'blocked' once and stayed (the other in-flight failures did not flicker it).
    expect(env.states.filter((s) => s.mode === 'blocked')).toHaveLength(1)
    clock.advanceBy(3_600_000)
    await settle(env.scheduler)
    expect(env.sim.stats().queryCalls).toBe(blockedCalls)
    // The tasks are still tracked, waiting: none was given up.
    expect(env.services.history.activeTasks()).toHaveLength(10)

    await env.credentials.set({ accessKeyName: env.sim.accessKeyName, secret: env.sim.secret })
    env.services.credentialsChanged()
    const end = await drive(clock, env.scheduler)
    expect(end.reason).toBe('noTimers')
    for (const id of ids) {
      const rec = env.services.history.getTask(id)!
      expect(rec.status).toBe('finished')
      expect(rec.lastError).toBeNull()
    }
    expect(env.sim.stats().queryCalls).toBe(blockedCalls + 10 * 4)
    expect(env.scheduler.status().mode).toBe('idle')
  })

  it('exhausted quota (trial not enabled) blocks every call; turning the trial on resumes (real time)', async () => {
    const maxInFlight = 4
    const env = await startEnv({ sim: { quota: 'trialOnly' }, poll: { maxInFlight } })
    const ids = Array.from({ length: 12 }, (_, i) => taskId(i + 1))
    env.sim.addTasks(ids.map((id) => ({ id })))
    env.services.addTasks(ids)
    await waitFor(env.scheduler, () => env.scheduler.status().mode === 'blocked' && env.scheduler.callsInFlight === 0, 'blocked')
    const status = env.scheduler.status()
    expect(status.problem?.kind).toBe('quota')
    expect(status.problem?.code).toBe('NoResource')
    expect(status.problem?.message).toContain(EXHAUSTED_MESSAGE.slice(0, 40))
    const blockedCalls = env.sim.stats().queryCalls
    expect(blockedCalls).toBeLessThanOrEqual(maxInFlight)
    // 400 ms at a 20 ms interval would be ~100 calls if it retried; it makes none.
    await sleep(400)
    expect(env.sim.stats().queryCalls).toBe(blockedCalls)
    expect(env.scheduler.status().mode).toBe('blocked')

    env.services.updateSettings({ trial: true })
    await waitFor(env.scheduler, () => allSettled(env.services), 'every task to finish')
    for (const id of ids) expect(env.services.history.getTask(id)!.status).toBe('finished')
    expect(env.sim.stats().queryCalls).toBe(blockedCalls + 12 * 4)
    expect(queryLog(env.sim).filter((e) => e.outcome === 'ok').every((e) => e.trial)).toBe(true)
  })

  it('quota exhausted mid-run stops everything, and resume() after the quota is bought finishes the rest', async () => {
    const env = await startEnv()
    const ids = Array.from({ length: 8 }, (_, i) => taskId(i + 1))
    env.sim.addTasks(ids.map((id) => ({ id, lifecycle: [{ status: 'submitted' }, { status: 'running', afterQueries: 1 }, { status: 'finished', afterQueries: 6 }] })))
    env.services.addTasks(ids)
    await waitFor(env.scheduler, () => env.sim.stats().queryCalls >= 16, '16 calls')
    env.sim.configure({ quota: 'exhausted' })
    await waitFor(env.scheduler, () => env.scheduler.status().mode === 'blocked' && env.scheduler.callsInFlight === 0, 'blocked')
    const exhausted = queryLog(env.sim).filter((e) => e.outcome === 'gateway:NoResource').length
    expect(exhausted).toBeGreaterThanOrEqual(1)
    expect(exhausted).toBeLessThanOrEqual(4)
    const calls = env.sim.stats().queryCalls
    await sleep(300)
    expect(env.sim.stats().queryCalls).toBe(calls)

    env.sim.configure({ quota: 'ok' })
    env.scheduler.resume()
    await waitFor(env.scheduler, () => allSettled(env.services), 'every task to finish')
    for (const id of ids) expect(env.services.history.getTask(id)!.status).toBe('finished')
  })
})

describe('robustness', () => {
  it('a task:updated listener that throws does not end the task nor escape as an unhandled rejection', async () => {
    const env = await startEnv()
    const id = taskId(1)
    const other = taskId(2)
    env.sim.addTasks([{ id }, { id: other }])
    let thrown = 0
    env.scheduler.on('task:updated', (t) => {
      if (t.taskId === id && thrown < 2) {
        thrown++
        throw new Error('a listener failed (e.g. a window that is gone)')
      }
    })
    env.services.addTasks([id, other])
    await waitFor(env.scheduler, () => allSettled(env.services), 'both tasks to finish')
    expect(thrown).toBe(2)
    const rec = env.services.history.getTask(id)!
    expect(rec.status).toBe('finished')
    expect(rec.tracking).toBe('done')
    expect(rec.lastError).toBeNull()
    expect(env.services.history.getTask(other)!.status).toBe('finished')
  })

  it('a store write that fails (database locked by another process) is retried later, not taken for a bad answer', async () => {
    const env = await startEnv()
    env.scheduler.pause() // the services' own scheduler stays out of this
    const id = taskId(1)
    env.sim.addTask({ id })
    const history = env.services.history
    let failures = 0
    const lockedOnce: HistoryStore = Object.create(history) as HistoryStore
    lockedOnce.recordQuery = (taskId, input, at) => {
      if (input.status === 'running' && failures < 2) {
        failures++
        throw Object.assign(new Error('database is locked'), { code: 'ERR_SQLITE_ERROR', errcode: 5 })
      }
      return history.recordQuery(taskId, input, at)
    }
    const scheduler = new PollScheduler((taskId, signal) => env.services.client().queryTask(taskId, { signal }), lockedOnce, { options: FAST })
    history.addTasks([id])
    scheduler.track([id])
    try {
      await waitFor(scheduler, () => scheduler.status().activeTasks === 0, 'the task to finish')
    } finally {
      await scheduler.stop()
    }
    expect(failures).toBe(2)
    const rec = history.getTask(id)!
    expect(rec.status).toBe('finished')
    expect(rec.tracking).toBe('done')
    expect(rec.lastError).toBeNull()
  })
})
