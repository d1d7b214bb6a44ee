// A real simulator over HTTP, real services (SQLite file in a temp folder, memory credentials) and helpers to
// wait on the scheduler's events. Everything a test starts is closed after it.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach } from 'vitest'
import { createMemoryStore, type CredentialStore } from '../../src/main/credentials'
import { createServices, type Services } from '../../src/main/services'
import type { ManualClock, PollOptions, PollScheduler } from '../../src/main/tracking'
import type { TaskRecord } from '../../src/main/history/types'
import type { TrackingStatus } from '../../src/shared/tracking'
import { startSimulator, type LogEntry, type Simulator, type SimulatorOptions } from '../sim'

export const QUERY_API = '/ai/virtual/model/generation/query'

/** Small real-time intervals for integration tests: a task is polled every 20-200 ms, at most 40 calls a second. */
export const FAST: Partial<PollOptions> = {
  // These tests pin the backoff schedule at a fixed rate; the likely schedule and AIMD have their own tests.
  schedule: 'backoff',
  adaptiveRate: false,
  initialIntervalMs: 20,
  backoffFactor: 1.5,
  jitter: 0.2,
  maxIntervalMs: 200,
  maxRetryDelayMs: 200,
  maxQps: 40,
  maxInFlight: 4,
  staleAfterMs: 60_000,
  maxBusinessRetries: 3,
  rateLimitPauseMs: 200,
  maxRateLimitPauseMs: 1_000
}

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!()
})

export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aidge-tracking-test-'))
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }))
  return dir
}

export interface Env {
  sim: Simulator
  services: Services
  scheduler: PollScheduler
  credentials: CredentialStore
  dir: string
  clock: ManualClock | undefined
  /** every tracking:state the current services emitted, in order */
  states: TrackingStatus[]
  /** every task:updated the current services emitted, in order */
  updates: TaskRecord[]
  /** closes the services (the simulator stays up) and opens new ones on the same folder, without start() */
  reopen(): Promise<Services>
}

export interface EnvOptions {
  sim?: SimulatorOptions
  poll?: Partial<PollOptions>
  clock?: ManualClock
  random?: () => number
  /** credentials to store instead of the simulator's own */
  secret?: string
  /** the data folder (default: a new temp folder) */
  dataDir?: string
}

export async function startEnv(opts: EnvOptions = {}): Promise<Env> {
  const clock = opts.clock
  const sim = await startSimulator({ ...(clock ? { now: () => clock.now() } : {}), ...opts.sim })
  cleanups.push(() => sim.close())
  const dir = opts.dataDir ?? tempDir()
  const credentials = createMemoryStore()
  await credentials.set({ accessKeyName: sim.accessKeyName, secret: opts.secret ?? sim.secret })

  const open = async (): Promise<Services> => {
    const services = await createServices({
      dataDir: dir,
      credentials,
      env: {},
      connection: { endpoint: sim.url },
      pollOptions: { ...FAST, ...opts.poll },
      ...(clock ? { clock } : {}),
      ...(opts.random ? { random: opts.random } : {})
    })
    let closed = false
    const close = services.close
    services.close = async () => {
      if (closed) return
      closed = true
      await close()
    }
    cleanups.push(() => services.close())
    services.scheduler.on('tracking:state', (s) => env.states.push(s))
    services.scheduler.on('task:updated', (t) => env.updates.push(t))
    return services
  }

  const env: Env = {
    sim,
    services: undefined as unknown as Services,
    scheduler: undefined as unknown as PollScheduler,
    credentials,
    dir,
    clock,
    states: [],
    updates: [],
    async reopen() {
      await env.services.close()
      env.services = await open()
      env.scheduler = env.services.scheduler
      return env.services
    }
  }
  env.services = await open()
  env.scheduler = env.services.scheduler
  return env
}

/**
 * Resolves once `check` holds, re-checking at every scheduler event (and on a short real-time beat, for
 * conditions that depend on the simulator only). Fails with `what` after `timeoutMs`.
 */
export function waitFor(scheduler: PollScheduler, check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err?: Error): void => {
      clearTimeout(timer)
      clearInterval(beat)
      scheduler.off('task:updated', onEvent)
      scheduler.off('tracking:state', onEvent)
      if (err) reject(err)
      else resolve()
    }
    const onEvent = (): void => {
      if (check()) done()
    }
    const timer = setTimeout(() => done(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs)
    const beat = setInterval(onEvent, 10)
    scheduler.on('task:updated', onEvent)
    scheduler.on('tracking:state', onEvent)
    onEvent()
  })
}

/** Every task in the history has reached a tracking state other than 'active'. */
export function allSettled(services: Services): boolean {
  return services.history.activeTasks().length === 0 && services.scheduler.status().activeTasks === 0
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** The simulator's log of query calls for one task (or all), oldest first. */
export function queryLog(sim: Simulator, taskId?: string): LogEntry[] {
  return sim.stats().log.filter((e) => e.path === QUERY_API && (taskId === undefined || e.taskId === taskId))
}

/** A task id the way the vendor writes them (UUID), numbered so a test can tell them apart. */
export function taskId(n: number, prefix = 0): string {
  const hex = (v: number, len: number): string => v.toString(16).padStart(len, '0').slice(-len)
  return `${hex(prefix, 8)}-0000-4000-a000-${hex(n, 12)}`
}
