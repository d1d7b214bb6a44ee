// The Aidge simulator: one node:http server on 127.0.0.1 with the API gateway under /rest, an OSS-like object
// store under /oss and a control API under /__sim/. See index.ts for the public surface.
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { handleControl } from './control'
import { FarStore, type FarStoreSpec } from './farStore'
import { FaultRegistry, type ActiveFault } from './faults'
import { type GatewayState, handleRest } from './gateway'
import { BodyTooLarge, sendJson, Timers } from './httpParts'
import { ImageCache } from './images'
import { handleOss, mintImageUrl } from './oss'
import { SlidingWindow, StatsRecorder } from './stats'
import { TaskStore } from './tasks'
import type { FaultSpec, QuotaMode, SimStats, SimulatorOptions, TaskSnapshot, TaskSpec } from './types'

export interface SimConfig {
  quota: QuotaMode
  qpsLimit: number | undefined
  qpsLimitAnswer: 'business501' | 'gatewayApiCallLimit'
  autoTasks: boolean
  maxSkewMs: number
  urlTtlMs: number
  balance: number
  submitQpsLimit: number | undefined
  submitAnswer: 'result' | 'flat'
  submitBalance: number
  answerLatencyMs: number
  /** the object store as seen across a long line (null: as fast as loopback) */
  farStore: FarStoreSpec | null
}

export interface Simulator {
  /** http://127.0.0.1:PORT */
  readonly url: string
  readonly port: number
  readonly accessKeyName: string
  readonly secret: string
  addTask(spec: TaskSpec): TaskSnapshot
  addTasks(specs: TaskSpec[]): TaskSnapshot[]
  getTask(id: string): TaskSnapshot | undefined
  taskIds(): string[]
  /** sim-clock ms when the task became finished/failed on the server side; undefined while it has not */
  finishedAt(id: string): number | undefined
  imageBytes(taskId: string, index: number): Promise<Buffer>
  /** a signed result URL; expiresAt (sim-clock ms) defaults to now + urlTtlMs and may be in the past */
  imageUrl(taskId: string, index: number, opts?: { expiresAt?: number }): string
  /** serve these bytes at {url}/files/{name} (a photo a submit may name by imageUrl); returns the URL */
  hostFile(name: string, bytes: Buffer): string
  /** register a fault; returns its id */
  fault(spec: FaultSpec): string
  clearFaults(id?: string): void
  activeFaults(): ActiveFault[]
  configure(patch: Partial<SimConfig>): void
  stats(): SimStats
  resetStats(): void
  /** clear tasks, faults and stats (options such as quota stay) */
  reset(): void
  /** answers decided and waiting out answerLatencyMs */
  heldAnswers(): number
  /** object-store requests open right now (answered or not) */
  imagesInFlight(): number
  /** close the server and every socket, stalled ones included */
  close(): Promise<void>
}

