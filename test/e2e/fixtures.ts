// The bridge environment for browser tests: per test file, a simulator on 127.0.0.1, the real services on a temp
// data folder with the real keyring (an isolated one from scripts/with-keyring.sh), the test harness serving the
// real handler table over HTTP, and one Chromium page opened on it. Tests talk to main only the way the renderer
// does: window.api inside the page.
import { test, expect, type Browser, type Page } from '@playwright/test'
import { randomUUID } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { EVENTS, type ChannelArgs, type ChannelName, type ChannelResult, type EventName, type IpcError, type IpcEvents, type IpcResult, type WindowApi } from '../../src/shared/ipc'
import { AIDGE_ERROR_KINDS } from '../../src/shared/aidge'
import { createCredentialStore, createMemoryStore, type CredentialStore } from '../../src/main/credentials'
import { createServices, type Services } from '../../src/main/services'
import { startHarness, type Harness } from '../harness/server'
import { startSimulator, type Simulator, type SimulatorOptions } from '../sim'

export const REQUIRE_KEYRING = process.env['AIDGE_REQUIRE_KEYRING'] === '1'
const HOW_TO_RUN = 'run: bash scripts/with-keyring.sh npx playwright test test/e2e (npm test does)'

/** Fast polling, so tasks finish within a few hundred ms of real time. */
// the backoff schedule at a fixed rate: these lifecycles end after a number of queries, not after a time
export const FAST_POLL = { schedule: 'backoff' as const, adaptiveRate: false, initialIntervalMs: 50, maxIntervalMs: 300, maxRetryDelayMs: 300, maxQps: 20, jitter: 0.1 }

/** What the page's globals hold: the harness's window.api and what the init script / recorder add. */
export interface PageGlobals {
  api: WindowApi
  __sseOpen?: boolean
  __events?: Array<{ event: EventName; payload: unknown }>
}

export interface EnvOptions {
  /** put the simulator's key into the credential store before the page opens */
  presetCredentials?: boolean
  sim?: SimulatorOptions
  /** the simulator's URL saved in settings, as a user would set it, instead of a per-run override (CLI, env) */
  savedEndpoint?: boolean
}

export interface BridgeEnv {
  sim: Simulator
  services: Services
  harness: Harness
  page: Page
  /** the temp folder that holds everything this file writes (data folder, downloads, exports) */
  root: string
  dataDir: string
  /** where the credentials live: the isolated keyring, or memory when none is here (see note) */
  keyring: { backend: 'keychain' | 'memory'; serviceName: string; note: string | null }
  /** a fresh store on the same keychain entry (what the next start of the app would read) */
  reopenCredentials(): Promise<CredentialStore>
  /** the simulator's clock runs this far ahead of the computer's */
  simClock: { offsetMs: number }
  /** channels invoked through window.api so far */
  exercised: Set<string>
  /** uncaught errors in the page */
  pageErrors: string[]
  /** a new folder under root */
  dir(name: string): string
  /** a new folder under root, picked in the folder dialog (the app writes only where the user pointed a dialog) */
  chosenDir(name: string): Promise<string>
  invoke<C extends ChannelName>(channel: C, ...args: ChannelArgs<C>): Promise<IpcResult<ChannelResult<C>>>
  /** invoke and expect success */
  value<C extends ChannelName>(channel: C, ...args: ChannelArgs<C>): Promise<ChannelResult<C>>
  /** tasks:export with the save dialog answering `file` (null: cancelled); the answer is cleared afterwards */
  exportTo(file: string | null, ...args: ChannelArgs<'tasks:export'>): Promise<ChannelResult<'tasks:export'>>
  /** invoke and expect a typed error */
  failure<C extends ChannelName>(channel: C, ...args: ChannelArgs<C>): Promise<IpcError>
  /** window.api.invoke with anything (a hostile renderer ignores the types) */
  invokeAny(channel: string, ...args: unknown[]): Promise<unknown>
  /** a request the page makes itself with fetch, bypassing window.api; token: true = the page's token */
  fetchInPage(path: string, init?: { method?: string; body?: string; token?: string | null; tokenInQuery?: boolean }): Promise<{ status: number; text: string }>
  /** subscribes to every push event in the page and waits until the event stream is open */
  recordEvents(): Promise<void>
  /** the events recorded in the page so far */
  events<E extends EventName>(event: E): Promise<Array<IpcEvents[E]>>
  /** waits (bounded) until the page has received an event that matches */
  waitForEvent<E extends EventName>(event: E, match: (p: IpcEvents[E]) => boolean, timeoutMs?: number): Promise<IpcEvents[E]>
  close(): Promise<void>
}

