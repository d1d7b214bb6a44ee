// One error type for everything a download can run into, with what a person needs to read: what failed, why,
// and whether trying again can help. Messages never contain a signed URL (see fileNames.describeUrl).
import type { DownloadErrorCode } from '../../shared/downloads'
import { TRANSPORT_WORDS, transportCodeOf } from '../transportErrors'

export type { DownloadErrorCode }

export interface DownloadErrorInit {
  code: DownloadErrorCode
  message: string
  retryable: boolean
  httpStatus?: number
  retryAfterMs?: number
  /** the local error code (ENOSPC...) or transport code (ECONNRESET...) behind it */
  cause?: unknown
  sysCode?: string
}

export class DownloadError extends Error {
  readonly code: DownloadErrorCode
  readonly retryable: boolean
  readonly httpStatus?: number
  readonly retryAfterMs?: number
  readonly sysCode?: string

  constructor(init: DownloadErrorInit) {
    super(init.message, init.cause !== undefined ? { cause: init.cause } : undefined)
    this.name = 'DownloadError'
    this.code = init.code
    this.retryable = init.retryable
    if (init.httpStatus !== undefined) this.httpStatus = init.httpStatus
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs
    if (init.sysCode !== undefined) this.sysCode = init.sysCode
  }
}

export function isDownloadError(e: unknown): e is DownloadError {
  return e instanceof DownloadError
}

/** The failure's system or undici code, along its cause chain. */
export const errnoOf = transportCodeOf

/** A transport failure (from the fetcher or while reading the body) as a retryable DownloadError. */
export function networkError(e: unknown, what: string): DownloadError {
  const code = errnoOf(e)
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new DownloadError({ code: 'STALLED', message: `${what}: the server stopped sending (${code})`, retryable: true, cause: e, sysCode: code })
  }
  const words = (code && TRANSPORT_WORDS[code]) ?? (e instanceof Error ? e.message : String(e))
  return new DownloadError({ code: 'NETWORK', message: `${what}: ${words}${code ? ` (${code})` : ''}`, retryable: true, cause: e, ...(code ? { sysCode: code } : {}) })
}

const FS_WORDS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exhausted',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'a file is in the way of a folder',
  EISDIR: 'a folder is in the way of the file',
  ENAMETOOLONG: 'the path is too long',
  EMFILE: 'too many open files',
  EIO: 'an input/output error'
}

/** A local file failure as a DownloadError: a full disk or an unwritable folder is never retried. */
export function fileSystemError(e: unknown, what: string): DownloadError {
  if (e instanceof DownloadError) return e
  const sysCode = errnoOf(e)
  const words = (sysCode && FS_WORDS[sysCode]) ?? (e instanceof Error ? e.message : String(e))
  const code: DownloadErrorCode =
    sysCode === 'ENOSPC' || sysCode === 'EDQUOT'
      ? 'DISK_FULL'
      : sysCode && ['EROFS', 'EACCES', 'EPERM', 'ENOTDIR', 'EEXIST'].includes(sysCode)
        ? 'NOT_WRITABLE'
        : 'FILE_SYSTEM'
  return new DownloadError({ code, message: `${what}: ${words}${sysCode ? ` (${sysCode})` : ''}`, retryable: sysCode === 'EMFILE', cause: e, ...(sysCode ? { sysCode } : {}) })
}

export function cancelledError(): DownloadError {
  return new DownloadError({ code: 'CANCELLED', message: 'cancelled', retryable: false })
}

/** Codes after which no other file in the same folder can succeed either. */
export function isFolderFatal(e: DownloadError): boolean {
  return e.code === 'DISK_FULL' || (e.code === 'NOT_WRITABLE' && (e.sysCode === 'EROFS' || e.sysCode === 'ENOTDIR'))
}

/** A failure that too many connections at once can cause (or make worse): the batch takes it as a sign to slow down. */
export function loadMayCause(e: DownloadError): boolean {
  if (e.code === 'STALLED' || e.code === 'NETWORK' || e.code === 'CUT_SHORT') return true
  return e.code === 'HTTP' && e.httpStatus !== undefined && (e.httpStatus >= 500 || e.httpStatus === 429 || e.httpStatus === 408)
}
