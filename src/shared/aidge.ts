// Types of the Aidge domain that every room of the app shares: the client returns them, the store keeps them,
// the UI shows them. Plain data only (they cross IPC as JSON).

export const KNOWN_TASK_STATUSES = ['submitted', 'running', 'finished', 'failed'] as const
export type KnownTaskStatus = (typeof KNOWN_TASK_STATUSES)[number]
/** The vendor's status string. Unknown strings are kept verbatim and treated as non-terminal. */
export type TaskStatus = KnownTaskStatus | (string & {})

export function isTerminalStatus(status: string): status is 'finished' | 'failed' {
  return status === 'finished' || status === 'failed'
}

export interface TaskImage {
  url: string
  width?: number
  height?: number
}

export type Region = 'global' | 'cn'

/**
 * One taxonomy for every failed call (see aidge-protocol.md, "three layers"):
 * - network: refused, reset, DNS, timeout
 * - http: non-2xx status, including HTML pages from proxies
 * - malformed: not JSON, or JSON of the wrong shape (the message names the field)
 * - auth: gateway signature / key / timestamp errors
 * - quota: calls exhausted, trial not enabled
 * - rateLimit: resCode 501, gateway call limits, HTTP 429
 * - business: any other resCode, with its documented meaning
 * - cancelled: the caller aborted the call (never retried)
 */
export const AIDGE_ERROR_KINDS = [
  'network',
  'http',
  'malformed',
  'auth',
  'quota',
  'rateLimit',
  'business',
  'cancelled'
] as const
export type AidgeErrorKind = (typeof AIDGE_ERROR_KINDS)[number]

/** The serialisable form of an AidgeError: what the store records and the UI/CLI show. */
export interface AidgeErrorInfo {
  kind: AidgeErrorKind
  /** gateway code ("IncompleteSignature"), resCode ("700"), HTTP status ("502") or a transport code ("ECONNRESET") */
  code: string
  message: string
  retryable: boolean
  requestId?: string
  httpStatus?: number
  taskId?: string
  /** a server hint (Retry-After), in milliseconds */
  retryAfterMs?: number
}

/** Documented business codes of the query API (aidge-query-api.md), with what a person should do. */
export const BUSINESS_CODES: Record<number, { meaning: string; retryable: boolean }> = {
  500: { meaning: 'system error on the vendor side', retryable: true },
  501: { meaning: 'rate limit exceeded', retryable: true },
  700: { meaning: 'invalid input: the request does not meet the format requirements', retryable: false },
  801: { meaning: 'model failed: internal call exception, contact Aidge support with the requestId', retryable: false },
  1000: { meaning: 'content has sensitive data and cannot be handled; try other input', retryable: false },
  1001: { meaning: 'content control failed; the vendor says retry, a few times at most', retryable: true },
  1002: { meaning: 'content risk filter failed; contact Aidge support with the requestId', retryable: false }
}