async function openCredentials(serviceName: string): Promise<{ store: CredentialStore; backend: 'keychain' | 'memory'; note: string | null }> {
  // Outside scripts/with-keyring.sh a keyring found would be the developer's own: never write test entries there.
  if (process.env['WITH_KEYRING'] !== '1') {
    const note = `no isolated keyring (not inside scripts/with-keyring.sh): credentials kept in memory; ${HOW_TO_RUN}`
    if (REQUIRE_KEYRING) throw new Error(`AIDGE_REQUIRE_KEYRING=1 but ${note}`)
    return { store: createMemoryStore(), backend: 'memory', note }
  }
  const store = await createCredentialStore({ serviceName, env: {} })
  const status = await store.status()
  if (status.backend === 'keychain') return { store, backend: 'keychain', note: null }
  const note = `the keyring set up by scripts/with-keyring.sh does not answer (${status.problem}): credentials kept in memory`
  if (REQUIRE_KEYRING) throw new Error(`AIDGE_REQUIRE_KEYRING=1 but ${note}`)
  return { store, backend: 'memory', note }
}

export async function startBridgeEnv(browser: Browser, options: EnvOptions = {}): Promise<BridgeEnv> {
  const cleanups: Array<() => unknown> = []
  const closeAll = async (): Promise<void> => {
    const errors: unknown[] = []
    for (const c of cleanups.splice(0).reverse()) {
      try {
        await c()
      } catch (e) {
        errors.push(e)
      }
    }
    if (errors.length) throw errors[0]
  }
  try {
    const root = mkdtempSync(join(tmpdir(), 'aidge-e2e-'))
    cleanups.push(() => rmSync(root, { recursive: true, force: true }))
    const dataDir = join(root, 'data')

    const simClock = { offsetMs: 0 }
    const sim = await startSimulator({ now: () => Date.now() + simClock.offsetMs, ...options.sim })
    cleanups.push(() => sim.close())

    const serviceName = `aidge-task-desk-e2e-${randomUUID().slice(0, 8)}`
    const { store, backend, note } = await openCredentials(serviceName)
    // the keychain entry is removed again, whatever the test did with it
    cleanups.push(() => store.clear())
    if (options.presetCredentials) await store.set({ accessKeyName: sim.accessKeyName, secret: sim.secret })

    const connection = options.savedEndpoint ? {} : { endpoint: sim.url }
    const services = await createServices({ dataDir, credentials: store, env: {}, connection, pollOptions: FAST_POLL })
    cleanups.push(() => services.close())
    if (options.savedEndpoint) services.updateSettings({ endpoint: sim.url })

    const harness = await startHarness({ services, media: services.mediaFile })
    cleanups.push(() => harness.close())

    const page = await browser.newPage()
    cleanups.push(() => page.close())
    const pageErrors: string[] = []
    page.on('pageerror', (e) => pageErrors.push(e.message))
    // Marks when the page's event stream is open, so a test never races the subscription.
    await page.addInitScript(() => {
      const g = globalThis as unknown as { EventSource: new (url: string) => { addEventListener(type: string, f: () => void): void }; __sseOpen?: boolean }
      const Original = g.EventSource
      g.EventSource = class extends Original {
        constructor(url: string) {
          super(url)
          this.addEventListener('open', () => {
            g.__sseOpen = true
          })
        }
      }
    })
    await page.goto(harness.url)
    await page.waitForFunction(() => typeof (globalThis as unknown as Partial<PageGlobals>).api === 'object', null, { timeout: 10_000 })

    const exercised = new Set<string>()
    const invokeAny = (channel: string, ...args: unknown[]): Promise<unknown> =>
      page.evaluate(([c, a]) => (globalThis as unknown as PageGlobals).api.invoke(c as ChannelName, ...(a as [])), [channel, args] as const)

    const env: BridgeEnv = {
      sim,
      services,
      harness,
      page,
      root,
      dataDir,
      keyring: { backend, serviceName, note },
      reopenCredentials: () => (backend === 'keychain' ? createCredentialStore({ serviceName, env: {} }) : Promise.resolve(store)),
      simClock,
      exercised,
      pageErrors,
      dir(name) {
        const d = join(root, name)
        mkdirSync(d, { recursive: true })
        return d
      },
      async chosenDir(name) {
        const d = env.dir(name)
        harness.dialogs.nextFolder = d
        const r = (await invokeAny('shell:chooseFolder', {})) as IpcResult<unknown>
        harness.dialogs.nextFolder = null
        if (!r.ok) throw new Error(`shell:chooseFolder failed: ${JSON.stringify(r.error)}`)
        return d
      },
      async invoke(channel, ...args) {
        exercised.add(channel)
        return (await invokeAny(channel, ...args)) as IpcResult<ChannelResult<typeof channel>>
      },
      async value(channel, ...args) {
        const r = await env.invoke(channel, ...args)
        if (!r.ok) throw new Error(`${channel} failed: ${JSON.stringify(r.error)}`)
        return r.value
      },
      async exportTo(file, ...args) {
        harness.dialogs.nextSaveFile = file
        try {
          return await env.value('tasks:export', ...args)
        } finally {
          harness.dialogs.nextSaveFile = null
        }
      },
      async failure(channel, ...args) {
        const r = await env.invoke(channel, ...args)
        if (r.ok) throw new Error(`${channel} succeeded where it must fail: ${JSON.stringify(r.value)}`)
        return r.error
      },
      invokeAny,
      fetchInPage(path, init = {}) {
        const token = init.token === undefined ? harness.token : init.token
        return page.evaluate(
          async ({ path, method, body, token, tokenInQuery }) => {
            const url = tokenInQuery && token !== null ? `${path}${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}` : path
            const headers: Record<string, string> = { 'content-type': 'application/json' }
            if (token !== null && !tokenInQuery) headers['x-harness-token'] = token
            const r = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}) })
            return { status: r.status, text: await r.text() }
          },
          { path, method: init.method ?? 'GET', body: init.body, token, tokenInQuery: init.tokenInQuery ?? false }
        )
      },
      async recordEvents() {
        await page.evaluate((events) => {
          const g = globalThis as unknown as PageGlobals
          if (g.__events) return
          const recorded: NonNullable<PageGlobals['__events']> = []
          g.__events = recorded
          for (const event of events) g.api.on(event, (payload) => void recorded.push({ event, payload }))
        }, [...EVENTS])
        await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__sseOpen === true, null, { timeout: 10_000 })
      },
      async events(event) {
        const all = await page.evaluate(() => (globalThis as unknown as PageGlobals).__events ?? [])
        return all.filter((e) => e.event === event).map((e) => e.payload as IpcEvents[typeof event])
      },
      async waitForEvent(event, match, timeoutMs = 15_000) {
        let found: IpcEvents[typeof event] | undefined
        await expect
          .poll(
            async () => {
              found = (await env.events(event)).find(match)
              return found !== undefined
            },
            { timeout: timeoutMs, intervals: [25, 50, 100], message: `the page receives a matching ${event} event` }
          )
          .toBe(true)
        return found as IpcEvents[typeof event]
      },
      close: closeAll
    }
    return env
  } catch (e) {
    await closeAll().catch(() => undefined)
    throw e
  }
}

