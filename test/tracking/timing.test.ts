// Where time matters (backoff, jitter, ceiling, stale deadline, rate-limit pauses), a ManualClock shared by the
// scheduler, the client's signature timestamps and the simulator: every call is real HTTP, and virtual time only
// moves when no call is in flight.
import { describe, expect, it } from 'vitest'
import { DEFAULT_POLL_OPTIONS, ManualClock, type PollOptions } from '../../src/main/tracking'
import { drive, seededRandom, settle } from './driver'
import { queryLog, startEnv, taskId } from './harness'

const T0 = 1_700_000_000_000
/** The app's defaults on the backoff schedule at a fixed rate (likely.test.ts covers the default schedule). */
const DEFAULTS: Partial<PollOptions> = { ...DEFAULT_POLL_OPTIONS, schedule: 'backoff', adaptiveRate: false }

/** Gaps between consecutive entries. */
const gaps = (times: number[]): number[] => times.slice(1).map((t, i) => t - times[i]!)

describe('adaptive interval (ManualClock, seeded jitter)', () => {
  it('starts at 2 s, grows x1.5 with ±20% jitter while nothing changes, and stops at the 30 s ceiling', async () => {
    const clock = new ManualClock(T0)
    const env = await startEnv({ clock, random: seededRandom(7), poll: DEFAULTS })
    const id = taskId(1)
    const finishAfter = 5 * 60_000
    env.sim.addTask({ id, lifecycle: [{ status: 'submitted' }, { status: 'running', afterQueries: 1 }, { status: 'finished', afterMs: finishAfter }] })
    env.services.addTasks([id])
    const end = await drive(clock, env.scheduler)
    expect(end.reason).toBe('noTimers')

    const times = queryLog(env.sim, id).map((e) => e.at)
    expect(times[0]).toBe(T0) // a new task is queried at once
    // Nominal intervals: a change of status (null -> submitted, submitted -> running) resets to 2 s; then x1.5
    // per unchanged answer up to 30 s. The same seeded generator gives the same jitter factors.
    const replay = seededRandom(7)
    const expected: number[] = []
    let interval = 2000
    for (let i = 0; i < times.length - 1; i++) {
      if (i >= 2) interval = Math.min(30_000, interval * 1.5)
      expected.push(Math.round(interval * (0.8 + 0.4 * replay())))
    }
    expect(gaps(times)).toEqual(expected)
    const nominal = [2000, 2000, 3000, 4500, 6750, 10125, 15187.5, 22781.25, 30000, 30000]
    for (const [i, gap] of gaps(times).entries()) {
      const n = nominal[Math.min(i, nominal.length - 1)]!
      expect(gap).toBeGreaterThanOrEqual(n * 0.8 - 1)
      expect(gap).toBeLessThanOrEqual(n * 1.2 + 1)
    }
    // The ceiling: about 2 + 2 + 3 + ... + 22.8 s = 66 s to reach it, then one call per 24-36 s until 5 min.
    expect(Math.max(...gaps(times))).toBeLessThanOrEqual(36_000)
    expect(times.length).toBeGreaterThanOrEqual(15)
    expect(times.length).toBeLessThanOrEqual(20)

    const rec = env.services.history.getTask(id)!
    expect(rec.status).toBe('finished')
    expect(rec.tracking).toBe('done')
    // Seen within one interval of finishing on the server.
    const serverFinished = env.sim.finishedAt(id)!
    expect(rec.finishedAt! - serverFinished).toBeGreaterThanOrEqual(0)
    expect(rec.finishedAt! - serverFinished).toBeLessThanOrEqual(36_000)
  })

  it('requery() queries a tracked task now and restarts its interval at 2 s', async () => {
    const clock = new ManualClock(T0)
    const env = await startEnv({ clock, random: seededRandom(3), poll: { ...DEFAULTS, jitter: 0 } })
    const id = taskId(2)
    env.sim.addTask({ id, lifecycle: [{ status: 'submitted' }, { status: 'running', afterQueries: 1 }, { status: 'finished', afterMs: 3_600_000 }] })
    env.services.addTasks([id])
    await drive(clock, env.scheduler, { maxTime: T0 + 120_000 })
    const before = queryLog(env.sim, id).length
    const lastGap = gaps(queryLog(env.sim, id).map((e) => e.at)).at(-1)!
    expect(lastGap).toBe(30_000)

    const now = clock.now()
    const answer = env.scheduler.requery(id)
    await settle(env.scheduler)
    const rec = await answer
    expect(rec?.status).toBe('running')
    expect(queryLog(env.sim, id)).toHaveLength(before + 1)
    expect(queryLog(env.sim, id).at(-1)!.at).toBe(now)
    // Nothing changed, so the interval grows again from 2 s: next call at +3 s (2 s x 1.5).
    await drive(clock, env.scheduler, { until: () => queryLog(env.sim, id).length === before + 2 })
    expect(queryLog(env.sim, id).at(-1)!.at).toBe(now + 3000)
  })
})

