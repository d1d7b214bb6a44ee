import { resolve } from 'node:path'
import type { AidgeErrorInfo } from '../shared/aidge'
import { isTerminalStatus } from '../shared/aidge'
import { extractTaskIds } from '../shared/taskIds'
import type { TaskRecord } from '../main/history'
import type { Services } from '../main/services'
import type { CliArgs } from './args'
import { UsageError } from './args'
import { jsonTask, table, type JsonTask } from './output'
import { exportChunks } from '../main/history/exportFormat'
import { exportTasks } from '../main/history/exportFile'
import { downloadJson, downloadText, progressLine, startBatch } from './download'
import { diskFullText } from './notices'
import type { BatchReport } from '../main/downloads'

export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean }
  stderr: NodeJS.WritableStream & { isTTY?: boolean }
  /** all of stdin as text, or null when stdin is a terminal */
  readStdin: () => Promise<string | null>
  /** resolves when the user interrupts (Ctrl-C) */
  interrupted: Promise<void>
}

/** Ids from argv, else extracted from stdin (the history store checks them when they are added). */
export async function resolveIds(args: CliArgs, io: CliIo): Promise<string[]> {
  let ids = args.ids
  if (ids.length === 0) {
    const text = await io.readStdin()
    if (text === null) throw new UsageError('give task ids as arguments or on stdin')
    ids = extractTaskIds(text).ids
    if (ids.length === 0) throw new UsageError('no task ids found on stdin')
  }
  return ids
}

/** Adds the ids (the store refuses them all, naming each bad one, when one is bad); the ids come back in the order
 * given, without repeats. */
function addOrFail(services: Services, ids: string[]): string[] {
  services.addTasks(ids)
  return [...new Set(ids)]
}

export function jsonDoc(services: Services, ids: readonly string[], errors: Map<string, AidgeErrorInfo>): { tasks: JsonTask[] } {
  const tasks: JsonTask[] = []
  for (const id of ids) {
    const t = services.history.getTask(id)
    if (t) tasks.push(jsonTask(t, errors.get(id) ?? t.lastError))
  }
  return { tasks }
}

function blockedProblem(services: Services): AidgeErrorInfo | null {
  const s = services.scheduler.status()
  return s.mode === 'blocked' ? s.problem : null
}

/** How a run ended: what it waited for happened, the user interrupted it, or the poller is blocked (key, quota). */
export type RunOutcome = { how: 'done' | 'interrupted' } | { how: 'blocked'; problem: AidgeErrorInfo }

/** Runs the poller until `done()` says every requested task has an outcome, the poller is blocked, or Ctrl-C. */
export async function runUntil(services: Services, io: CliIo, done: () => boolean, progress: () => string): Promise<RunOutcome> {
  const tty = io.stderr.isTTY === true
  let last = ''
  const draw = (): void => {
    if (!tty) return
    const line = progress()
    if (line !== last) io.stderr.write(`\r\x1b[2K${line}`)
    last = line
  }
  return await new Promise((resolve) => {
    // The poller's timers do not hold the process open (the app must be able to quit); the check interval does,
    // and also catches outcomes that arrive without an event (a requery answered after its task was dropped).
    // eslint-disable-next-line prefer-const
    let keepAlive: ReturnType<typeof setInterval>
    let finished = false
    const finish = (outcome: RunOutcome): void => {
      if (finished) return
      finished = true
      clearInterval(keepAlive)
      services.events.off('task:updated', check)
      services.events.off('tracking:state', check)
      if (tty && last) io.stderr.write('\r\x1b[2K')
      resolve(outcome)
    }
    let toldDiskFull = false
    const check = (): void => {
      draw()
      const storage = services.scheduler.status().storage
      if (storage && !toldDiskFull) io.stderr.write(`${tty ? '\r\x1b[2K' : ''}aidge-tasks: ${diskFullText(storage)}\n`)
      toldDiskFull = storage !== undefined
      const problem = blockedProblem(services)
      if (problem) finish({ how: 'blocked', problem })
      else if (done()) finish({ how: 'done' })
    }
    // the CLI's one subscription to the services' events
    services.events.on('task:updated', check)
    services.events.on('tracking:state', check)
    void io.interrupted.then(() => finish({ how: 'interrupted' }))
    keepAlive = setInterval(check, 100)
    check()
  })
}

function ended(t: TaskRecord | null): boolean {
  return t === null || isTerminalStatus(t.status ?? '') || t.tracking === 'stale' || t.tracking === 'error'
}

