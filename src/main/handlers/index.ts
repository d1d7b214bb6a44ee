import { basename, extname, resolve } from 'node:path'
import { extractTaskIds } from '../../shared/taskIds'
import type { ChannelArgs, ChannelName, ChannelResult, CredentialStatusView, IpcError, IpcResult } from '../../shared/ipc'
import { AidgeError } from '../aidge/errors'
import { EndpointError } from '../aidge/endpoint'
import { CredentialStoreError } from '../credentials'
import { templateProblemOf, validateTemplate } from '../downloads/fileNames'
import { createGalleryQueries, HistoryStoreError } from '../history'
import { SettingsError } from '../settings'
import type { Services } from '../services'
import { TaskIdError } from '../../shared/taskIds'
import { channelSchemas } from './schemas'
import { createSubmitHandlers } from './submitHandlers'
import { taskInputView } from '../submit'
import { exportTasks } from '../history/exportFile'
import { checkExternalLink } from '../externalLinks'
import { createEndpointConfirmation, type EndpointChange } from './endpointChange'
import { testConnection } from './connectionTest'

export { CONNECTION_PROBE_TASK_ID } from './connectionTest'
import { MAX_IDS_PER_REQUEST, payloadTooLarge } from './payloadSize'

/** What only the platform can do: dialogs, the file manager, the browser, media URLs. Electron supplies the real
 * ones (ipc.ts); the test harness supplies its own. */
export interface PlatformDeps {
  appVersion: string
  /** the operating system's preferred languages, most preferred first (BCP 47); [] when unknown */
  systemLanguages(): string[]
  chooseFolder(defaultPath?: string): Promise<string | null>
  /** a save dialog for an export: suggests the name and filters on the format's extension */
  chooseSaveFile(suggestedName: string, format: 'csv' | 'json'): Promise<string | null>
  /** main's own open dialog for photos: several files, or one folder; [] when cancelled */
  choosePhotos(kind: 'files' | 'folder'): Promise<string[]>
  /** a native question only the user can answer (never the page): send signed calls to this new host? */
  confirmEndpointChange(change: EndpointChange): Promise<boolean>
  revealFile(path: string): void | Promise<void>
  openFolder(path: string): void | Promise<void>
  openExternal(url: string): Promise<void>
  mediaUrl(kind: 'thumb' | 'full', taskId: string, index: number): string
}

export type Handler<C extends ChannelName> = (...args: ChannelArgs<C>) => Promise<ChannelResult<C>> | ChannelResult<C>
export type HandlerTable = { [C in ChannelName]: Handler<C> }

/** An error a handler throws on purpose, with a kind the UI understands. */
export class IpcFailure extends Error {
  constructor(readonly info: IpcError) {
    super(info.message)
  }
}

/** A file name template is checked before it is saved or used: a typo is the user's to fix, not an app failure. */
function checkTemplate(template: string | undefined, field: string): void {
  if (template === undefined) return
  try {
    validateTemplate(template)
  } catch (e) {
    const problem = e instanceof Error ? e.message : String(e)
    // the reason and the variable for the window's words; `problem` is the English diagnostic
    const data = { field, problem, ...templateProblemOf(template) }
    throw new IpcFailure({ kind: 'invalidInput', code: 'INVALID_TEMPLATE', data, message: `${field}: ${problem}.`, retryable: false })
  }
}

/** What was not found: a task, an image of it, its downloaded file, or a download batch. */
type Missing = { what: 'task'; taskId: string } | { what: 'image' | 'file'; taskId: string; index: number } | { what: 'batch'; batchId: string }
const notFound = (data: Missing): IpcFailure =>
  new IpcFailure({ kind: 'notFound', code: 'NOT_FOUND', data, message: `not found: ${JSON.stringify(data)}`, retryable: false })

/** Download batches running or waiting at once: each holds connections, timers and a folder's name reservations. */
export const MAX_ACTIVE_BATCHES = 32

async function credentialView(services: Services): Promise<CredentialStatusView> {
  const s = await services.credentials.status()
  return { configured: s.configured, accessKeyName: s.accessKeyName, backend: s.backend, persistent: s.persistent, problem: s.problem }
}

