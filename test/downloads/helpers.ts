// Shared setup for the downloader tests: a simulator over real HTTP, a real SQLite history in a temp folder,
// the real Aidge client for re-queries, and a downloader with short backoffs so fault tests stay fast.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach } from 'vitest'
import { AidgeClient } from '../../src/main/aidge'
import { createDownloader, LOCAL_ENDPOINT_HOSTS, refreshWithClient, type Downloader, type DownloaderOptions } from '../../src/main/downloads'
import { createMemoryStore } from '../../src/main/credentials'
import { openHistoryStore, type HistoryStore } from '../../src/main/history'
import { createServices, type Services } from '../../src/main/services'
import { startSimulator, type Simulator, type SimulatorOptions, type TaskSpec } from '../sim'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!()
})

export function onCleanup(fn: () => unknown): void {
  cleanups.push(fn)
}

export function tempDir(prefix = 'aidge-dl-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  onCleanup(() => fs.rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** A finished-at-once task with these images. */
export function finishedTask(id: string, images: TaskSpec['images'] = 2): TaskSpec {
  return { id, lifecycle: [{ status: 'finished' }], images }
}

export interface Setup {
  sim: Simulator
  store: HistoryStore
  client: AidgeClient
  dataDir: string
  /** a fresh, not yet existing download folder */
  target: string
  /** task ids the downloader re-queried, in order */
  refreshCalls: string[]
  refresh: NonNullable<DownloaderOptions['refresh']>
  /** queries each task once through the real client and records it, as the poller would */
  seed(...taskIds: string[]): Promise<void>
  downloader(opts?: Partial<DownloaderOptions>): Downloader
  /** the image requests the simulator saw for a task, as their outcomes ('http:200', 'http:206', 'fault:imageReset'...) */
  imageOutcomes(taskId?: string): string[]
}

export async function setup(tasks: TaskSpec[], simOptions: SimulatorOptions = {}): Promise<Setup> {
  const sim = await startSimulator({ tasks, ...simOptions })
  onCleanup(() => sim.close())
  const dataDir = tempDir('aidge-dl-data-')
  const store = openHistoryStore({ dataDir, synchronous: 'NORMAL' })
  onCleanup(() => store.close())
  const client = new AidgeClient({ credentials: { accessKeyName: sim.accessKeyName, secret: sim.secret }, endpoint: sim.url })
  onCleanup(() => client.close())
  const refreshCalls: string[] = []
  const viaClient = refreshWithClient(client, store)
  const refresh: Setup['refresh'] = (taskId, signal) => {
    refreshCalls.push(taskId)
    return viaClient(taskId, signal)
  }
  const target = path.join(tempDir('aidge-dl-out-'), 'downloads')
  return {
    sim,
    store,
    client,
    dataDir,
    target,
    refreshCalls,
    refresh,
    async seed(...taskIds) {
      for (const id of taskIds) store.recordQuery(id, await client.queryTask(id))
    },
    downloader(opts = {}) {
      const d = createDownloader({
        history: store,
        imageHosts: () => LOCAL_ENDPOINT_HOSTS, // the simulator serves images on 127.0.0.1
        refresh,
        retry: { baseDelayMs: 20, maxDelayMs: 200, maxAttempts: 5 },
        stallTimeoutMs: 2_000,
        ...opts
      })
      onCleanup(() => d.close())
      return d
    },
    imageOutcomes(taskId) {
      return sim
        .stats()
        .log.filter((e) => e.path.startsWith('/oss/') && (taskId === undefined || e.taskId === taskId))
        .map((e) => e.outcome)
    }
  }
}

/** Real services on a temp folder, talking to a simulator, polling fast (as the app and the CLI compose them). */
export async function servicesOnSim(tasks: TaskSpec[]): Promise<{ sim: Simulator; services: Services }> {
  const sim = await startSimulator({ tasks })
  onCleanup(() => sim.close())
  const credentials = createMemoryStore()
  await credentials.set({ accessKeyName: sim.accessKeyName, secret: sim.secret })
  const services = await createServices({
    dataDir: tempDir(),
    credentials,
    env: {},
    connection: { endpoint: sim.url },
    pollOptions: { initialIntervalMs: 20, maxIntervalMs: 100, maxRetryDelayMs: 100, maxQps: 50, jitter: 0.1 }
  })
  onCleanup(() => services.close())
  return { sim, services }
}

/** Every file under a folder, relative, '/'-separated, sorted (hidden partial files included). */
export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  const out: string[] = []
  const walk = (d: string, rel: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name
      if (e.isDirectory()) walk(path.join(d, e.name), r)
      else out.push(r)
    }
  }
  walk(dir, '')
  return out.sort()
}

export function partFiles(dir: string): string[] {
  return listFiles(dir).filter((f) => path.basename(f).startsWith('.aidge-'))
}

/** Tries a privileged mount (tests run as root in CI containers); false when it is not permitted here. */
export function tryMount(args: string[], dir: string): boolean {
  const r = spawnSync('mount', [...args, dir], { stdio: 'ignore' })
  if (r.status !== 0) return false
  onCleanup(() => spawnSync('umount', ['-l', dir], { stdio: 'ignore' }))
  return true
}
