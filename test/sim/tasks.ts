// Simulated tasks: lifecycles driven by queries, by the sim clock (afterMs, finishAt), and hash-based auto tasks.
import { createHash } from 'node:crypto'
import type { ImageSpec, LifecycleStage, ResultForm, TaskSnapshot, TaskSpec } from './types'

export interface ResolvedImage {
  index: number
  format: 'png' | 'jpeg'
  width: number
  height: number
  /** fill with noise (size targets) rather than a compressible pattern */
  noise: boolean
  /** the file name as a client should see it once decoded, e.g. '../evil.png' */
  fileName: string
  /** the same name as it is written into the URL path */
  pathName: string
  contentType: string
  /** identity of the bytes: task id, index and everything that shapes them */
  cacheKey: string
}

export interface SimTask {
  id: string
  token: string
  auto: boolean
  stages: LifecycleStage[]
  finishAt?: number
  createdAt: number
  queries: number
  queryAt: number[]
  stageIndex: number
  reachedAt: number[]
  images: ResolvedImage[]
  resultForm: ResultForm
  urlListAt: 'data' | 'taskResult'
  message?: string
  failMessage?: string
  businessError?: { resCode: number; left: number; resMessage?: string }
  /** answers with links still to be given links that already expired (TaskSpec.expiredLinks) */
  expiredLinksLeft: number
}

export const TERMINAL = new Set(['finished', 'failed'])
const DEFAULT_W = 64
const DEFAULT_H = 96

export function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest()
}

/** Percent-encode a name for a URL path, keeping %XX escapes that are already in it. */
export function encodeName(name: string): string {
  return name
    .split(/(%[0-9A-Fa-f]{2})/)
    .map((part, i) => (i % 2 === 1 ? part : encodeURIComponent(part)))
    .join('')
}

const CONTENT_TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp', gif: 'image/gif' }

function defaultName(taskId: string, index: number): string {
  const h = sha256(`name:${taskId}#${index}`)
  const hh = String(h[16]! % 24).padStart(2, '0')
  const mm = String(h[17]! % 60).padStart(2, '0')
  const ss = String(h[18]! % 60).padStart(2, '0')
  return `${h.subarray(0, 16).toString('hex')}_20240626${hh}${mm}${ss}`
}

/** Width and height for a size target: PNG noise costs ~3 bytes a pixel, JPEG noise (q90, 4:2:0) ~0.84. */
function sizeFor(spec: ImageSpec, format: 'png' | 'jpeg'): { width: number; height: number } {
  if (spec.width !== undefined && spec.height !== undefined) return { width: spec.width, height: spec.height }
  if (spec.bytes === undefined) {
    return { width: spec.width ?? (spec.height !== undefined ? Math.round((spec.height * 2) / 3) : DEFAULT_W), height: spec.height ?? (spec.width !== undefined ? Math.round((spec.width * 3) / 2) : DEFAULT_H) }
  }
  const pixels = Math.max(64, spec.bytes / (format === 'png' ? 3 : 0.84))
  if (spec.width !== undefined) return { width: spec.width, height: Math.max(1, Math.round(pixels / spec.width)) }
  if (spec.height !== undefined) return { width: Math.max(1, Math.round(pixels / spec.height)), height: spec.height }
  const width = Math.max(8, Math.round(Math.sqrt((pixels * 2) / 3)))
  return { width, height: Math.max(8, Math.round(pixels / width)) }
}

export function resolveImages(taskId: string, images: number | ImageSpec[] | undefined): ResolvedImage[] {
  const specs: ImageSpec[] = Array.isArray(images) ? images : Array.from({ length: images ?? 2 }, () => ({}))
  return specs.map((spec, index) => {
    const format = spec.format ?? 'png'
    const { width, height } = sizeFor(spec, format)
    const ext = spec.servedAs ?? (format === 'png' ? 'png' : 'jpg')
    const base = spec.name ?? defaultName(taskId, index)
    const fileName = ext === '' ? base : `${base}.${ext}`
    const noise = spec.bytes !== undefined
    return {
      index,
      format,
      width,
      height,
      noise,
      fileName,
      pathName: encodeName(fileName),
      contentType: CONTENT_TYPES[ext.toLowerCase()] ?? 'application/octet-stream',
      cacheKey: JSON.stringify([taskId, index, format, width, height, noise])
    }
  })
}

function defaultLifecycle(finalStatus: string, byTimeOnly: boolean, finalAfterQueries = 3): LifecycleStage[] {
  return [
    { status: 'submitted' },
    { status: 'running', afterQueries: 1 },
    byTimeOnly ? { status: finalStatus } : { status: finalStatus, afterQueries: finalAfterQueries }
  ]
}

/** The spec an unknown id gets with autoTasks on: most finish after 2-4 queries with 1-4 images, ~1 in 10 fail. */
export function autoTaskSpec(id: string): TaskSpec {
  const h = sha256(`auto:${id}`)
  const fails = h[0]! % 10 === 0
  return {
    id,
    lifecycle: defaultLifecycle(fails ? 'failed' : 'finished', false, 2 + (h[1]! % 3)),
    images: 1 + (h[2]! % 4),
    ...(fails ? { failMessage: 'model failed: the generation could not be completed (simulated)' } : {})
  }
}