/** One handler per channel, built on the services. Shared by ipc.ts (Electron) and the test harness (Node). */
export function createHandlers(services: Services, platform: PlatformDeps): HandlerTable {
  const history = services.history
  const scheduler = services.scheduler
  const downloads = services.downloads
  // Never trust the renderer with the file system: it may write only where the user pointed a folder dialog this
  // session, or to the download folder saved in settings (which could only be saved that way). A save dialog
  // grants nothing but the one file it names, for the one export that asked (see tasks:export).
  const grantedFolders = new Set<string>()
  const grant = (p: string | null): string | null => {
    if (p !== null) grantedFolders.add(resolve(p))
    return p
  }
  const confirmEndpoint = createEndpointConfirmation((change) => platform.confirmEndpointChange(change))
  const checkFolder = (folder: string, purpose: 'download' | 'defaultDownload'): void => {
    const saved = services.effectiveSettings().downloads.folder
    const f = resolve(folder)
    if (grantedFolders.has(f) || (saved !== null && resolve(saved) === f)) return
    const message = `the ${purpose} folder was not chosen with the folder dialog`
    throw new IpcFailure({ kind: 'forbidden', code: 'FOLDER_NOT_CHOSEN', data: { purpose }, message, retryable: false })
  }
  const gallery = createGalleryQueries(history)
  const imageOf = (taskId: string, index: number) => {
    const task = history.getTask(taskId)
    const image = task?.images.find((i) => i.index === index)
    if (!image) throw notFound({ what: 'image', taskId, index })
    return image
  }
  return {
    'app:info': () => ({ name: 'Aidge Task Desk', version: platform.appVersion, dataDir: services.dataDir, languages: platform.systemLanguages() }),
    'app:notices': () => [...services.startupNotices],
    'credentials:status': () => credentialView(services),
    'credentials:set': async (c) => {
      await services.credentials.set(c)
      services.credentialsChanged()
      return credentialView(services)
    },
    'credentials:clear': async () => {
      await services.credentials.clear()
      services.credentialsChanged()
      return credentialView(services)
    },
    'credentials:test': () => testConnection(services),
    'settings:get': () => services.effectiveSettings(),
    'settings:update': async (patch) => {
      checkTemplate(patch.downloads?.filenameTemplate, 'downloads.filenameTemplate')
      const folder = patch.downloads?.folder
      if (folder !== undefined && folder !== null) checkFolder(folder, 'defaultDownload')
      // A new host for signed calls waits for the user's own answer in main's dialog; until then nothing changes.
      const { outcome, change } = await confirmEndpoint(services.settings.get(), patch, services.effectiveSettings())
      const host = change?.host ?? null
      if (outcome === 'busy') {
        const message = `a question about ${host ?? 'the server'} is still open`
        throw new IpcFailure({ kind: 'forbidden', code: 'ENDPOINT_CHANGE_PENDING', data: { host }, message, retryable: true })
      }
      if (outcome === 'declined') {
        const message = `sending requests to ${host ?? 'the new server'} was not confirmed`
        throw new IpcFailure({ kind: 'forbidden', code: 'ENDPOINT_NOT_CONFIRMED', data: { host }, message, retryable: false })
      }
      services.updateSettings(patch)
      // what settings:get answers: the saved settings with this run's connection overrides applied
      return services.effectiveSettings()
    },
    'tasks:add': ({ text }) => {
      const { ids, duplicates } = extractTaskIds(text)
      if (ids.length === 0) {
        throw new IpcFailure({ kind: 'invalidInput', code: 'NO_IDS', message: 'no task ids in the text', retryable: false })
      }
      if (ids.length > MAX_IDS_PER_REQUEST) {
        const message = `The text holds ${ids.length} task ids; add at most ${MAX_IDS_PER_REQUEST} at a time.`
        throw new IpcFailure({ kind: 'invalidInput', code: 'TOO_MANY_IDS', data: { count: ids.length, max: MAX_IDS_PER_REQUEST }, message, retryable: false })
      }
      return { ...services.addTasks(ids), duplicates }
    },
    'tasks:list': (q) => history.listTasks(q),
    'tasks:counts': () => history.countsByStatus(),
    'gallery:layout': (filter) => gallery.layout(filter),
    'gallery:tasks': (q) => ({ tasks: gallery.tasks(q).map((t) => ({ ...t, hasInput: services.submissions.journal.forTask(t.taskId) !== null })) }),
    'tasks:get': ({ taskId }) => {
      const task = history.getTask(taskId)
      return task ? { ...task, lastResponse: history.getLastResponse(taskId), input: taskInputView(services.submissions.journal, taskId) } : null
    },
    'tasks:requery': ({ taskId }) => {
      if (!history.getTask(taskId)) throw notFound({ what: 'task', taskId })
      return scheduler.requery(taskId)
    },
    'tasks:remove': ({ taskIds }) => {
      let removed = 0
      for (const id of taskIds) {
        scheduler.untrack(id)
        if (history.removeTask(id)) removed++
      }
      return { removed }
    },
    'tasks:clearFinished': ({ olderThanDays }) => ({ removed: history.removeFinishedOlderThan(olderThanDays * 86_400_000) }),
    'tasks:export': async (req) => {
      // Only the exact file the user just named in the save dialog, once: a path from the page (even one in a
      // folder the user chose, even one exported to before) could be any file there, ~/.bashrc included.
      if (req.path !== undefined) {
        throw new IpcFailure({ kind: 'forbidden', code: 'EXPORT_PATH_NOT_CHOSEN', message: 'an export path from the page, not the save dialog', retryable: false })
      }
      const path = await platform.chooseSaveFile(`aidge-tasks.${req.format}`, req.format)
      if (path === null) return { path: null, count: 0 }
      if (extname(path).toLowerCase() !== `.${req.format}`) {
        const message = `a ${req.format} export named ${basename(path)} (not .${req.format}); nothing was written`
        throw new IpcFailure({ kind: 'invalidInput', code: 'EXPORT_EXTENSION', data: { format: req.format }, message, retryable: false })
      }
      const count = exportTasks(history, { ...req, path })
      return { path, count }
    },
    'tracking:status': () => scheduler.status(),
    'tracking:pause': () => {
      scheduler.pause()
      return scheduler.status()
    },
    'tracking:resume': () => {
      scheduler.resume()
      return scheduler.status()
    },
    'downloads:start': (req) => {
      checkTemplate(req.template, 'template')
      checkFolder(req.folder, 'download')
      if (downloads.activeCount() >= MAX_ACTIVE_BATCHES) {
        const message = `${MAX_ACTIVE_BATCHES} downloads already running or waiting`
        throw new IpcFailure({ kind: 'unavailable', code: 'TOO_MANY_BATCHES', data: { max: MAX_ACTIVE_BATCHES }, message, retryable: true })
      }
      return downloads.start(req)
    },
    'downloads:cancel': ({ batchId }) => ({ cancelled: downloads.cancel(batchId) }),
    'downloads:status': () => downloads.status(),
    'media:url': ({ taskId, index, kind }) => {
      imageOf(taskId, index)
      return { url: platform.mediaUrl(kind, taskId, index) }
    },
    'shell:chooseFolder': async ({ defaultPath }) => ({ path: grant(await platform.chooseFolder(defaultPath)) }),
    'shell:revealFile': async ({ taskId, index }) => {
      const image = imageOf(taskId, index)
      if (image.downloadState !== 'done' || !image.localPath) throw notFound({ what: 'file', taskId, index })
      await platform.revealFile(image.localPath)
      return { revealed: true }
    },
    'shell:openFolder': async ({ batchId }) => {
      // The folder comes from main's own record of the batch, never from the page.
      const batch = downloads.status().find((b) => b.batchId === batchId)
      if (!batch) throw notFound({ what: 'batch', batchId })
      await platform.openFolder(batch.folder)
      return { opened: true }
    },
    ...createSubmitHandlers(services, platform),
    'shell:openExternal': async ({ url }) => {
      // the one allow-list of external links (externalLinks.ts): the vendor's docs and console, the project's pages
      const link = checkExternalLink(url)
      if (!link.ok) throw new IpcFailure({ kind: 'forbidden', code: link.code, message: link.message, retryable: false })
      await platform.openExternal(link.url)
      return { opened: true }
    }
  }
}