describe('stale deadline (ManualClock)', () => {
  it('a task without progress for staleAfterMs becomes stale, is no longer polled, and requery revives it', async () => {
    const clock = new ManualClock(T0)
    const staleAfterMs = 120_000
    const env = await startEnv({ clock, random: seededRandom(11), poll: { ...DEFAULTS, staleAfterMs } })
    const stuck = taskId(1)
    const moving = taskId(2)
    env.sim.addTasks([
      // running from the 1st answer on, finished only at 200 s: after the deadline
      { id: stuck, lifecycle: [{ status: 'submitted' }, { status: 'running', afterQueries: 1 }, { status: 'finished', afterMs: 200_000 }] },
      // progresses every 50 s, so its deadline keeps moving
      {
        id: moving,
        lifecycle: [
          { status: 'submitted' },
          { status: 'running', afterMs: 50_000 },
          { status: 'postprocessing', afterMs: 100_000 },
          { status: 'finished', afterMs: 150_000 }
        ]
      }
    ])
    env.services.addTasks([stuck, moving])
    const end = await drive(clock, env.scheduler)
    expect(end.reason).toBe('noTimers') // nothing left to poll, nothing scheduled

    const rec = env.services.history.getTask(stuck)!
    expect(rec.tracking).toBe('stale')
    expect(rec.displayStatus).toBe('stale')
    expect(rec.status).toBe('running')
    // Detected at the first answer past the deadline (the last change was the 2nd answer, at ~2 s).
    expect(rec.trackingChangedAt - rec.lastChangeAt).toBeGreaterThanOrEqual(staleAfterMs)
    expect(rec.trackingChangedAt - rec.lastChangeAt).toBeLessThanOrEqual(staleAfterMs + 36_000)
    const log = queryLog(env.sim, stuck)
    expect(log.at(-1)!.at).toBe(rec.trackingChangedAt) // no call after it went stale
    expect(env.updates.some((u) => u.taskId === stuck && u.tracking === 'stale')).toBe(true)
    expect(env.services.history.getTask(moving)!.status).toBe('finished')

    // Time passes: nothing calls.
    const calls = env.sim.stats().queryCalls
    clock.advanceTo(T0 + 190_000)
    await settle(env.scheduler)
    expect(env.sim.stats().queryCalls).toBe(calls)
    expect(env.scheduler.status().mode).toBe('idle')

    // The user asks again: queried now, tracked again (fresh deadline) until it finishes at 200 s.
    const answer = env.scheduler.requery(stuck)
    await settle(env.scheduler)
    const revived = await answer
    expect(revived?.tracking).toBe('active')
    expect(revived?.status).toBe('running')
    expect(env.scheduler.isTracking(stuck)).toBe(true)
    await drive(clock, env.scheduler)
    const done = env.services.history.getTask(stuck)!
    expect(done.status).toBe('finished')
    expect(done.tracking).toBe('done')
    expect(done.finishedAt! - 200_000 - T0).toBeLessThanOrEqual(4000) // 2 s after the requery, then 3 s
  })
})

