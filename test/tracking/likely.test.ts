// The default schedule ('likely') and the adaptive rate, on a ManualClock shared by the scheduler, the client's
// signatures and the simulator, which holds every answer 300 ms of that clock and admits 10 calls per second of
// it: every call is real HTTP and every answer a real SQLite write, virtual time moves when every call in
// flight waits for it. The figures the issue asks for come from bench/tracking.ts; these pin the behaviour.
import { describe, expect, it } from 'vitest'
import { DEFAULT_POLL_OPTIONS, ManualClock, type PollOptions } from '../../src/main/tracking'
import type { TaskSpec } from '../sim'
import { drive, seededRandom } from './driver'
import { queryLog, startEnv, taskId, type Env } from './harness'

const T0 = 1_700_000_000_000
/** the app's defaults: startEnv's FAST options pin the backoff schedule at a fixed rate for the older tests */
const APP: Partial<PollOptions> = { ...DEFAULT_POLL_OPTIONS }

async function likelyEnv(clock: ManualClock, specs: TaskSpec[], dataDir?: string): Promise<Env> {
  return startEnv({
    clock,
    random: seededRandom(3),
    poll: APP,
    ...(dataDir ? { dataDir } : {}),
    sim: { tasks: specs, logLimit: 100_000, qpsLimit: 10, qpsClock: 'sim', answerLatencyMs: 300, holdAnswer: (ms, fn) => clock.setTimeout(fn, ms) }
  })
}

/** drives until no task is tracked; calls whose answer the simulator holds wait for the clock */
async function run(env: Env, clock: ManualClock, until: () => boolean = () => env.scheduler.status().activeTasks === 0): Promise<void> {
  const poller = { get callsInFlight() { return env.scheduler.callsInFlight - env.sim.heldAnswers() } }
  const end = await drive(clock, poller, { until, maxTime: clock.now() + 3_600_000 })
  expect(end.reason).toBe('until')
}

function batch(n: number, prefix: number, t0: number, random: () => number): TaskSpec[] {
  return Array.from({ length: n }, (_, i) => ({ id: taskId(i + 1, prefix), finishAt: t0 + 25_000 + Math.round(random() * 20_000) }))
}

/** from each task's finish on the server to its answer recorded */
function delays(env: Env, specs: TaskSpec[]): number[] {
  return specs.map((s) => env.services.history.getTask(s.id)!.finishedAt! - env.sim.finishedAt(s.id)!)
}

describe("the 'likely' schedule (ManualClock, 300 ms answers, gateway 10 calls/s)", () => {
  it('a handful of tasks is seen within 3 s of finishing; with their durations in history, later ones cost fewer calls', async () => {
    const clock = new ManualClock(T0)
    const random = seededRandom(11)
    const first = batch(10, 0x1a, T0, random)
    const env = await likelyEnv(clock, first)
    env.services.addTasks(first.map((s) => s.id))
    await run(env, clock)
    for (const d of delays(env, first)) expect(d).toBeLessThanOrEqual(3_000)
    const firstCalls = queryLog(env.sim).length
    const early = (t0: number): number => queryLog(env.sim).filter((e) => e.at - t0 > 1_000 && e.at - t0 < 20_000).length
    const firstEarly = early(T0)
    // the vendor's 1 s loop makes about one call per 1.3 s per task (300 ms answer + 1 s sleep)
    const vendorCalls = first.reduce((n, s) => n + Math.ceil(((s.finishAt as number) - T0) / 1300), 0)
    expect(firstCalls).toBeLessThan(0.55 * vendorCalls)

    // A restart: the estimate rests on the history, so the new scheduler knows how long the first batch took.
    await env.reopen()
    expect(env.scheduler.estimator.size).toBe(10)
    const t1 = clock.now()
    const second = batch(10, 0x2b, t1, random)
    env.sim.addTasks(second)
    env.sim.resetStats()
    env.scheduler.start()
    env.services.addTasks(second.map((s) => s.id))
    await run(env, clock)
    for (const d of delays(env, second)) expect(d).toBeLessThanOrEqual(3_000)
    const secondCalls = queryLog(env.sim).length
    expect(secondCalls).toBeLessThan(0.65 * firstCalls)
    // in the first 20 s, where the history says no task finishes, only the prior's share of doubt is polled
    expect(early(t1)).toBeLessThan(firstEarly / 3)
  })

  it('AIMD: the rate climbs from the setting, halves on the gateway limit, shows in the status and is remembered', async () => {
    const clock = new ManualClock(T0)
    const specs = Array.from({ length: 150 }, (_, i) => ({ id: taskId(i + 1, 0x3c), finishAt: T0 + 40_000 + i * 200 }))
    const env = await likelyEnv(clock, specs)
    expect(env.scheduler.status().callsPerSecond).toBe(5)
    env.services.addTasks(specs.map((s) => s.id))
    const rates: number[] = []
    env.scheduler.on('tracking:state', (s) => s.callsPerSecond !== undefined && rates.push(s.callsPerSecond))
    await run(env, clock, () => queryLog(env.sim).some((e) => e.outcome === 'business:501') && clock.now() - T0 > 20_000)
    const peak = Math.max(...rates)
    expect(peak).toBeGreaterThan(10) // it rose past what the gateway allows, and found the limit there
    const afterPeak = rates.slice(rates.indexOf(peak))
    expect(Math.min(...afterPeak)).toBeLessThanOrEqual(peak / 2 + 0.1)
    const limited = queryLog(env.sim).filter((e) => e.outcome === 'business:501').length
    expect(limited).toBeLessThanOrEqual(8)
    const found = env.scheduler.callsPerSecond
    // the next start (same endpoint and key) begins where this one was
    await env.reopen()
    expect(env.scheduler.callsPerSecond).toBeCloseTo(found, 5)
    expect(env.scheduler.status().callsPerSecond).toBe(Math.round(found * 10) / 10)
  })

  it('no task waits beyond the ceiling between polls while others crowd the budget', async () => {
    const clock = new ManualClock(T0)
    // 120 tasks that take long, at a rate of 2 calls/s: 60 s a round if shared evenly; the ceiling is 30 s
    const specs = Array.from({ length: 120 }, (_, i) => ({ id: taskId(i + 1, 0x4d), finishAt: T0 + 400_000 + i }))
    const env = await startEnv({
      clock,
      random: seededRandom(5),
      poll: { ...APP, maxQps: 4, maxQpsCeiling: 4 },
      sim: { tasks: specs, logLimit: 100_000, answerLatencyMs: 300, holdAnswer: (ms, fn) => clock.setTimeout(fn, ms) }
    })
    env.services.addTasks(specs.map((s) => s.id))
    await run(env, clock, () => clock.now() - T0 >= 200_000)
    for (const s of specs) {
      const times = queryLog(env.sim, s.id).map((e) => e.at)
      expect(times.length).toBeGreaterThan(1)
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeLessThanOrEqual(DEFAULT_POLL_OPTIONS.maxIntervalMs + 5_000)
    }
  })
})