/** Turns anything a handler threw into the typed error the UI shows; unknown errors never leak their stack. */
export function toIpcError(e: unknown): IpcError {
  if (e instanceof IpcFailure) return e.info
  if (e instanceof AidgeError) return e.toJSON()
  if (e instanceof TaskIdError) {
    const first = e.invalid[0]
    return { kind: 'invalidInput', code: e.code, data: { taskId: e.taskId, problem: first?.problem ?? null, count: e.invalid.length }, message: e.message, retryable: false, taskId: e.taskId }
  }
  if (e instanceof EndpointError) return { kind: 'invalidInput', code: e.code, message: e.message, retryable: false }
  if (e instanceof SettingsError) return { kind: 'invalidInput', code: e.code, data: e.data, message: e.message, retryable: false }
  if (e instanceof CredentialStoreError) {
    return { kind: e.kind === 'keychain' ? 'unavailable' : 'invalidInput', code: `CREDENTIALS_${e.kind.toUpperCase()}`, message: e.message, retryable: false }
  }
  if (e instanceof HistoryStoreError) {
    // a full disk names its folder and the free space, for the window to say where to make room
    const data = e.code === 'DISK_FULL' ? { data: { folder: e.folder ?? null, freeBytes: e.freeBytes ?? null } } : {}
    return { kind: 'internal', code: e.code, ...data, message: e.message, retryable: false }
  }
  if (e && typeof e === 'object' && 'issues' in e && Array.isArray((e as { issues: unknown[] }).issues)) {
    return { kind: 'invalidInput', code: 'INVALID_PAYLOAD', message: describeIssues((e as { issues: ZodIssueLike[] }).issues), retryable: false }
  }
  // The system's own codes; the renderer words them. The message keeps the system's detail for the log.
  const code = (e as { code?: unknown } | null)?.code
  const detail = e instanceof Error ? e.message : String(e)
  if (code === 'ENOSPC') return { kind: 'internal', code, message: detail, retryable: false }
  if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'notFound', code, message: detail, retryable: false }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return { kind: 'forbidden', code, message: detail, retryable: false }
  // an unexpected failure: its detail goes to the log (dispatch), never to the page
  return { kind: 'internal', code: 'INTERNAL', message: 'internal error (details in the log)', retryable: false }
}

