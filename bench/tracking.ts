// Tracking benchmark: issue 12's four scenarios, each tracked by (a) the app's PollScheduler with its default
// options through the real services, (b) the vendor's sample (per task: query, sleep 1 s, repeat) and (c) a
// backoff client (per task: 0.5 s, x1.5 up to 5 s), with the same real client and history store, against a
// gateway that admits 10 calls per second and answers in 300 ms. Run: npm run bench:tracking [-- 1 2 3 4] (scenarios to run; default all)
//
// Discrete-event: one ManualClock is the simulator's clock (task lifecycles, its per-second limit, the 300 ms it
// holds each answer), the signature timestamps' clock and the pollers' clock; it moves only when every call in
// flight is waiting for it. Every call is real HTTP to the simulator on 127.0.0.1 and every answer a real SQLite
// write, but minutes of polling replay in seconds, and the figures do not depend on the machine's load.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { isTerminalStatus } from '../src/shared/aidge'
import { createMemoryStore } from '../src/main/credentials'
import { AidgeError } from '../src/main/aidge/errors'
import { createServices, type Services } from '../src/main/services'
import { DEFAULT_POLL_OPTIONS, ManualClock } from '../src/main/tracking'
import { startSimulator, type Simulator, type TaskSpec } from '../test/sim'
import { drive, peakInWindow, seededRandom } from '../test/tracking/driver'

const QUERY_API = '/ai/virtual/model/generation/query'
const GATEWAY_QPS = 10
const LATENCY_MS = 300
/** connections of the app's client (src/main/aidge/client.ts), which the loop clients share */
const POOL = 16

export interface Figures {
  strategy: string
  tasks: number
  calls: number
  /** answers that were a rate limit */
  limited: number
  delayP50Ms: number
  delayP95Ms: number
  delayMaxMs: number
  peakQps: number
  /** most rate-limit answers in any minute that starts a minute after the first one (probing once found) */
  limitedPerMinuteAfterFound: number
  unresolved: number
  /** the scheduler's rate at the end, calls/s */
  endRate?: number
}

interface Scenario {
  name: string
  goal: string
  specs: TaskSpec[]
  t0: number
  /** run the scheduler on this data folder (history of an earlier run) */
  dataDir?: string
  /** the loop clients too (the 1,000-task case skips them: minutes of 1,000 calls/s over real HTTP prove nothing new) */
  peers: boolean
}

function uuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

function tasks(count: number, seed: number, t0: number, [minS, maxS]: readonly [number, number]): TaskSpec[] {
  const random = seededRandom(seed)
  return Array.from({ length: count }, () => ({ id: uuid(random), finishAt: t0 + Math.round((minS + random() * (maxS - minS)) * 1000), images: 1 }))
}

const percentile = (sorted: number[], p: number): number => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!)

interface Rig {
  clock: ManualClock
  sim: Simulator
  services: Services
  dir: string
  close(keepDir?: boolean): Promise<void>
}

async function openRig(specs: TaskSpec[], t0: number, dataDir?: string): Promise<Rig> {
  const clock = new ManualClock(t0)
  const sim = await startSimulator({
    now: () => clock.now(),
    tasks: specs,
    logLimit: Number.MAX_SAFE_INTEGER,
    controlApi: false,
    qpsLimit: GATEWAY_QPS,
    qpsClock: 'sim',
    answerLatencyMs: LATENCY_MS,
    holdAnswer: (ms, fn) => clock.setTimeout(fn, ms)
  })
  const dir = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'aidge-bench-tracking-'))
  const credentials = createMemoryStore()
  await credentials.set({ accessKeyName: sim.accessKeyName, secret: sim.secret })
  // No pollOptions: the scheduler runs with the app's defaults (settings defaults = DEFAULT_POLL_OPTIONS).
  const services = await createServices({ dataDir: dir, credentials, env: {}, connection: { endpoint: sim.url }, clock, random: seededRandom(7) })
  return {
    clock,
    sim,
    services,
    dir,
    async close(keepDir = false) {
      await services.close()
      await sim.close()
      if (!keepDir) fs.rmSync(dir, { recursive: true, force: true })
    }
  }
}