export class TaskStore {
  private readonly tasks = new Map<string, SimTask>()
  private readonly byToken = new Map<string, SimTask>()

  constructor(
    private readonly now: () => number,
    public autoTasks: boolean
  ) {}

  add(spec: TaskSpec, auto = false): SimTask {
    if (typeof spec?.id !== 'string' || spec.id.length === 0) throw new Error('task spec needs a non-empty string id')
    let stages = spec.lifecycle?.map((s) => ({ ...s })) ?? defaultLifecycle(spec.finalStatus ?? 'finished', spec.finishAt !== undefined)
    if (stages.length === 0) throw new Error(`task ${spec.id}: lifecycle is empty`)
    if (spec.lifecycle && spec.finalStatus) stages[stages.length - 1]!.status = spec.finalStatus
    stages = stages.map((s, i) => (i === 0 ? { status: s.status } : s))
    const createdAt = this.now()
    const task: SimTask = {
      id: spec.id,
      token: sha256(`token:${spec.id}`).subarray(0, 8).toString('hex'),
      auto,
      stages,
      createdAt,
      queries: 0,
      queryAt: [],
      stageIndex: 0,
      reachedAt: [createdAt],
      images: resolveImages(spec.id, spec.images),
      resultForm: spec.resultForm ?? 'url',
      urlListAt: spec.urlListAt ?? 'data',
      expiredLinksLeft: spec.expiredLinks ?? 0
    }
    if (spec.finishAt !== undefined) task.finishAt = spec.finishAt
    if (spec.message !== undefined) task.message = spec.message
    if (spec.failMessage !== undefined) task.failMessage = spec.failMessage
    if (spec.businessError) {
      task.businessError = { resCode: spec.businessError.resCode, left: spec.businessError.times ?? Infinity }
      if (spec.businessError.resMessage !== undefined) task.businessError.resMessage = spec.businessError.resMessage
    }
    const old = this.tasks.get(spec.id)
    if (old) this.byToken.delete(old.token)
    this.tasks.set(task.id, task)
    this.byToken.set(task.token, task)
    return task
  }

  get(id: string): SimTask | undefined {
    return this.tasks.get(id)
  }

  byTokenOf(token: string): SimTask | undefined {
    return this.byToken.get(token)
  }

  /** The task for a queried id, created from its hash when autoTasks is on. */
  resolve(id: string): SimTask | undefined {
    return this.tasks.get(id) ?? (this.autoTasks ? this.add(autoTaskSpec(id), true) : undefined)
  }

  clear(): void {
    this.tasks.clear()
    this.byToken.clear()
  }

  ids(): string[] {
    return [...this.tasks.keys()]
  }

  private reachTime(task: SimTask, i: number, now: number): number | undefined {
    if (i === 0) return task.createdAt
    const stage = task.stages[i]!
    const times: number[] = []
    if (stage.afterMs !== undefined && now >= task.createdAt + stage.afterMs) times.push(task.createdAt + stage.afterMs)
    if (stage.afterQueries !== undefined && task.queries >= stage.afterQueries) {
      times.push(stage.afterQueries === 0 ? task.createdAt : (task.queryAt[stage.afterQueries - 1] ?? task.createdAt))
    }
    if (i === task.stages.length - 1 && task.finishAt !== undefined && now >= task.finishAt) times.push(task.finishAt)
    return times.length > 0 ? Math.min(...times) : undefined
  }

  /** Advance the task to the furthest stage reached by now (never backwards); returns its status. */
  evaluate(task: SimTask, now = this.now()): string {
    for (let i = task.stages.length - 1; i > task.stageIndex; i--) {
      const at = this.reachTime(task, i, now)
      if (at !== undefined) {
        task.stageIndex = i
        task.reachedAt[i] = at
        break
      }
    }
    return task.stages[task.stageIndex]!.status
  }

  /** Count a query that was answered with a status. */
  recordQuery(task: SimTask, now = this.now()): void {
    task.queries++
    const keep = Math.max(0, ...task.stages.map((s) => s.afterQueries ?? 0))
    if (task.queryAt.length < keep) task.queryAt.push(now)
  }

  finishedAt(task: SimTask): number | undefined {
    const status = this.evaluate(task)
    return TERMINAL.has(status) ? task.reachedAt[task.stageIndex] : undefined
  }

  snapshot(task: SimTask): TaskSnapshot {
    const snap: TaskSnapshot = {
      id: task.id,
      status: this.evaluate(task),
      queries: task.queries,
      createdAt: task.createdAt,
      imageCount: task.images.length,
      resultForm: task.resultForm,
      auto: task.auto
    }
    const fin = this.finishedAt(task)
    if (fin !== undefined) snap.finishedAt = fin
    return snap
  }
}