interface ZodIssueLike {
  path: PropertyKey[]
  message: string
}

function describeIssues(issues: ZodIssueLike[]): string {
  const shown = issues.slice(0, 3).map((i) => `${i.path.length ? i.path.map(String).join('.') : 'payload'}: ${i.message}`)
  return `Invalid request: ${shown.join('; ')}${issues.length > 3 ? ` (and ${issues.length - 3} more)` : ''}.`
}

/** Validates the raw arguments of a channel, runs its handler, and wraps the outcome. Unknown channels fail. */
export async function dispatch(handlers: HandlerTable, channel: string, rawArgs: unknown, log?: (e: unknown) => void): Promise<IpcResult<unknown>> {
  if (!Object.prototype.hasOwnProperty.call(channelSchemas, channel)) {
    return { ok: false, error: { kind: 'forbidden', code: 'UNKNOWN_CHANNEL', message: 'unknown request', retryable: false } }
  }
  const name = channel as ChannelName
  const tooLarge = payloadTooLarge(rawArgs)
  if (tooLarge !== null) {
    return { ok: false, error: { kind: 'invalidInput', code: 'PAYLOAD_TOO_LARGE', message: `Request refused: ${tooLarge}.`, retryable: false } }
  }
  const parsed = channelSchemas[name].safeParse(rawArgs)
  if (!parsed.success) return { ok: false, error: toIpcError(parsed.error) }
  try {
    const handler = handlers[name] as (...a: unknown[]) => unknown
    const value = await handler(...(parsed.data as unknown[]))
    return { ok: true, value: value === undefined ? null : value }
  } catch (e) {
    const error = toIpcError(e)
    if (error.kind === 'internal') log?.(e)
    return { ok: false, error }
  }
}
