import { extname, resolve } from 'node:path'
import { extractTaskIds } from '../../shared/taskIds'
import type { ChannelArgs, ChannelName, ChannelResult, ConnectionTestResult, CredentialStatusView, IpcError, IpcResult } from '../../shared/ipc'
import { AidgeError } from '../aidge/errors'
import { EndpointError } from '../aidge/endpoint'
import { CredentialStoreError } from '../credentials'
import { validateTemplate } from '../downloads/fileNames'
import { HistoryStoreError } from '../history'
import type { Services } from '../services'
import { TaskIdError } from '../../shared/taskIds'
import { channelSchemas } from './schemas'
import { createSubmitHandlers } from './submitHandlers'
import { taskInputView } from '../submit'
import { exportTasks } from '../history/exportFile'
import { checkExternalLink } from '../externalLinks'
import { createEndpointConfirmation, type EndpointChange } from './endpointChange'
import { MAX_IDS_PER_REQUEST, payloadTooLarge } from './payloadSize'

/** What only the platform can do: dialogs, the file manager, the browser, media URLs. Electron supplies the real
 * ones (ipc.ts); the test harness supplies its own. */
export interface PlatformDeps {
  appVersion: string
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
    const message = `${field}: ${e instanceof Error ? e.message : String(e)}.`
    throw new IpcFailure({ kind: 'invalidInput', code: 'INVALID_TEMPLATE', message, retryable: false })
  }
}

/** Download batches running or waiting at once: each holds connections, timers and a folder's name reservations. */
export const MAX_ACTIVE_BATCHES = 32

const notFound = (what: string): IpcFailure => new IpcFailure({ kind: 'notFound', code: 'NOT_FOUND', message: what, retryable: false })

/** A probe id for "Test connection": a real signed call whose answer tells auth, quota and clock problems apart
 * without spending a real task's quota (an unknown task is a business error once the gateway has accepted us). */
export const CONNECTION_PROBE_TASK_ID = 'aidge-task-desk-connection-check'

