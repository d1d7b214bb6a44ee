// The words for errors main reports: main sends a code and its parameters (IpcError.code / .data), the renderer
// says it. A code this file does not know (the gateway's, the history file's) is shown with the detail main sent.
import type { IpcError } from '../../../shared/ipc'

const FOLDER_PURPOSE: Record<string, string> = {
  download: 'the download folder',
  defaultDownload: 'the default download folder'
}

const str = (v: unknown, fallback: string): string => (typeof v === 'string' && v !== '' ? v : fallback)
const num = (v: unknown): number => (typeof v === 'number' ? v : 0)

function notFound(d: Readonly<Record<string, unknown>>): string {
  const taskId = str(d['taskId'], '?')
  const image = num(d['index']) + 1
  switch (d['what']) {
    case 'task':
      return `Task ${taskId} is not in the history.`
    case 'image':
      return `Task ${taskId} has no image ${image}.`
    case 'file':
      return `Image ${image} of task ${taskId} has not been downloaded.`
    case 'batch':
      return 'That download is no longer known; its files are in the folder it was saved to.'
    default:
      return 'That is no longer there.'
  }
}

/** A sentence for a person, from an error main (or the bridge) reported. */
export function describeError(e: IpcError): string {
  const d = e.data ?? {}
  switch (e.code) {
    case 'NO_IDS':
      return 'No task ids found in the text.'
    case 'NOT_FOUND':
      return notFound(d)
    case 'FOLDER_NOT_CHOSEN':
      return `Choose ${FOLDER_PURPOSE[str(d['purpose'], 'download')] ?? 'the folder'} with the folder dialog first.`
    case 'INVALID_TEMPLATE':
      return `${str(d['field'], 'template')}: ${str(d['problem'], 'not a usable file name template')}.`
    case 'INVALID_TASK_ID':
      return `Invalid task id ${str(d['taskId'], '')}: ${str(d['problem'], 'not a task id')}.`
    case 'ENDPOINT_CHANGE_PENDING':
      return `Answer the open question about ${str(d['host'], 'the server')} first.`
    case 'ENDPOINT_NOT_CONFIRMED':
      return `Requests still go to the current server: sending them to ${str(d['host'], 'the new server')} was not confirmed.`
    case 'EXPORT_PATH_NOT_CHOSEN':
      return 'Choose where to export with the save dialog.'
    case 'EXPORT_EXTENSION': {
      const format = str(d['format'], 'csv')
      return `An export in ${format.toUpperCase()} is saved only under a name ending in .${format}; nothing was written.`
    }
    case 'DOWNLOAD_CONCURRENCY_ABOVE_MAX':
      return `Files downloaded at once to start with (${num(d['concurrency'])}) cannot be more than at most (${num(d['maxConcurrency'])}).`
    case 'TOO_MANY_BATCHES':
      return `${num(d['max'])} downloads are already running or waiting; start this one when some have finished.`
    case 'INVALID_PAYLOAD':
      return `The app refused a request from this window (${e.message})`
    case 'ENOSPC':
      return 'The disk is full.'
    case 'ENOENT':
    case 'ENOTDIR':
      return 'That file or folder does not exist.'
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'That file or folder cannot be written (permission denied).'
    case 'INTERNAL':
      return 'Something went wrong in the app; the details are in its log.'
    case 'UNKNOWN_CHANNEL':
      return 'Unknown request.'
    case 'NO_BRIDGE':
      return 'This window is not connected to the app. Start Aidge Task Desk from its launcher.'
    case 'IPC_FAILED':
      return 'The app did not answer. Try again in a moment.'
    case 'BAD_RESULT':
      return 'The app sent an answer the window does not understand.'
    default:
      return e.message
  }
}