function figures(strategy: string, rig: Rig, specs: TaskSpec[]): Figures {
  const stats = rig.sim.stats()
  const queries = stats.log.filter((e) => e.path === QUERY_API)
  const limitedAt = queries.filter((e) => e.outcome === 'business:501' || e.outcome.startsWith('gateway:')).map((e) => e.at)
  const delays: number[] = []
  let unresolved = 0
  for (const spec of specs) {
    const rec = rig.services.history.getTask(spec.id)
    const serverAt = rig.sim.finishedAt(spec.id)
    if (!rec || rec.finishedAt === null || serverAt === undefined) unresolved++
    else delays.push(rec.finishedAt - serverAt)
  }
  delays.sort((a, b) => a - b)
  let perMinute = 0
  if (limitedAt.length > 0) {
    const from = limitedAt[0]! + 60_000
    for (const at of limitedAt.filter((a) => a >= from)) perMinute = Math.max(perMinute, limitedAt.filter((b) => b >= at && b < at + 60_000).length)
  }
  return {
    strategy,
    tasks: specs.length,
    calls: stats.queryCalls,
    limited: limitedAt.length,
    delayP50Ms: percentile(delays, 50),
    delayP95Ms: percentile(delays, 95),
    delayMaxMs: delays.at(-1) ?? NaN,
    peakQps: peakInWindow(queries.map((e) => e.at)),
    limitedPerMinuteAfterFound: perMinute,
    unresolved
  }
}

/** (a) the app: services.addTasks, then the scheduler alone decides when to call. */
async function runScheduler(sc: Scenario, keepDir: boolean): Promise<{ figures: Figures; dir: string }> {
  const rig = await openRig(sc.specs, sc.t0, sc.dataDir)
  try {
    const scheduler = rig.services.scheduler
    rig.services.addTasks(sc.specs.map((s) => s.id))
    // Calls whose answers the simulator holds wait for the virtual clock, not for the network.
    const poller = { get callsInFlight() { return scheduler.callsInFlight - rig.sim.heldAnswers() } }
    let nextLog = sc.t0
    const wall = performance.now()
    const end = await drive(rig.clock, poller, {
      until: () => {
        if (process.env.BENCH_DEBUG && rig.clock.now() >= nextLog) {
          console.log(`  ${(rig.clock.now() - sc.t0) / 1000} s virtual, ${scheduler.status().activeTasks} left, rate ${scheduler.callsPerSecond.toFixed(1)}, ${((performance.now() - wall) / 1000).toFixed(1)} s wall`)
          nextLog += 10_000
        }
        return scheduler.status().activeTasks === 0
      },
      maxTime: sc.t0 + 6 * 3_600_000
    })
    if (end.reason !== 'until') throw new Error(`the scheduler run ended by ${end.reason} with ${scheduler.status().activeTasks} tasks left`)
    return { figures: { ...figures('PollScheduler (defaults)', rig, sc.specs), endRate: scheduler.callsPerSecond }, dir: rig.dir }
  } finally {
    await rig.close(keepDir)
  }
}

/**
 * (b)/(c) one loop per task: query; on a terminal answer stop; else sleep `delay(n)` (n: answers so far) and
 * repeat. A failed call (a rate limit included) is recorded and the loop goes on, as the vendor's sample does.
 */
async function runLoops(sc: Scenario, strategy: string, delay: (n: number) => number): Promise<Figures> {
  const rig = await openRig(sc.specs, sc.t0)
  try {
    const { history } = rig.services
    const client = rig.services.client()
    history.addTasks(sc.specs.map((s) => s.id))
    // The client's pool has 16 connections: calls beyond wait for one. Only calls holding a connection count as in
    // flight, so the clock moves once every connection waits for a held answer.
    let inFlight = 0
    const waiting: Array<() => void> = []
    const connection = async (): Promise<void> => {
      if (inFlight < POOL) inFlight++
      else await new Promise<void>((resolve) => waiting.push(resolve))
    }
    const release = (): void => {
      const next = waiting.shift()
      if (next) next()
      else inFlight--
    }
    let open = sc.specs.length
    const loop = (id: string, n: number): void => {
      void connection()
        .then(() => client.queryTask(id))
        .then(
          (result) => {
            history.recordQuery(id, result, rig.clock.now())
            return isTerminalStatus(result.status)
          },
          (e: unknown) => {
            if (!(e instanceof AidgeError)) throw e
            history.recordError(id, e.toJSON(), { endTracking: false }, rig.clock.now())
            return false
          }
        )
        .then((done) => {
          release()
          if (done) open--
          else rig.clock.setTimeout(() => loop(id, n + 1), delay(n))
        })
    }
    for (const s of sc.specs) loop(s.id, 0)
    const poller = { get callsInFlight() { return inFlight - rig.sim.heldAnswers() } }
    const end = await drive(rig.clock, poller, { until: () => open === 0, maxTime: sc.t0 + 6 * 3_600_000 })
    if (end.reason !== 'until') throw new Error(`${strategy} ended by ${end.reason}`)
    return figures(strategy, rig, sc.specs)
  } finally {
    await rig.close()
  }
}

const vendor = (): number => 1000
const backoff = (n: number): number => Math.min(5000, 500 * 1.5 ** n)

