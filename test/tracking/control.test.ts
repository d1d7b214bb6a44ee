// What the user controls (pause/resume, re-query, remove) and what survives a restart, with the typed events
// the UI listens to.
import { describe, expect, it } from 'vitest'
import { ManualClock } from '../../src/main/tracking'
import type { TrackingMode } from '../../src/shared/tracking'
import { drive, seededRandom, settle } from './driver'
import { allSettled, queryLog, sleep, startEnv, taskId, waitFor } from './harness'

/** Consecutive duplicates folded: the sequence of modes a status line would show. */
const modeTrail = (modes: TrackingMode[]): TrackingMode[] => modes.filter((m, i) => i === 0 || m !== modes[i - 1])

describe('pause and resume', () => {
  it('pause stops every call (in-flight calls finish), resume continues to the end', async () => {
    const env = await startEnv()
    const ids = Array.from({ length: 10 }, (_, i) => taskId(i + 1))
    env.sim.addTasks(ids.map((id) => ({ id, lifecycle: [{ status: 'submitted' }, { status: 'running', afterQueries: 1 }, { status: 'finished', afterQueries: 5 }] })))
    env.services.addTasks(ids)
    await waitFor(env.scheduler, () => env.sim.stats().queryCalls >= 15, '15 calls')

    env.scheduler.pause()
    expect(env.scheduler.status().mode).toBe('paused')
    await waitFor(env.scheduler, () => env.scheduler.callsInFlight === 0, 'in-flight calls to end')
    const calls = env.sim.stats().queryCalls
    await sleep(300) // ~15 calls per task would fit in here at 20 ms
    expect(env.sim.stats().queryCalls).toBe(calls)
    expect(env.services.history.activeTasks()).toHaveLength(10)

    env.scheduler.resume()
    expect(env.scheduler.status().mode).toBe('running')
    await waitFor(env.scheduler, () => allSettled(env.services), 'every task to finish')
    for (const id of ids) expect(env.services.history.getTask(id)!.status).toBe('finished')
    // Pausing lost nothing and doubled nothing: every task made exactly its lifecycle's 6 calls.
    for (const id of ids) expect(env.sim.stats().callsByTask[id]).toBe(6)
    expect(modeTrail(env.states.map((s) => s.mode))).toEqual(['running', 'paused', 'running', 'idle'])
  })

  it('a user pause outlives unblock(): new credentials do not resume a paused poller', async () => {
    const env = await startEnv()
    const id = taskId(1)
    env.sim.addTask({ id })
    env.scheduler.pause()
    env.services.addTasks([id])
    env.services.credentialsChanged()
    await sleep(150)
    expect(env.sim.stats().queryCalls).toBe(0)
    expect(env.scheduler.status().mode).toBe('paused')
    env.scheduler.resume()
    await waitFor(env.scheduler, () => allSettled(env.services), 'the task to finish')
  })
})

describe('remove one task', () => {
  it('untrack + removeTask stops its calls (even one in flight) and leaves the others alone', async () => {
    const env = await startEnv()
    const removed = taskId(1)
    const kept = Array.from({ length: 3 }, (_, i) => taskId(i + 10))
    const long = [{ status: 'submitted' }, { status: 'running', afterQueries: 1 }, { status: 'finished', afterMs: 900 }]
    env.sim.addTasks([{ id: removed, lifecycle: long }, ...kept.map((id) => ({ id, lifecycle: long }))])
    env.services.addTasks([removed, ...kept])
    await waitFor(env.scheduler, () => (env.sim.stats().callsByTask[removed] ?? 0) >= 3, '3 calls of the task to remove')
    // Its next answer will be slow: the call is in flight when it is removed, and its late answer must not
    // bring the task back into the history.
    env.sim.fault({ kind: 'slowBody', taskId: removed, delayMs: 250 })
    await waitFor(env.scheduler, () => queryLog(env.sim, removed).some((e) => e.outcome === 'fault:slowBody'), 'a slow call in flight')
    env.scheduler.untrack(removed)
    expect(env.services.history.removeTask(removed)).toBe(true)
    const calls = env.sim.stats().callsByTask[removed]

    await waitFor(env.scheduler, () => allSettled(env.services), 'the others to finish')
    await sleep(300) // past the slow answer
    expect(env.sim.stats().callsByTask[removed]).toBe(calls)
    expect(env.services.history.getTask(removed)).toBeNull()
    expect(env.scheduler.isTracking(removed)).toBe(false)
    for (const id of kept) expect(env.services.history.getTask(id)!.status).toBe('finished')
  })
})