describe('rate limits pause every call (ManualClock)', () => {
  it('repeated limits double the pause up to its ceiling; an answer resets it', async () => {
    const clock = new ManualClock(T0)
    const env = await startEnv({
      clock,
      random: seededRandom(5),
      poll: { ...DEFAULTS, jitter: 0, rateLimitPauseMs: 5000, maxRateLimitPauseMs: 40_000 }
    })
    const id = taskId(1)
    env.sim.addTask({ id, lifecycle: [{ status: 'submitted' }, { status: 'running', afterQueries: 1 }, { status: 'finished', afterMs: 3_600_000 }] })
    env.sim.fault({ kind: 'rateLimit501', times: 5 })
    env.services.addTasks([id])
    await drive(clock, env.scheduler, { until: () => queryLog(env.sim, id).length >= 6 })
    const log = queryLog(env.sim, id)
    expect(log.map((e) => e.outcome)).toEqual(['business:501', 'business:501', 'business:501', 'business:501', 'business:501', 'ok'])
    expect(gaps(log.map((e) => e.at))).toEqual([5000, 10_000, 20_000, 40_000, 40_000])
    const modes = env.states.map((s) => s.mode)
    expect(modes).toContain('rateLimited')
    const limited = env.states.find((s) => s.mode === 'rateLimited')!
    expect(limited.resumeAt).toBe(T0 + 5000)
    expect(limited.problem?.kind).toBe('rateLimit')
    expect(limited.problem?.code).toBe('501')
    expect(env.scheduler.status().mode).toBe('running')
    // The limit was not the task's fault: nothing of it is left on the task.
    expect(env.services.history.getTask(id)!.lastError).toBeNull()

    // After an answer, the next limit starts again at 5 s.
    env.sim.fault({ kind: 'rateLimit501', times: 1 })
    await drive(clock, env.scheduler, { until: () => queryLog(env.sim, id).length >= 8 })
    const tail = queryLog(env.sim, id).slice(-2)
    expect(tail[0]!.outcome).toBe('business:501')
    expect(tail[1]!.at - tail[0]!.at).toBe(5000)
  })

  it.each([
    { kind: 'rateLimit501' as const, pause: 5000 },
    { kind: 'gatewayCallLimit' as const, pause: 5000 },
    { kind: 'http429' as const, pause: 20_000, retryAfterSec: 20 }
  ])('$kind on the calls in flight: one pause of all calls ($pause ms), then everything finishes', async ({ kind, pause, retryAfterSec }) => {
    const clock = new ManualClock(T0)
    const env = await startEnv({ clock, random: seededRandom(9), poll: { ...DEFAULTS, jitter: 0, maxQps: 5, maxInFlight: 4, rateLimitPauseMs: 5000 } })
    const ids = Array.from({ length: 12 }, (_, i) => taskId(i + 1))
    env.sim.addTasks(ids.map((id) => ({ id })))
    // The first 4 calls (all in flight together at T0) are limited: one event, not four doublings.
    env.sim.fault({ kind, times: 4, ...(retryAfterSec ? { retryAfterSec } : {}) })
    env.services.addTasks(ids)
    await drive(clock, env.scheduler)

    const log = queryLog(env.sim)
    const limited = log.filter((e) => e.outcome !== 'ok')
    expect(limited).toHaveLength(4)
    expect(limited.every((e) => e.at === T0)).toBe(true)
    // No call at all during the pause, from any task.
    expect(log.filter((e) => e.at > T0 && e.at < T0 + pause)).toEqual([])
    expect(log.filter((e) => e.at === T0 + pause).length).toBeGreaterThan(0)
    expect(env.states.some((s) => s.mode === 'rateLimited' && s.resumeAt === T0 + pause)).toBe(true)
    // Afterwards every task finishes with the default lifecycle's 4 answers, and the QPS limit holds.
    for (const id of ids) {
      expect(env.services.history.getTask(id)!.status).toBe('finished')
      expect(env.sim.stats().callsByTask[id]! - limited.filter((e) => e.taskId === id).length).toBe(4)
    }
    const starts = log.map((e) => e.at).sort((a, b) => a - b)
    for (let i = 5; i < starts.length; i++) expect(starts[i]! - starts[i - 5]!).toBeGreaterThan(1000)
    expect(env.scheduler.status().mode).toBe('idle')
  })

  it('a jittered pause stays within ±20% of its nominal length', async () => {
    const clock = new ManualClock(T0)
    const env = await startEnv({ clock, random: seededRandom(13), poll: { ...DEFAULTS, rateLimitPauseMs: 5000, maxRateLimitPauseMs: 40_000 } })
    const id = taskId(1)
    env.sim.addTask({ id, lifecycle: [{ status: 'submitted' }, { status: 'running', afterMs: 3_600_000 }] })
    env.sim.fault({ kind: 'gatewayCallLimit', times: 4, gatewayCode: 'AppCallLimit' })
    env.services.addTasks([id])
    await drive(clock, env.scheduler, { until: () => queryLog(env.sim, id).length >= 5 })
    const g = gaps(queryLog(env.sim, id).map((e) => e.at))
    ;[5000, 10_000, 20_000, 40_000].forEach((nominal, i) => {
      expect(g[i]).toBeGreaterThanOrEqual(nominal * 0.8)
      expect(g[i]).toBeLessThanOrEqual(nominal * 1.2)
    })
  })
})
