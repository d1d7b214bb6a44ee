// Tracking benchmark: 1,000 tasks that finish at random times, tracked (a) by the app's PollScheduler with its
// default options through the real services, and (b) by the vendor's sample strategy (query every task every
// second until it is finished -- here also stopped on 'failed', which the vendor's sample never does), with the
// same real client and history store. Run: npx tsx bench/tracking.ts [tasks]
//
// Discrete-event: one ManualClock is the simulator's clock, the signature timestamps' clock and the poller's
// clock, and it only moves when no call is in flight. Every call is real HTTP to the simulator on 127.0.0.1 and
// every answer a real SQLite write, but minutes of polling replay in seconds.
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

const T0 = Date.UTC(2026, 0, 1)
const QUERY_API = '/ai/virtual/model/generation/query'

export interface StrategyFigures {
  strategy: string
  tasks: number
  /** query calls that reached the simulator */
  calls: number
  callsPerTask: number
  maxCallsPerTask: number
  /** from the task finishing on the server (sim.finishedAt) to the store recording it, virtual ms */
  delayP50Ms: number
  delayP95Ms: number
  delayMaxMs: number
  /** most call starts within any 1 s (virtual) */
  peakQps: number
  /** seconds (1 s buckets of virtual time) with more calls than the app's default budget */
  secondsOverBudget: number
  /** virtual time from the first call to the last task recorded as finished/failed */
  virtualMs: number
  wallMs: number
  finished: number
  failed: number
  /** tasks not recorded as terminal at the end (should be 0) */
  unresolved: number
}

export interface TrackingBenchResult {
  tasks: number
  seed: number
  finishWindowS: [number, number]
  failShare: number
  /** the app's default calls-per-second budget (DEFAULT_POLL_OPTIONS.maxQps) */
  budgetQps: number
  scheduler: StrategyFigures
  vendor: StrategyFigures
}

export interface TrackingBenchOptions {
  tasks?: number
  seed?: number
  /** tasks finish uniformly in [min, max] seconds of virtual time after the start */
  finishWindowS?: [number, number]
  /** share of tasks that end 'failed' */
  failShare?: number
  log?: (line: string) => void
}

function uuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

/** The scenario: the same ids, finish times and outcomes for both strategies. */
function scenario(count: number, seed: number, [minS, maxS]: [number, number], failShare: number): TaskSpec[] {
  const random = seededRandom(seed)
  return Array.from({ length: count }, () => {
    const id = uuid(random)
    const finishAt = T0 + Math.round((minS + random() * (maxS - minS)) * 1000)
    const failed = random() < failShare
    // submitted -> running after the 1st answer -> finished/failed at finishAt, whatever the queries
    return { id, finishAt, images: 1, ...(failed ? { finalStatus: 'failed', failMessage: 'model failed (simulated)' } : {}) }
  })
}

const percentile = (sorted: number[], p: number): number => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!)

interface Rig {
  clock: ManualClock
  sim: Simulator
  services: Services
  close(): Promise<void>
}

