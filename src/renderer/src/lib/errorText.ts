// The words for errors main reports: main sends a code and its parameters (IpcError.code / .data), the renderer
// says it, in the window's language (catalog area `errors`). A code this file does not know (the gateway's, the
// OS's) is shown with the detail main sent: those words are the vendor's or the system's, not ours.
import type { AidgeErrorInfo } from '../../../shared/aidge'
import { formatBytes } from '../format'
import { t } from '../i18n'
import type { IpcError } from '../../../shared/ipc'
import type { InputProblem } from '../../../shared/submit'

type Data = Readonly<Record<string, unknown>>
const str = (v: unknown, fallback: string): string => (typeof v === 'string' && v !== '' ? v : fallback)
const num = (v: unknown): number => (typeof v === 'number' ? v : 0)

function notFound(d: Data): string {
  const taskId = str(d['taskId'], '?')
  const n = num(d['index']) + 1
  switch (d['what']) {
    case 'task':
      return t('errors.notFound.task', { taskId })
    case 'image':
      return t('errors.notFound.image', { taskId, n })
    case 'file':
      return t('errors.notFound.file', { taskId, n })
    case 'batch':
      return t('errors.notFound.batch')
    default:
      return t('errors.notFound.other')
  }
}

function diskFull(d: Data): string {
  const folder = str(d['folder'], '')
  if (!folder) return t('errors.ENOSPC')
  return typeof d['freeBytes'] === 'number' ? t('errors.DISK_FULL_FREE', { folder, free: formatBytes(d['freeBytes']) }) : t('errors.DISK_FULL', { folder })
}

/** A sentence for a person, from an error main (or the bridge) reported. */
export function describeError(e: IpcError): string {
  const d: Data = e.data ?? {}
  switch (e.code) {
    case 'NO_IDS':
      return t('errors.NO_IDS')
    case 'TOO_MANY_IDS':
      return t('errors.TOO_MANY_IDS', { count: num(d['count']), max: num(d['max']) })
    case 'NOT_FOUND':
      return notFound(d)
    case 'FOLDER_NOT_CHOSEN':
      return d['purpose'] === 'defaultDownload' ? t('errors.folderNotChosen.defaultDownload') : t('errors.folderNotChosen.download')
    case 'INVALID_TEMPLATE':
      return t('errors.INVALID_TEMPLATE', { field: str(d['field'], 'template'), problem: templateWords(d) })
    case 'INVALID_TASK_ID':
      return t('errors.INVALID_TASK_ID', { taskId: str(d['taskId'], ''), problem: str(d['problem'], t('errors.notATaskId')) })
    case 'INVALID_ENDPOINT':
      return t('errors.INVALID_ENDPOINT', { detail: e.message })
    case 'ENDPOINT_CHANGE_PENDING':
      return t('errors.ENDPOINT_CHANGE_PENDING', { host: str(d['host'], t('errors.theServer')) })
    case 'ENDPOINT_NOT_CONFIRMED':
      return t('errors.ENDPOINT_NOT_CONFIRMED', { host: str(d['host'], t('errors.theNewServer')) })
    case 'EXPORT_PATH_NOT_CHOSEN':
      return t('errors.EXPORT_PATH_NOT_CHOSEN')
    case 'EXPORT_EXTENSION': {
      const format = str(d['format'], 'csv')
      return t('errors.EXPORT_EXTENSION', { format: format.toUpperCase(), ext: format })
    }
    case 'DOWNLOAD_CONCURRENCY_ABOVE_MAX':
      return t('errors.DOWNLOAD_CONCURRENCY_ABOVE_MAX', { concurrency: num(d['concurrency']), maxConcurrency: num(d['maxConcurrency']) })
    case 'TOO_MANY_BATCHES':
      return t('errors.TOO_MANY_BATCHES', { max: num(d['max']) })
    case 'INVALID_PAYLOAD':
      return t('errors.INVALID_PAYLOAD', { detail: e.message })
    case 'PAYLOAD_TOO_LARGE':
      return t('errors.PAYLOAD_TOO_LARGE')
    case 'UNTRUSTED_SENDER':
      return t('errors.UNTRUSTED_SENDER')
    case 'DISK_FULL':
      return diskFull(d)
    case 'SCHEMA_TOO_NEW':
    case 'MIGRATION_FAILED':
    case 'DAMAGED':
    case 'BACKUP_FAILED':
    case 'CLOSED':
      return t('errors.historyProblem', { code: e.code, detail: e.message })
    case 'ENOSPC':
      return t('errors.ENOSPC')
    case 'ENOENT':
    case 'ENOTDIR':
      return t('errors.ENOENT')
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return t('errors.EACCES')
    case 'INTERNAL':
      return t('errors.INTERNAL')
    case 'UNKNOWN_CHANNEL':
      return t('errors.UNKNOWN_CHANNEL')
    case 'NO_BRIDGE':
      return t('errors.NO_BRIDGE')
    case 'IPC_FAILED':
      return t('errors.IPC_FAILED')
    case 'BAD_RESULT':
      return t('errors.BAD_RESULT')
    case 'NOT_A_URL':
    case 'HTTPS_ONLY':
    case 'LINK_NOT_ALLOWED':
    case 'PHOTO_NOT_CHOSEN':
    case 'NOT_UNKNOWN':
      return t(`errors.${e.code}`)
    case 'DROP_SIZE':
      return t('errors.DROP_SIZE', { name: str(d['name'], '') })
    case 'BAD_URL':
      return urlWords(d, e.message)
    case 'BAD_PARAMS':
      return t('errors.BAD_PARAMS', { detail: e.message })
    case 'CREDENTIALS_KEYCHAIN':
      return t('errors.credentials.keychain', { detail: e.message })
    default:
      if (e.code.startsWith('CREDENTIALS_')) return t('errors.credentials.other', { detail: e.message })
      return e.message
  }
}