function randomSecret(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
  return [...randomBytes(32)].map((b) => alphabet[b % alphabet.length]).join('')
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const now = options.now ?? Date.now
  const state: GatewayState = {
    accessKeyName: options.accessKeyName ?? '512345',
    secret: options.secret ?? randomSecret(),
    maxSkewMs: options.maxSkewMs ?? 15 * 60_000,
    quota: options.quota ?? 'ok',
    qpsLimit: options.qpsLimit,
    qpsLimitAnswer: options.qpsLimitAnswer ?? 'business501',
    urlTtlMs: options.urlTtlMs ?? 3_600_000,
    balance: options.balance ?? 1000,
    submitQpsLimit: options.submitQpsLimit,
    submitAnswer: options.submitAnswer ?? 'result',
    submitBalance: options.submitBalance ?? 1000,
    answerLatencyMs: options.answerLatencyMs ?? 0
  }
  const tasks = new TaskStore(now, options.autoTasks ?? false)
  const faults = new FaultRegistry(now)
  const stats = new StatsRecorder(options.logLimit ?? 2000)
  const images = new ImageCache()
  const timers = new Timers()
  const far = new FarStore(timers)
  far.configure(options.farStore ?? null)
  const admitted = new SlidingWindow(options.qpsClock === 'sim' ? now : undefined)
  let held = 0
  const holdOn = options.holdAnswer ?? ((ms: number, fn: () => void) => timers.later(ms, fn))
  const hold = (ms: number, fn: () => void): void => {
    held++
    holdOn(ms, () => {
      held--
      fn()
    })
  }
  const submitAdmitted = new SlidingWindow()
  const files = new Map<string, Buffer>()
  const sockets = new Set<Socket>()
  let base = ''
  const controlApi = options.controlApi ?? true

  const hosted = (url: string): Buffer | undefined => (url.startsWith(`${base}/files/`) ? files.get(url.slice(base.length + '/files/'.length)) : undefined)
  const gatewayDeps = { state, tasks, faults, stats, timers, admitted, submitAdmitted, now, baseUrl: () => base, hosted, hold }
  const ossDeps = { tasks, images, faults, stats, timers, now, far }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/'
    const rawPath = rawUrl.split('?')[0] ?? '/'
    const url = new URL(rawUrl.startsWith('/') ? rawUrl : `/${rawUrl}`, 'http://127.0.0.1')
    if (rawPath.startsWith('/rest/')) return handleRest(gatewayDeps, req, res, url, rawPath.slice('/rest'.length))
    if (rawPath.startsWith('/oss/')) return handleOss(ossDeps, req, res, url, rawPath)
    if (rawPath.startsWith('/files/')) {
      const bytes = files.get(rawPath.slice('/files/'.length))
      if (!bytes) return sendJson(res, 404, { ok: false, error: `no file ${rawPath}` })
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(bytes.length) })
      return void res.end(bytes)
    }
    if (controlApi && rawPath.startsWith('/__sim/')) return handleControl(sim, req, res, rawPath)
    sendJson(res, 404, { ok: false, error: `nothing at ${rawPath}` })
  }

  const server = createServer((req, res) => {
    // the simulator's clock, as a real server's Date header carries its own (what a clock-skew check reads)
    res.setHeader('date', new Date(now()).toUTCString())
    route(req, res).catch((e: unknown) => {
      if (res.headersSent) return void res.destroy()
      sendJson(res, e instanceof BodyTooLarge ? 413 : 500, { ok: false, error: e instanceof Error ? e.message : String(e) })
    })
  })
  server.on('connection', (s: Socket) => {
    stats.connectionOpened()
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  base = `http://127.0.0.1:${port}`

  const mustGet = (id: string) => {
    const t = tasks.get(id)
    if (!t) throw new Error(`simulator: no task ${id}`)
    return t
  }
  const mustImage = (taskId: string, index: number) => {
    const task = mustGet(taskId)
    const img = task.images[index]
    if (!img) throw new Error(`simulator: task ${taskId} has no image ${index}`)
    return { task, img }
  }
  let closing: Promise<void> | undefined

  const sim: Simulator = {
    url: base,
    port,
    accessKeyName: state.accessKeyName,
    secret: state.secret,
    addTask: (spec) => tasks.snapshot(tasks.add(spec)),
    addTasks: (specs) => specs.map((s) => tasks.snapshot(tasks.add(s))),
    getTask: (id) => {
      const t = tasks.get(id)
      return t ? tasks.snapshot(t) : undefined
    },
    taskIds: () => tasks.ids(),
    finishedAt: (id) => {
      const t = tasks.get(id)
      return t ? tasks.finishedAt(t) : undefined
    },
    imageBytes: (taskId, index) => images.bytes(mustImage(taskId, index).img),
    imageUrl: (taskId, index, opts = {}) => {
      const { task, img } = mustImage(taskId, index)
      return mintImageUrl(base, task, img, opts.expiresAt ?? now() + state.urlTtlMs)
    },
    hostFile: (name, bytes) => {
      if (!/^[\w.-]{1,100}$/.test(name)) throw new Error(`simulator: a hosted file name is letters, digits, . _ -, not ${JSON.stringify(name)}`)
      files.set(name, Buffer.from(bytes))
      return `${base}/files/${name}`
    },
    fault: (spec) => faults.add(spec),
    clearFaults: (id) => faults.clear(id),
    activeFaults: () => faults.list(),
    configure: (patch) => {
      const { autoTasks, quota, qpsLimitAnswer, maxSkewMs, urlTtlMs, balance, submitAnswer, submitBalance, answerLatencyMs } = patch
      if ('qpsLimit' in patch) state.qpsLimit = patch.qpsLimit ?? undefined
      if ('submitQpsLimit' in patch) state.submitQpsLimit = patch.submitQpsLimit ?? undefined
      if ('farStore' in patch) far.configure(patch.farStore ?? null)
      const set = { quota, qpsLimitAnswer, maxSkewMs, urlTtlMs, balance, submitAnswer, submitBalance, answerLatencyMs }
      Object.assign(state, Object.fromEntries(Object.entries(set).filter(([, v]) => v !== undefined)))
      if (autoTasks !== undefined) tasks.autoTasks = autoTasks
    },
    heldAnswers: () => held,
    imagesInFlight: () => stats.imagesInFlight(),
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    reset: () => {
      tasks.clear()
      faults.clear()
      stats.reset()
      admitted.clear()
      submitAdmitted.clear()
      files.clear()
    },
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        timers.close()
        server.close(() => resolve())
        server.closeAllConnections()
        for (const s of sockets) s.destroy()
      })
      return closing
    }
  }
  for (const spec of options.tasks ?? []) tasks.add(spec)
  return sim
}