describe('restart', () => {
  it('closing mid-run and opening the same data folder resumes the unfinished tasks, without duplicates', async () => {
    const env = await startEnv()
    const ids = Array.from({ length: 30 }, (_, i) => taskId(i + 1))
    env.sim.addTasks(ids.map((id, i) => ({ id, lifecycle: [{ status: 'submitted' }, { status: 'running', afterQueries: 1 }, { status: 'finished', afterMs: 200 + 40 * i }] })))
    env.services.addTasks(ids)
    await waitFor(env.scheduler, () => env.services.history.activeTasks().length <= 20, 'about a third to finish')

    await env.services.close()
    const callsAtClose = env.sim.stats().callsByTask
    await sleep(150)
    expect(env.sim.stats().callsByTask).toEqual(callsAtClose) // closed means no call, not even a late one

    const services = await env.reopen()
    const active = services.history.activeTasks().map((t) => t.taskId)
    const finishedInHistory = ids.filter((id) => services.history.getTask(id)!.tracking === 'done')
    expect(active.length + finishedInHistory.length).toBe(30)
    expect(active.length).toBeGreaterThan(0)
    expect(finishedInHistory.length).toBeGreaterThan(0)
    services.scheduler.start()
    expect(services.scheduler.status().activeTasks).toBe(active.length)
    await waitFor(services.scheduler, () => allSettled(services), 'the rest to finish')

    expect(services.history.listTasks({ limit: 100 }).total).toBe(30)
    expect(services.history.countsByStatus().total).toBe(30)
    for (const id of ids) expect(services.history.getTask(id)!.status).toBe('finished')
    // Tasks that were done before the restart were not queried again.
    const after = env.sim.stats().callsByTask
    for (const id of finishedInHistory) expect(after[id]).toBe(callsAtClose[id])
    // Adding the same ids again adds nothing and polls nothing.
    const again = services.addTasks(ids)
    expect(again.added).toEqual([])
    expect(again.existing).toHaveLength(30)
    expect(services.scheduler.status().activeTasks).toBe(0)
  })

  it('start() resumes only tasks still being tracked; stale and error tasks wait for the user', async () => {
    const env = await startEnv({ poll: { staleAfterMs: 150 } })
    const stale = taskId(1)
    const failing = taskId(2)
    const pending = taskId(3)
    env.sim.addTasks([
      { id: stale, lifecycle: [{ status: 'submitted' }, { status: 'running', afterQueries: 1 }] },
      { id: failing, businessError: { resCode: 700 } },
      { id: pending, lifecycle: [{ status: 'submitted' }, { status: 'running', afterQueries: 1 }, { status: 'finished', afterQueries: 200 }] }
    ])
    env.services.addTasks([stale, failing, pending])
    await waitFor(
      env.scheduler,
      () => env.services.history.getTask(stale)!.tracking === 'stale' && env.services.history.getTask(failing)!.tracking === 'error',
      'one stale and one error task'
    )
    await env.services.close()
    const services = await env.reopen()
    services.scheduler.start()
    expect(services.scheduler.isTracking(pending)).toBe(services.history.getTask(pending)!.tracking === 'active')
    expect(services.scheduler.isTracking(stale)).toBe(false)
    expect(services.scheduler.isTracking(failing)).toBe(false)
  })

  it('the stale deadline counts from the last change in history, not from the restart (ManualClock)', async () => {
    const clock = new ManualClock()
    const t0 = clock.now()
    const staleAfterMs = 10 * 60_000
    const env = await startEnv({ clock, random: seededRandom(2), poll: { initialIntervalMs: 2000, maxIntervalMs: 30_000, maxQps: 5, staleAfterMs } })
    const stuck = taskId(1)
    const moving = taskId(2)
    env.sim.addTasks([
      { id: stuck, lifecycle: [{ status: 'submitted' }, { status: 'running', afterQueries: 1 }] },
      { id: moving, lifecycle: [{ status: 'submitted' }, { status: 'running', afterQueries: 1 }, { status: 'postprocessing', afterMs: 15 * 60_000 }, { status: 'finished', afterMs: 20 * 60_000 }] }
    ])
    env.services.addTasks([stuck, moving])
    await drive(env.clock!, env.scheduler, { maxTime: t0 + 5 * 60_000 })
    await env.services.close()
    // The app is closed for 11 minutes.
    clock.advanceTo(t0 + 16 * 60_000)
    const services = await env.reopen()
    services.scheduler.start()
    await settle(services.scheduler)
    // Its status has not changed for 16 minutes: stale at its first answer, not 10 minutes from now.
    const rec = services.history.getTask(stuck)!
    expect(rec.tracking).toBe('stale')
    expect(rec.trackingChangedAt).toBe(t0 + 16 * 60_000)
    // The other one did change while the app was closed: not stale, and it finishes.
    expect(services.history.getTask(moving)!.tracking).toBe('active')
    await drive(clock, services.scheduler)
    expect(services.history.getTask(moving)!.status).toBe('finished')
  })
})