async function openRig(specs: TaskSpec[], seed: number): Promise<Rig> {
  const clock = new ManualClock(T0)
  const sim = await startSimulator({ now: () => clock.now(), tasks: specs, logLimit: Number.MAX_SAFE_INTEGER, controlApi: false })
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aidge-bench-tracking-'))
  const credentials = createMemoryStore()
  await credentials.set({ accessKeyName: sim.accessKeyName, secret: sim.secret })
  // No pollOptions: the scheduler runs with the app's defaults (settings defaults = DEFAULT_POLL_OPTIONS).
  const services = await createServices({ dataDir: dir, credentials, env: {}, connection: { endpoint: sim.url }, clock, random: seededRandom(seed + 1) })
  return {
    clock,
    sim,
    services,
    async close() {
      await services.close()
      await sim.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }
}

function figures(strategy: string, rig: Rig, specs: TaskSpec[], wallMs: number, budgetQps: number): StrategyFigures {
  const stats = rig.sim.stats()
  const starts = stats.log.filter((e) => e.path === QUERY_API).map((e) => e.at).sort((a, b) => a - b)
  const perSecond = new Map<number, number>()
  for (const at of starts) perSecond.set(Math.floor((at - T0) / 1000), (perSecond.get(Math.floor((at - T0) / 1000)) ?? 0) + 1)
  const delays: number[] = []
  let finished = 0
  let failed = 0
  let unresolved = 0
  let lastRecorded = T0
  for (const spec of specs) {
    const rec = rig.services.history.getTask(spec.id)
    const serverAt = rig.sim.finishedAt(spec.id)
    if (!rec || rec.finishedAt === null || serverAt === undefined) {
      unresolved++
      continue
    }
    if (rec.status === 'failed') failed++
    else finished++
    delays.push(rec.finishedAt - serverAt)
    lastRecorded = Math.max(lastRecorded, rec.finishedAt)
  }
  delays.sort((a, b) => a - b)
  const perTask = Object.values(stats.callsByTask)
  return {
    strategy,
    tasks: specs.length,
    calls: stats.queryCalls,
    callsPerTask: stats.queryCalls / specs.length,
    maxCallsPerTask: Math.max(...perTask),
    delayP50Ms: percentile(delays, 50),
    delayP95Ms: percentile(delays, 95),
    delayMaxMs: delays.at(-1) ?? NaN,
    peakQps: peakInWindow(starts),
    secondsOverBudget: [...perSecond.values()].filter((n) => n > budgetQps).length,
    virtualMs: lastRecorded - T0,
    wallMs,
    finished,
    failed,
    unresolved
  }
}

/** (a) the app: services.addTasks, then the scheduler alone decides when to call. */
async function runScheduler(specs: TaskSpec[], seed: number, log: (line: string) => void): Promise<StrategyFigures> {
  const rig = await openRig(specs, seed)
  try {
    const started = performance.now()
    const scheduler = rig.services.scheduler
    rig.services.addTasks(specs.map((s) => s.id))
    let nextReport = T0 + 300_000
    const end = await drive(rig.clock, scheduler, {
      until: () => {
        if (rig.clock.now() >= nextReport) {
          log(`  scheduler: ${Math.round((rig.clock.now() - T0) / 1000)} s virtual, ${scheduler.status().activeTasks} tasks left, ${((performance.now() - started) / 1000).toFixed(1)} s wall`)
          nextReport += 300_000
        }
        return scheduler.status().activeTasks === 0
      },
      maxTime: T0 + 6 * 3_600_000
    })
    if (end.reason !== 'until') throw new Error(`the scheduler run ended by ${end.reason} with ${scheduler.status().activeTasks} tasks left`)
    return figures('PollScheduler, default options', rig, specs, performance.now() - started, DEFAULT_POLL_OPTIONS.maxQps)
  } finally {
    await rig.close()
  }
}

/**
 * (b) the vendor's sample, once per task: query, sleep 1 s, repeat. All tasks' loops run side by side, so each
 * virtual second every unfinished task is queried once (the calls of one second go out together; the client's
 * connection pool queues them). Unlike the sample, a loop also ends on 'failed'. A failed call is recorded and
 * retried the next second, as the sample does.
 */
async function runVendor(specs: TaskSpec[], seed: number, log: (line: string) => void): Promise<StrategyFigures> {
  const rig = await openRig(specs, seed)
  try {
    const started = performance.now()
    const { history } = rig.services
    const client = rig.services.client()
    history.addTasks(specs.map((s) => s.id))
    let pending = specs.map((s) => s.id)
    let nextReport = T0 + 60_000
    while (pending.length > 0) {
      const now = rig.clock.now()
      const done = new Set<string>()
      await Promise.all(
        pending.map(async (id) => {
          try {
            const result = await client.queryTask(id)
            history.recordQuery(id, result, rig.clock.now())
            if (isTerminalStatus(result.status)) done.add(id)
          } catch (e) {
            if (!(e instanceof AidgeError)) throw e
            history.recordError(id, e.toJSON(), { endTracking: false }, rig.clock.now())
          }
        })
      )
      pending = pending.filter((id) => !done.has(id))
      if (now >= nextReport) {
        log(`  vendor: ${Math.round((now - T0) / 1000)} s virtual, ${pending.length} tasks left, ${((performance.now() - started) / 1000).toFixed(1)} s wall`)
        nextReport += 60_000
      }
      rig.clock.advanceTo(now + 1000)
    }
    return figures("vendor's sample (1 s loop per task)", rig, specs, performance.now() - started, DEFAULT_POLL_OPTIONS.maxQps)
  } finally {
    await rig.close()
  }
}

export async function runTrackingBench(options: TrackingBenchOptions = {}): Promise<TrackingBenchResult> {
  const tasks = options.tasks ?? 1000
  const seed = options.seed ?? 20260101
  const finishWindowS = options.finishWindowS ?? [10, 300]
  const failShare = options.failShare ?? 0.1
  const log = options.log ?? (() => {})
  const specs = scenario(tasks, seed, finishWindowS, failShare)
  log(`scheduler run (${tasks} tasks)...`)
  const scheduler = await runScheduler(specs, seed, log)
  log(`vendor-sample run (${tasks} tasks)...`)
  const vendor = await runVendor(specs, seed, log)
  return { tasks, seed, finishWindowS, failShare, budgetQps: DEFAULT_POLL_OPTIONS.maxQps, scheduler, vendor }
}

function printTable(r: TrackingBenchResult): void {
  const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`
  const rows: Array<[string, (f: StrategyFigures) => string]> = [
    ['tasks (finished / failed)', (f) => `${f.tasks} (${f.finished} / ${f.failed})`],
    ['total query calls', (f) => f.calls.toLocaleString('en')],
    ['calls per task, mean (max)', (f) => `${f.callsPerTask.toFixed(1)} (${f.maxCallsPerTask})`],
    ['finish -> recorded, p50', (f) => s(f.delayP50Ms)],
    ['finish -> recorded, p95', (f) => s(f.delayP95Ms)],
    ['finish -> recorded, max', (f) => s(f.delayMaxMs)],
    ['peak QPS (any 1 s, virtual)', (f) => String(f.peakQps)],
    [`seconds above ${r.budgetQps} calls/s`, (f) => String(f.secondsOverBudget)],
    ['virtual time to last result', (f) => s(f.virtualMs)],
    ['wall-clock run time', (f) => s(f.wallMs)],
    ['tasks never resolved', (f) => String(f.unresolved)]
  ]
  const header = ['', r.scheduler.strategy, r.vendor.strategy]
  const lines = rows.map(([name, get]) => [name, get(r.scheduler), get(r.vendor)])
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)))
  const row = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')
  console.log(
    `\n${r.tasks.toLocaleString('en')} tasks finishing uniformly in ${r.finishWindowS[0]}-${r.finishWindowS[1]} s of virtual time, ` +
      `${Math.round(r.failShare * 100)}% failing; real HTTP to the simulator on 127.0.0.1, real SQLite (synchronous=FULL); seed ${r.seed}`
  )
  console.log(
    `scheduler defaults: ${DEFAULT_POLL_OPTIONS.initialIntervalMs / 1000} s first interval x${DEFAULT_POLL_OPTIONS.backoffFactor} ` +
      `±${DEFAULT_POLL_OPTIONS.jitter * 100}% up to ${DEFAULT_POLL_OPTIONS.maxIntervalMs / 1000} s, ` +
      `at most ${DEFAULT_POLL_OPTIONS.maxQps} calls/s and ${DEFAULT_POLL_OPTIONS.maxInFlight} in flight`
  )
  console.log(`vendor's sample: every task every 1 s until finished; here it also stops on 'failed' (the sample never does)\n`)
  console.log(row(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'))
  for (const l of lines) console.log(row(l))
  const v = r.vendor
  console.log(
    `\nThe vendor's strategy peaks at ${v.peakQps} calls/s (one per unfinished task per second) and stays above ${r.budgetQps} calls/s ` +
      `for ${v.secondsOverBudget} s. Aidge publishes no QPS figure, but answers resCode 501 "rate limit exceed" once an app passes ` +
      `its limit (raised only on request); at this scale the sample's loop would be rate-limited and, since it never backs off, ` +
      `keep hammering. The scheduler never started more than ${r.scheduler.peakQps} calls in any second; its latency is the ` +
      `price of that budget (${r.tasks} tasks / ${r.budgetQps} calls/s = one round every ${Math.round(r.tasks / r.budgetQps)} s).`
  )
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const tasks = process.argv[2] ? Number(process.argv[2]) : undefined
  const started = performance.now()
  runTrackingBench({ ...(tasks ? { tasks } : {}), log: (line) => console.log(line) })
    .then((result) => {
      printTable(result)
      console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(1)} s`)
    })
    .catch((e: unknown) => {
      console.error(e)
      process.exitCode = 1
    })
}