function printOutcome(services: Services, args: CliArgs, io: CliIo, ids: string[], errors: Map<string, AidgeErrorInfo>, report?: BatchReport): void {
  if (args.json) io.stdout.write(JSON.stringify({ ...jsonDoc(services, ids, errors), ...(report ? downloadJson(report) : {}) }) + '\n')
  else {
    const rows = ids.map((id) => services.history.getTask(id)).filter((t): t is NonNullable<typeof t> => t !== null)
    io.stdout.write(table(rows) + '\n' + (report ? downloadText(report) : ''))
  }
}

/** query: each task once. 0 when every query succeeded. */
export async function queryCommand(services: Services, args: CliArgs, io: CliIo): Promise<number> {
  const ids = addOrFail(services, await resolveIds(args, io))
  const errors = new Map<string, AidgeErrorInfo>()
  const outcomes = new Map<string, boolean>()
  const scheduler = services.scheduler
  const record = (id: string, r: TaskRecord | null): void => {
    outcomes.set(id, r !== null && r.lastError === null)
    if (r?.lastError) errors.set(id, r.lastError)
    scheduler.untrack(id)
  }
  for (const id of ids) void scheduler.requery(id).then((r) => record(id, r))
  const outcome = await runUntil(services, io, () => outcomes.size === ids.length, () => `queried ${outcomes.size}/${ids.length}`)
  await scheduler.stop()
  printOutcome(services, args, io, ids, errors)
  return finalCode(io, outcome, () => [...outcomes.values()].every(Boolean))
}

/** watch: poll until every task is finished or failed (or ends stale / with an error). */
export async function watchCommand(services: Services, args: CliArgs, io: CliIo): Promise<number> {
  const ids = addOrFail(services, await resolveIds(args, io))
  const { outcome, report, ok } = await watchTasks(services, args, io, ids)
  printOutcome(services, args, io, ids, new Map(), report)
  return finalCode(io, outcome, () => ok)
}

/** Polls tasks already in history until each ends, downloading into --download when given; prints nothing.
 * `ok`: every task finished and every file was saved. */
export async function watchTasks(services: Services, args: CliArgs, io: CliIo, ids: string[]): Promise<{ outcome: RunOutcome; report?: BatchReport; ok: boolean }> {
  const all = (): Array<TaskRecord | null> => ids.map((id) => services.history.getTask(id))
  for (const id of ids) if (!ended(services.history.getTask(id))) void services.scheduler.requery(id)
  const abort = new AbortController()
  const batch = args.download !== undefined ? startBatch(services, args, ids, args.download, { waitForUnfinished: true }, abort.signal) : null
  let batchDone = batch === null
  void batch?.done.then(() => (batchDone = true))
  const outcome = await runUntil(
    services,
    io,
    () => all().every(ended) && batchDone,
    () => {
      const tasks = all()
      const finished = tasks.filter((t) => t?.status === 'finished').length
      const failed = tasks.filter((t) => t?.status === 'failed' || t?.tracking === 'error' || t?.tracking === 'stale').length
      const { mode, callsPerSecond } = services.scheduler.status()
      const rate = callsPerSecond !== undefined ? `, ${callsPerSecond} queries/s` : ''
      const line = `${finished} finished, ${failed} failed, ${ids.length - finished - failed} pending of ${ids.length} (${mode}${rate})`
      return batch ? `${line}; ${progressLine(batch)}` : line
    }
  )
  if (outcome.how !== 'done') abort.abort()
  const report = batch ? await batch.done : undefined
  await services.scheduler.stop()
  const ok = all().every((t) => t?.status === 'finished') && (report?.failed ?? 0) === 0
  return { outcome, ...(report ? { report } : {}), ok }
}

/** download: every finished image of these tasks into --out; unfinished tasks are queried once, then skipped. */
export async function downloadCommand(services: Services, args: CliArgs, io: CliIo): Promise<number> {
  const ids = addOrFail(services, await resolveIds(args, io))
  const scheduler = services.scheduler
  // Tasks history does not know as finished are queried once, so the batch has their images and fresh links.
  const pending = ids.filter((id) => !isTerminalStatus(services.history.getTask(id)?.status ?? ''))
  let answered = 0
  for (const id of pending) void scheduler.requery(id).then(() => (scheduler.untrack(id), answered++))
  const queried = await runUntil(services, io, () => answered === pending.length, () => `queried ${answered}/${pending.length}`)
  if (queried.how !== 'done') {
    await scheduler.stop()
    return finalCode(io, queried, () => false)
  }
  const abort = new AbortController()
  const batch = startBatch(services, args, ids, args.out as string, { waitForUnfinished: false }, abort.signal)
  let batchDone = false
  void batch.done.then(() => (batchDone = true))
  const outcome = await runUntil(services, io, () => batchDone, () => progressLine(batch))
  if (outcome.how !== 'done') abort.abort()
  const report = await batch.done
  await scheduler.stop()
  printOutcome(services, args, io, ids, new Map(), report)
  const tasksOk = ids.every((id) => services.history.getTask(id)?.status === 'finished')
  return finalCode(io, outcome, () => tasksOk && report.failed === 0)
}