/** A template's problem: an unknown variable (named) or an empty template; main's own words otherwise. */
function templateWords(d: Data): string {
  if (d['reason'] === 'empty') return t('format.templateEmpty')
  if (d['reason'] === 'unknownVariable') return t('format.templateUnknown', { variable: `{${str(d['variable'], '')}}`, known: str(d['known'], '') })
  return str(d['problem'], '')
}

function urlWords(d: Data, fallback: string): string {
  const url = str(d['url'], '')
  switch (d['reason']) {
    case 'NOT_A_URL':
    case 'NOT_HTTP':
    case 'TOO_LONG':
      return t(`errors.photo.url.${d['reason']}`, { url })
    default:
      return fallback
  }
}

/** A photo's local check (before any paid call), from its code and data; main's diagnostic for an older record
 * that has no data. */
export function describeProblem(p: InputProblem): string {
  const d: Data = p.data ?? {}
  const pixels = { width: num(d['width']), height: num(d['height']), min: num(d['min']), max: num(d['max']) }
  switch (p.code) {
    case 'UNREADABLE': {
      const path = str(d['path'], '')
      if (!path) return p.message
      const reason = d['reason']
      return reason === 'ENOENT' || reason === 'EISDIR' || reason === 'EACCES' ? t(`errors.photo.unreadable.${reason}`, { path }) : t('errors.photo.unreadable.other', { path, detail: str(d['detail'], p.message) })
    }
    case 'WRONG_TYPE':
      if (d['reason'] === 'damaged') return t('errors.photo.damaged', { format: str(d['format'], '') })
      if (d['reason'] === 'notImage') return t('errors.photo.notImage')
      if (d['reason'] === 'otherType') return t('errors.photo.otherType')
      return p.message
    case 'FILE_TOO_BIG':
      if (typeof d['bytes'] !== 'number') return p.message
      return d['reason'] === 'read' ? t('errors.photo.tooBigToRead', { size: formatBytes(d['bytes']) }) : t('errors.photo.tooBig', { size: formatBytes(d['bytes']) })
    case 'TOO_SMALL':
    case 'TOO_LARGE':
      return typeof d['width'] === 'number' ? t('errors.photo.pixels', pixels) : p.message
    case 'CANNOT_FIT':
      return typeof d['width'] === 'number' ? t('errors.photo.cannotFit', pixels) : p.message
    case 'BAD_URL':
      return urlWords(d, p.message)
    case 'BAD_PARAMS':
      return d['reason'] === 'stored' ? t('errors.photo.storedParams') : p.message
    default:
      return p.message
  }
}

/** Why a submit was rejected: a local check (worded here) or the gateway's answer (its own words). */
export function describeRejection(e: AidgeErrorInfo | InputProblem): string {
  return 'kind' in e ? e.message : describeProblem(e)
}
