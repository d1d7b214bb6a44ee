// The UI test environment: a simulator, the real services on a temp data folder (credentials in the isolated
// keyring of scripts/with-keyring.sh when WITH_KEYRING=1, else in memory), the test harness serving the built
// renderer with the real handler table, and one Chromium page on it. restart() stops the harness and the services
// and starts new ones on the same data folder, as quitting and reopening the app would.
import type { Browser, Page } from '@playwright/test'
import { randomUUID } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCredentialStore, createMemoryStore, type CredentialStore } from '../../src/main/credentials'
import { createServices, type Services } from '../../src/main/services'
import { startHarness, type Harness } from '../harness/server'
import { startSimulator, type Simulator, type SimulatorOptions } from '../sim'

/** Fast polling: simulated tasks finish within a second or two of real time. */
// the backoff schedule at a fixed rate: these lifecycles end after a number of queries, not after a time
export const FAST_POLL = { schedule: 'backoff' as const, adaptiveRate: false, initialIntervalMs: 50, maxIntervalMs: 300, maxRetryDelayMs: 300, maxQps: 20, jitter: 0.1 }

/** Submits without the app's cautious 1/s default: a handful of photos goes out at once. */
export const FAST_SUBMIT = { maxPerSecond: 20, retryPauseMs: 50 }

export const VIEWPORT = { width: 1360, height: 860 }

export interface UiEnvOptions {
  /** put the simulator's key into the credential store before the page opens */
  presetCredentials?: boolean
  sim?: SimulatorOptions
  /** the operating system's language as main reports it (Electron's app.getPreferredSystemLanguages()) */
  language?: string
  viewport?: { width: number; height: number }
}

export interface UiEnv {
  sim: Simulator
  services: Services
  harness: Harness
  page: Page
  root: string
  dataDir: string
  credentialBackend: 'keychain' | 'memory'
  /** uncaught errors and unhandled rejections in the page */
  pageErrors: string[]
  /** a new folder under root */
  dir(name: string): string
  /** stop harness and services; start new ones on the same data folder; open the page on the new harness.
   * `whileStopped` runs in between, as something done to the data folder while the app is closed. */
  restart(whileStopped?: () => void | Promise<void>): Promise<void>
  close(): Promise<void>
}

async function openCredentials(serviceName: string): Promise<{ store: CredentialStore; backend: 'keychain' | 'memory' }> {
  // Outside scripts/with-keyring.sh a keyring found would be the developer's own: never write test entries there.
  if (process.env['WITH_KEYRING'] !== '1') return { store: createMemoryStore(), backend: 'memory' }
  const store = await createCredentialStore({ serviceName, env: {} })
  const status = await store.status()
  return { store, backend: status.backend === 'keychain' ? 'keychain' : 'memory' }
}

export async function startUiEnv(browser: Browser, options: UiEnvOptions = {}): Promise<UiEnv> {
  const root = mkdtempSync(join(tmpdir(), 'aidge-ui-'))
  const dataDir = join(root, 'data')
  const sim = await startSimulator({ ...options.sim })
  const serviceName = `aidge-task-desk-ui-${randomUUID().slice(0, 8)}`
  const { store, backend } = await openCredentials(serviceName)
  if (options.presetCredentials) await store.set({ accessKeyName: sim.accessKeyName, secret: sim.secret })

  const boot = async (credentials: CredentialStore): Promise<{ services: Services; harness: Harness }> => {
    const services = await createServices({ dataDir, credentials, env: {}, connection: { endpoint: sim.url }, pollOptions: FAST_POLL, submitOptions: FAST_SUBMIT })
    const harness = await startHarness({ services, media: services.mediaFile, ...(options.language ? { language: options.language } : {}) })
    return { services, harness }
  }

  let { services, harness } = await boot(store)
  const page = await browser.newPage({ viewport: options.viewport ?? VIEWPORT })
  const pageErrors: string[] = []
  page.on('pageerror', (e) => pageErrors.push(e.message))
  await page.goto(harness.url)

  const env: UiEnv = {
    sim,
    services,
    harness,
    page,
    root,
    dataDir,
    credentialBackend: backend,
    pageErrors,
    dir(name) {
      const d = join(root, name)
      mkdirSync(d, { recursive: true })
      return d
    },
    async restart(whileStopped) {
      const dialogs = env.harness.dialogs
      await env.harness.close()
      await env.services.close()
      await whileStopped?.()
      // what the next start of the app reads: the same keychain entry (or, without a keyring, the same memory)
      const credentials = backend === 'keychain' ? await createCredentialStore({ serviceName, env: {} }) : store
      ;({ services, harness } = await boot(credentials))
      Object.assign(harness.dialogs, { nextFolder: dialogs.nextFolder, nextSaveFile: dialogs.nextSaveFile, nextPhotos: dialogs.nextPhotos })
      env.services = services
      env.harness = harness
      await page.goto(harness.url)
    },
    async close() {
      await page.close().catch(() => undefined)
      await env.harness.close().catch(() => undefined)
      await env.services.close().catch(() => undefined)
      await store.clear().catch(() => undefined)
      await sim.close().catch(() => undefined)
      rmSync(root, { recursive: true, force: true })
    }
  }
  return env
}

/** Simulated task ids in the vendor's form. */
export function uuids(n: number): string[] {
  return Array.from({ length: n }, () => randomUUID())
}
