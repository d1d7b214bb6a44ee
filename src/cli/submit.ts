// `aidge-tasks submit` and `aidge-tasks balance`: garment photos in, tasks out (and with --watch --download, the
// model photos on disk), on the same journal as the app, so a photo is never paid for twice.
import { resolve } from 'node:path'
import type { AidgeErrorInfo } from '../shared/aidge'
import type { InputProblem, SubmissionRecord } from '../shared/submit'
import type { Services } from '../main/services'
import type { NewSubmission } from '../main/submit'
import { SUBMIT_API } from '../main/aidge/submitBody'
import type { CliArgs } from './args'
import { UsageError } from './args'
import { EXIT, finalCode, jsonDoc, runUntil, watchTasks, type CliIo } from './commands'
import { downloadJson, downloadText } from './download'
import { table } from './output'

/** The --json document of submit (the shape the submit issue defines). */
export interface SubmitJson {
  submitted: Array<{ input: string; taskId: string }>
  skipped: Array<{ input: string; taskId: string | null; reason: string }>
  rejected: Array<{ input: string; error: string }>
  unknown: Array<{ input: string; requestId: string | null; error: string }>
}

const isUrl = (s: string): boolean => /^https?:\/\//i.test(s)

async function resolveInputs(args: CliArgs, io: CliIo): Promise<string[]> {
  if (args.ids.length > 0) return args.ids
  const text = await io.readStdin()
  return (text ?? '').split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '')
}

function errorText(e: AidgeErrorInfo | InputProblem | null): string {
  if (!e) return 'unknown error'
  const rid = (e as AidgeErrorInfo).requestId
  return rid ? `${e.message} (requestId ${rid})` : e.message
}

export function submitJson(rows: readonly SubmissionRecord[]): SubmitJson {
  const doc: SubmitJson = { submitted: [], skipped: [], rejected: [], unknown: [] }
  for (const r of rows) {
    if (r.state === 'submitted') doc.submitted.push({ input: r.input, taskId: r.taskId! })
    else if (r.state === 'skipped') doc.skipped.push({ input: r.input, taskId: r.taskId, reason: r.skipReason ?? 'already-submitted' })
    else if (r.state === 'rejected') doc.rejected.push({ input: r.input, error: errorText(r.error) })
    else if (r.state === 'unknown') doc.unknown.push({ input: r.input, requestId: r.requestId, error: errorText(r.error) })
  }
  return doc
}

const SKIP_WORDS: Record<string, string> = {
  'already-submitted': 'already submitted as task',
  'still-unknown': 'an earlier submit of it has an unknown outcome; check before sending it with --again',
  'in-progress': 'being submitted by another run'
}

function submitText(rows: readonly SubmissionRecord[]): string {
  const when = (r: SubmissionRecord): string => new Date(r.updatedAt).toISOString().replace('T', ' ').slice(0, 19)
  return rows
    .map((r) => {
      switch (r.state) {
        case 'submitted':
          return `submitted  ${r.input}  -> task ${r.taskId}`
        case 'skipped':
          return `skipped    ${r.input}  ${SKIP_WORDS[r.skipReason ?? ''] ?? r.skipReason}${r.skipReason === 'already-submitted' ? ` ${r.taskId}` : ''}`
        case 'rejected':
          return `rejected   ${r.input}  ${errorText(r.error)}`
        case 'unknown':
          return (
            `unknown    ${r.input}  at ${when(r)}${r.requestId ? `, requestId ${r.requestId}` : ''}: ${r.error?.message ?? ''}\n` +
            '           the vendor may have created a task: look for it in the vendor console (with the requestId), then\n' +
            '           add its id with `aidge-tasks watch <taskId>`, or send the photo again with `aidge-tasks submit --again`'
          )
        default:
          return `pending    ${r.input}  not sent yet (run aidge-tasks submit again to continue)`
      }
    })
    .join('\n')
}

/** submit: journal every input, send under the submit limit, report each; then --watch / --download. */
export async function submitCommand(services: Services, args: CliArgs, io: CliIo): Promise<number> {
  const opts = args.submit!
  const inputs = await resolveInputs(args, io)
  const items: NewSubmission[] = inputs.map((i) => ({
    input: isUrl(i) ? i : resolve(i),
    inputKind: isUrl(i) ? 'url' : 'file',
    params: opts.params,
    fit: opts.fit,
    again: opts.again
  }))
  const submissions = services.submissions
  // An earlier run's interrupted batch goes first: its photos were journaled and must not wait for a new run.
  const resumed = submissions.resume()
  if (items.length === 0 && resumed.pending.length === 0 && resumed.interrupted.length === 0) {
    throw new UsageError('give photo files or image URLs as arguments or on stdin (one a line)')
  }
  const batch = items.length > 0 ? submissions.submit(items) : { rows: [] }
  const ids = [...new Set([...resumed.interrupted, ...resumed.pending, ...batch.rows].map((r) => r.id))]
  const rows = (): SubmissionRecord[] => ids.map((id) => submissions.journal.get(id)).filter((r): r is SubmissionRecord => r !== null)
  const sent = await runUntil(
    services,
    io,
    () => rows().every((r) => r.state !== 'pending'),
    () => {
      const all = rows()
      return `submitted ${all.filter((r) => r.state === 'submitted').length}, done ${all.filter((r) => r.state !== 'pending').length} of ${all.length}`
    }
  )
  if (sent.how === 'interrupted') {
    await submissions.close()
    const left = rows().filter((r) => r.state === 'pending').length
    io.stderr.write(`interrupted: ${left} photo${left === 1 ? '' : 's'} not sent yet; run \`aidge-tasks submit\` again to continue (nothing is sent twice)\n`)
    if (args.json) io.stdout.write(JSON.stringify(submitJson(rows())) + '\n')
    return EXIT.interrupted
  }
  const final = rows()
  const doc = submitJson(final)
  const taskIds = [...new Set(final.filter((r) => r.taskId && (r.state === 'submitted' || r.skipReason === 'already-submitted')).map((r) => r.taskId!))]
  const photosOk = doc.rejected.length === 0 && doc.unknown.length === 0
  if (!opts.watch && args.download === undefined) {
    io.stdout.write(args.json ? JSON.stringify(doc) + '\n' : submitText(final) + '\n')
    return photosOk ? EXIT.ok : EXIT.failed
  }
  if (!args.json) io.stdout.write(submitText(final) + '\n')
  const watched = await watchTasks(services, args, io, taskIds)
  if (args.json) io.stdout.write(JSON.stringify({ ...doc, ...jsonDoc(services, taskIds, new Map()), ...(watched.report ? downloadJson(watched.report) : {}) }) + '\n')
  else {
    const tasks = taskIds.map((id) => services.history.getTask(id)).filter((t): t is NonNullable<typeof t> => t !== null)
    io.stdout.write((tasks.length > 0 ? table(tasks) + '\n' : '') + (watched.report ? downloadText(watched.report) : ''))
  }
  return finalCode(io, watched.outcome, () => watched.ok && photosOk)
}

/** balance: one explicit call (the vendor asks for about one a day). */
export async function balanceCommand(services: Services, args: CliArgs, io: CliIo): Promise<number> {
  const apiPath = args.submit?.api ?? SUBMIT_API
  const view = await services.submissions.balance({ apiPath })
  if (!view) return EXIT.failed
  io.stdout.write(args.json ? JSON.stringify({ apiPath, balance: view.balance }) + '\n' : `balance of ${apiPath}: ${view.balance}\n`)
  return EXIT.ok
}