async function testConnection(services: Services): Promise<ConnectionTestResult> {
  try {
    const r = await services.client().queryTask(CONNECTION_PROBE_TASK_ID)
    return { ok: true, problem: 'none', message: 'Connected: the gateway accepted the key.', balance: null, requestId: r.requestId }
  } catch (e) {
    if (!(e instanceof AidgeError)) throw e
    const requestId = e.requestId ?? null
    if (e.kind === 'business' || e.kind === 'rateLimit') {
      return { ok: true, problem: 'none', message: 'Connected: the gateway accepted the key.', balance: null, requestId }
    }
    if (e.kind === 'auth') {
      if (/timestamp|clock/i.test(`${e.code} ${e.message}`)) return { ok: false, problem: 'clock', message: e.message, balance: null, requestId }
      if (e.code === 'NO_CREDENTIALS') return { ok: false, problem: 'auth', message: e.message, balance: null, requestId }
      const s = services.effectiveSettings()
      const regionHint =
        s.endpoint === null
          ? ` If the key was issued on the ${s.region === 'global' ? 'China' : 'global'} site, switch the region.`
          : ''
      return { ok: false, problem: /appkey|app_key|InvalidApp/i.test(e.code) ? 'region' : 'auth', message: e.message + regionHint, balance: null, requestId }
    }
    if (e.kind === 'quota') return { ok: false, problem: 'quota', message: e.message, balance: null, requestId }
    if (e.kind === 'network' || e.kind === 'http') return { ok: false, problem: 'network', message: e.message, balance: null, requestId }
    return { ok: false, problem: 'other', message: e.message, balance: null, requestId }
  }
}

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
  const checkFolder = (folder: string, what: string): void => {
    const saved = services.effectiveSettings().downloads.folder
    const f = resolve(folder)
    if (grantedFolders.has(f) || (saved !== null && resolve(saved) === f)) return
    throw new IpcFailure({ kind: 'forbidden', code: 'FOLDER_NOT_CHOSEN', message: `Choose ${what} with the folder dialog first.`, retryable: false })
  }
  const imageOf = (taskId: string, index: number) => {
    const task = history.getTask(taskId)
    const image = task?.images.find((i) => i.index === index)
    if (!image) throw notFound(`Task ${taskId} has no image ${index + 1}.`)
    return image
  }
  return {
    'app:info': () => ({ name: 'Aidge Task Desk', version: platform.appVersion, dataDir: services.dataDir }),
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
      if (folder !== undefined && folder !== null) checkFolder(folder, 'the default download folder')
      // A new host for signed calls waits for the user's own answer in main's dialog; until then nothing changes.
      const { outcome, change } = await confirmEndpoint(services.settings.get(), patch, services.effectiveSettings())
      if (outcome === 'busy') {
        const message = `Answer the open question about ${change?.host ?? 'the server'} first.`
        throw new IpcFailure({ kind: 'forbidden', code: 'ENDPOINT_CHANGE_PENDING', message, retryable: true })
      }
      if (outcome === 'declined') {
        const message = `Requests still go to the current server: sending them to ${change?.host ?? 'the new server'} was not confirmed.`
        throw new IpcFailure({ kind: 'forbidden', code: 'ENDPOINT_NOT_CONFIRMED', message, retryable: false })
      }
      services.updateSettings(patch)
      // what settings:get answers: the saved settings with this run's connection overrides applied
      return services.effectiveSettings()
    },
    'tasks:add': ({ text }) => {
      const { ids, duplicates } = extractTaskIds(text)
      if (ids.length === 0) {
        throw new IpcFailure({ kind: 'invalidInput', code: 'NO_IDS', message: 'No task ids found in the text.', retryable: false })
      }
      if (ids.length > MAX_IDS_PER_REQUEST) {
        const message = `The text holds ${ids.length} task ids; add at most ${MAX_IDS_PER_REQUEST} at a time.`
        throw new IpcFailure({ kind: 'invalidInput', code: 'TOO_MANY_IDS', message, retryable: false })
      }
      return { ...services.addTasks(ids), duplicates }
    },
    'tasks:list': (q) => history.listTasks(q),
    'tasks:counts': () => history.countsByStatus(),
    'tasks:get': ({ taskId }) => {
      const task = history.getTask(taskId)
      return task ? { ...task, lastResponse: history.getLastResponse(taskId), input: taskInputView(services.submissions.journal, taskId) } : null
    },
    'tasks:requery': ({ taskId }) => {
      if (!history.getTask(taskId)) throw notFound(`Task ${taskId} is not in the history.`)
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
        throw new IpcFailure({ kind: 'forbidden', code: 'EXPORT_PATH_NOT_CHOSEN', message: 'Choose where to export with the save dialog.', retryable: false })
      }
      const path = await platform.chooseSaveFile(`aidge-tasks.${req.format}`, req.format)
      if (path === null) return { path: null, count: 0 }
      if (extname(path).toLowerCase() !== `.${req.format}`) {
        const message = `An export in ${req.format.toUpperCase()} is saved only under a name ending in .${req.format}; nothing was written.`
        throw new IpcFailure({ kind: 'invalidInput', code: 'EXPORT_EXTENSION', message, retryable: false })
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
      checkFolder(req.folder, 'the download folder')
      if (downloads.activeCount() >= MAX_ACTIVE_BATCHES) {
        const message = `${MAX_ACTIVE_BATCHES} downloads are already running or waiting; start this one when some have finished.`
        throw new IpcFailure({ kind: 'unavailable', code: 'TOO_MANY_BATCHES', message, retryable: true })
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
      if (image.downloadState !== 'done' || !image.localPath) throw notFound(`Image ${index + 1} of task ${taskId} has not been downloaded.`)
      await platform.revealFile(image.localPath)
      return { revealed: true }
    },
    'shell:openFolder': async ({ batchId }) => {
      // The folder comes from main's own record of the batch, never from the page.
      const batch = downloads.status().find((b) => b.batchId === batchId)
      if (!batch) throw notFound('That download is no longer known; its files are in the folder it was saved to.')
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
  if (e instanceof TaskIdError) return { kind: 'invalidInput', code: e.code, message: e.message, retryable: false, taskId: e.taskId }
  if (e instanceof EndpointError) return { kind: 'invalidInput', code: e.code, message: e.message, retryable: false }
  if (e instanceof CredentialStoreError) {
    return { kind: e.kind === 'keychain' ? 'unavailable' : 'invalidInput', code: `CREDENTIALS_${e.kind.toUpperCase()}`, message: e.message, retryable: false }
  }
  if (e instanceof HistoryStoreError) return { kind: 'internal', code: e.code, message: e.message, retryable: false }
  if (e && typeof e === 'object' && 'issues' in e && Array.isArray((e as { issues: unknown[] }).issues)) {
    return { kind: 'invalidInput', code: 'INVALID_PAYLOAD', message: describeIssues((e as { issues: ZodIssueLike[] }).issues), retryable: false }
  }
  const code = (e as { code?: unknown } | null)?.code
  if (code === 'ENOSPC') return { kind: 'internal', code, message: 'The disk is full.', retryable: false }
  if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'notFound', code, message: 'That file or folder does not exist.', retryable: false }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return { kind: 'forbidden', code: String(code), message: 'That file or folder cannot be written (permission denied).', retryable: false }
  }
  return { kind: 'internal', code: 'INTERNAL', message: 'Something went wrong in the app; the details are in its log.', retryable: false }
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
    return { ok: false, error: { kind: 'forbidden', code: 'UNKNOWN_CHANNEL', message: 'Unknown request.', retryable: false } }
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