/**
 * One environment for the whole spec file (its tests run in order and build on each other): registers the hooks
 * and returns the accessor. Tests get an annotation when the real keyring is not in use.
 */
export function useBridgeEnv(options: EnvOptions = {}): () => BridgeEnv {
  let env: BridgeEnv | null = null
  test.describe.configure({ mode: 'serial' })
  test.beforeAll(async ({ browser }) => {
    env = await startBridgeEnv(browser, options)
  })
  test.afterAll(async () => {
    const e = env
    env = null
    await e?.close()
  })
  test.beforeEach(() => {
    const note = env?.keyring.note
    if (note) test.info().annotations.push({ type: 'keyring', description: note })
  })
  return () => {
    if (!env) throw new Error('the bridge environment did not start (see the beforeAll hook error)')
    return env
  }
}

/** What every typed error must look like: nothing but these fields, a known kind, a short message for a person. */
export const ERROR_KINDS: readonly string[] = [...AIDGE_ERROR_KINDS, 'invalidInput', 'notFound', 'forbidden', 'unavailable', 'internal'] satisfies IpcError['kind'][]
const ERROR_FIELDS = new Set(['kind', 'code', 'data', 'message', 'retryable', 'requestId', 'taskId', 'httpStatus', 'retryAfterMs'])

/** Checks one result is a clear typed error and nothing else: no value, no stack, no secret, no file contents. */
export function expectCleanError(result: unknown, secret: string): IpcError {
  expect(result, 'a typed error result').toMatchObject({ ok: false, error: { kind: expect.any(String), code: expect.any(String), message: expect.any(String), retryable: expect.any(Boolean) } })
  const r = result as { ok: false; error: IpcError }
  expect(Object.keys(r).sort()).toEqual(['error', 'ok'])
  for (const k of Object.keys(r.error)) expect(ERROR_FIELDS.has(k), `unexpected error field ${k}`).toBe(true)
  expect(ERROR_KINDS).toContain(r.error.kind)
  expect(r.error.message.length).toBeGreaterThan(0)
  expect(r.error.message.length).toBeLessThan(600)
  expect(r.error.message).not.toMatch(/\n\s+at |\.ts:\d+|node_modules|Error: /)
  expect(r.error.message).not.toContain(secret)
  expect(r.error.message).not.toMatch(/root:x?:0:0/)
  // the parameters the renderer words the error with: flat, short, and as clean as the message
  if (r.error.data !== undefined) {
    for (const v of Object.values(r.error.data)) expect(v === null || ['string', 'number', 'boolean'].includes(typeof v), `error data ${String(v)}`).toBe(true)
    const data = JSON.stringify(r.error.data)
    expect(data.length).toBeLessThan(600)
    expect(data).not.toMatch(/\\n\s+at |\.ts:\d+|node_modules|Error: /)
    expect(data).not.toContain(secret)
    expect(data).not.toMatch(/root:x?:0:0/)
  }
  return r.error
}