async function runScenario(sc: Scenario, keepDir = false): Promise<{ rows: Figures[]; dir: string }> {
  const { figures: ours, dir } = await runScheduler(sc, keepDir)
  const rows = [ours]
  if (sc.peers) rows.push(await runLoops(sc, "vendor's 1 s loop", vendor), await runLoops(sc, '0.5 s x1.5 to 5 s backoff', backoff))
  return { rows, dir }
}

function print(sc: Scenario, rows: Figures[]): void {
  const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`
  const v = rows[1]
  const cols: Array<[string, (f: Figures) => string]> = [
    ['calls', (f) => String(f.calls) + (v ? ` (${(f.calls / v.calls).toFixed(2)}x)` : '')],
    ['limited', (f) => String(f.limited)],
    ['p50', (f) => s(f.delayP50Ms)],
    ['p95', (f) => s(f.delayP95Ms)],
    ['max', (f) => s(f.delayMaxMs)],
    ['peak/s', (f) => String(f.peakQps)],
    ['limits/min once found', (f) => String(f.limitedPerMinuteAfterFound)],
    ['unseen', (f) => String(f.unresolved)],
    ['rate at end', (f) => (f.endRate === undefined ? '' : `${f.endRate.toFixed(1)}/s`)]
  ]
  console.log(`\n## ${sc.name}\ngoal: ${sc.goal}`)
  const header = ['strategy', ...cols.map(([n]) => n)]
  const lines = rows.map((f) => [f.strategy, ...cols.map(([, get]) => get(f))])
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)))
  const row = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
  console.log(row(header))
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  for (const l of lines) console.log(row(l))
}

export async function runTrackingBench(only: ReadonlySet<number> = new Set([1, 2, 3, 4])): Promise<void> {
  const h = 3_600_000
  const base = Date.UTC(2026, 0, 1)
  console.log(
    `gateway: ${GATEWAY_QPS} calls/s (sliding second, resCode 501 beyond), ${LATENCY_MS} ms per answer; real HTTP, real SQLite, virtual time. ` +
      `Scheduler defaults: start ${DEFAULT_POLL_OPTIONS.maxQps} calls/s (AIMD up to ${DEFAULT_POLL_OPTIONS.maxQpsCeiling}), ${DEFAULT_POLL_OPTIONS.maxInFlight} in flight, ` +
      `intervals ${DEFAULT_POLL_OPTIONS.minIntervalMs / 1000}-${DEFAULT_POLL_OPTIONS.maxIntervalMs / 1000} s (${DEFAULT_POLL_OPTIONS.spareIntervalMs / 1000} s with spare budget). ` +
      `Delays: from the task finishing on the server to its answer recorded.`
  )
  const first: Scenario = { name: '1. 10 tasks taking 25-45 s, fresh history', goal: 'p95 <= 3 s, calls <= 0.45x the vendor loop', specs: tasks(10, 1, base, [25, 45]), t0: base, peers: true }
  // the second scenario runs on the first one's history
  const one = only.has(1) || only.has(2) ? await runScenario(first, true) : null
  if (one && only.has(1)) print(first, one.rows)
  const second: Scenario = {
    name: '2. the same again, the first batch in history',
    goal: 'p95 <= 3 s, calls <= 0.25x',
    specs: tasks(10, 2, base + h, [25, 45]),
    t0: base + h,
    ...(one ? { dataDir: one.dir } : {}),
    peers: true
  }
  if (only.has(2)) print(second, (await runScenario(second)).rows)
  else if (one) fs.rmSync(one.dir, { recursive: true, force: true })
  // the large scenarios each start from a fresh history: [number, tasks, finishing after (s), name, goal, peers]
  const large = [
    [3, 200, [3, 60], '200 tasks finishing 3-60 s after their first query', 'p95 <= 19 s (round-robin at exactly 10 calls/s: 17.4 s), <= 20 rate-limit answers, calls <= 1/3', true],
    [4, 1000, [10, 300], '1,000 tasks finishing 10-300 s after their first query', 'once the limit is found, at most one rate-limit answer a minute (probing); every task seen', false]
  ] as const
  for (const [n, count, range, name, goal, peers] of large) {
    if (!only.has(n)) continue
    const sc: Scenario = { name: `${n}. ${name}`, goal, specs: tasks(count, n, base, range), t0: base, peers }
    print(sc, (await runScenario(sc)).rows)
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const started = performance.now()
  const picked = process.argv.slice(2).map(Number).filter((n) => n >= 1 && n <= 4)
  runTrackingBench(picked.length > 0 ? new Set(picked) : undefined)
    .then(() => console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(1)} s wall`))
    .catch((e: unknown) => {
      console.error(e)
      process.exitCode = 1
    })
}
