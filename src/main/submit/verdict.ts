// What a failed submit means for the money: the one place that decides whether a photo may be sent again.
// Only an answer that proves no task was created allows it: a rate limit (resCode 501, a gateway call limit,
// HTTP 429) or a connection that never opened. Anything after the request may have left (a reset, a timeout, a
// proxy's error page, an answer that does not parse) is unknown and is never sent again by itself.
import { AidgeError } from '../aidge/errors'

export type SubmitVerdict =
  /** nothing was created; send again after a pause */
  | { kind: 'retry'; pauseMs: number | null }
  /** the vendor (or the gateway) refused: nothing was created; `stop`: every later photo would meet the same */
  | { kind: 'rejected'; stop: boolean }
  /** a task may or may not exist */
  | { kind: 'unknown' }

/** Transport failures that happen before any byte of the request is sent. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH'])

export function submitVerdict(e: unknown): SubmitVerdict {
  if (!(e instanceof AidgeError)) return { kind: 'unknown' }
  switch (e.kind) {
    case 'rateLimit':
      return { kind: 'retry', pauseMs: e.retryAfterMs ?? null }
    case 'network':
      return NOT_SENT_CODES.has(e.code) ? { kind: 'retry', pauseMs: null } : { kind: 'unknown' }
    case 'auth':
    case 'quota':
      return { kind: 'rejected', stop: true }
    case 'business':
      return { kind: 'rejected', stop: false }
    default:
      // http (a proxy's page may follow a forwarded request), malformed, cancelled
      return { kind: 'unknown' }
  }
}