export function finalCode(io: CliIo, outcome: RunOutcome, allGood: () => boolean): number {
  if (outcome.how === 'interrupted') {
    io.stderr.write('interrupted: history is saved; run the same command again to continue\n')
    return EXIT.interrupted
  }
  if (outcome.how === 'blocked') {
    const p = outcome.problem
    io.stderr.write(`stopped: ${p.message}${p.requestId ? ` (requestId ${p.requestId})` : ''}\n`)
    // A missing or wrong key is a configuration error; exhausted quota is a failure of the run.
    return p.kind === 'auth' ? EXIT.usage : EXIT.failed
  }
  return allGood() ? EXIT.ok : EXIT.failed
}

export function historyCommand(services: Services, args: CliArgs, io: CliIo): number {
  const page = services.history.listTasks({
    ...(args.status ? { status: args.status } : {}),
    ...(args.search !== undefined ? { search: args.search } : {}),
    sort: 'addedDesc',
    limit: Math.min(args.limit, 1000)
  })
  if (args.json) {
    const tasks = page.rows.map((r) => services.history.getTask(r.taskId)).filter((t): t is NonNullable<typeof t> => t !== null)
    io.stdout.write(JSON.stringify({ tasks: tasks.map((t) => jsonTask(t)), total: page.total }) + '\n')
  } else {
    io.stdout.write(page.rows.length === 0 ? 'no tasks in history match\n' : `${table(page.rows)}\n${page.rows.length} of ${page.total} shown\n`)
  }
  return EXIT.ok
}

/** export: every matching task, streamed one at a time; signatures stay out unless --with-urls. With --out the file
 * appears only when complete (written beside it, then renamed). */
export async function exportCommand(services: Services, args: CliArgs, io: CliIo): Promise<number> {
  const filter = { ...(args.status ? { status: args.status } : {}), ...(args.search !== undefined ? { search: args.search } : {}) }
  const format = args.format as 'csv' | 'json'
  if (args.out) {
    const path = resolve(args.out)
    const count = exportTasks(services.history, { format, filter, withUrls: args.withUrls, path })
    io.stderr.write(`exported ${count} task${count === 1 ? '' : 's'} to ${path}\n`)
    return EXIT.ok
  }
  for (const chunk of exportChunks(services.history.iterateTasks(filter), { format, withUrls: args.withUrls })) {
    if (!io.stdout.write(chunk)) await new Promise((r) => io.stdout.once('drain', r))
  }
  return EXIT.ok
}

export async function credentialsCommand(services: Services, args: CliArgs, io: CliIo): Promise<number> {
  const store = services.credentials
  if (args.sub === 'status') {
    const s = await store.status()
    if (args.json) io.stdout.write(JSON.stringify(s) + '\n')
    else {
      io.stdout.write(s.configured ? `configured: access key ${s.accessKeyName} (${s.backend}${s.persistent ? '' : ', this session only'})\n` : `not configured (${s.backend})\n`)
      if (s.problem) io.stdout.write(`note: ${s.problem}\n`)
    }
    return s.configured ? EXIT.ok : EXIT.failed
  }
  if (args.sub === 'clear') {
    await store.clear()
    io.stderr.write('credentials cleared\n')
    return EXIT.ok
  }
  const text = await io.readStdin()
  if (text === null) throw new UsageError('pipe the secret on stdin, e.g. `printf %s "$SECRET" | aidge-tasks credentials set --key-name NAME`')
  const lines = text.split(/\r?\n/)
  const keyName = args.keyName ?? (lines.length > 1 && lines[1] !== '' ? lines.shift() : undefined)
  if (!keyName) throw new UsageError('give the access key name with --key-name (the secret comes on stdin)')
  await store.set({ accessKeyName: keyName.trim(), secret: (lines[0] ?? '').trim() })
  services.credentialsChanged()
  const s = await store.status()
  io.stderr.write(`saved access key ${s.accessKeyName} (${s.backend}${s.persistent ? '' : ', this session only: ' + (s.problem ?? '')})\n`)
  return EXIT.ok
}