describe('events', () => {
  it('task:updated for every recorded answer, tracking:state on every transition', async () => {
    const env = await startEnv()
    const id = taskId(1)
    env.sim.addTask({ id })
    env.services.addTasks([id])
    await waitFor(env.scheduler, () => allSettled(env.services), 'the task to finish')
    const mine = env.updates.filter((u) => u.taskId === id)
    expect(mine.map((u) => u.status)).toEqual(['submitted', 'running', 'running', 'finished'])
    expect(mine.map((u) => u.queryCount)).toEqual([1, 2, 3, 4])
    expect(mine.at(-1)!.tracking).toBe('done')
    expect(mine.at(-1)!.imageCount).toBe(2)
    const { images: _images, ...stored } = env.services.history.getTask(id)!
    expect(mine.at(-1)).toEqual(stored) // the event carries the record as stored

    expect(env.states[0]).toEqual({ mode: 'running', activeTasks: 1, resumeAt: null, problem: null })
    expect(env.states.at(-1)).toEqual({ mode: 'idle', activeTasks: 0, resumeAt: null, problem: null })
    await env.services.close()
    expect(env.states.at(-1)!.mode).toBe('stopped')
    // No duplicate in a row: each emission is a transition.
    const keys = env.states.map((s) => JSON.stringify(s))
    expect(keys.every((k, i) => i === 0 || k !== keys[i - 1])).toBe(true)
  })

  it('rateLimited is announced with its problem and resumeAt, and left when the pause ends (real time)', async () => {
    // One call at a time, so every call logged after the 429 was started after it was handled.
    const env = await startEnv({ poll: { rateLimitPauseMs: 100, maxInFlight: 1 } })
    const ids = [taskId(1), taskId(2)]
    env.sim.addTasks(ids.map((id) => ({ id })))
    env.sim.fault({ kind: 'http429', times: 1, retryAfterSec: 0 })
    env.services.addTasks(ids)
    await waitFor(env.scheduler, () => allSettled(env.services), 'both tasks to finish')
    const trail = modeTrail(env.states.map((s) => s.mode))
    expect(trail).toEqual(['running', 'rateLimited', 'running', 'idle'])
    const limited = env.states.find((s) => s.mode === 'rateLimited')!
    expect(limited.problem).toMatchObject({ kind: 'rateLimit', code: '429', httpStatus: 429 })
    expect(limited.resumeAt).toBeGreaterThan(0)
    // The pause held: nothing reached the server between the 429 and resumeAt.
    const log = queryLog(env.sim)
    const hit = log.find((e) => e.outcome === 'fault:http429')!
    const during = log.filter((e) => e.at > hit.at && e.at < limited.resumeAt!)
    expect(during).toEqual([])
  })
})
