import { BUSINESS_CODES, type AidgeErrorInfo, type AidgeErrorKind } from '../../shared/aidge'
import { TRANSPORT_WORDS, transportCodeOf } from '../transportErrors'

/** The one error type every Aidge call throws; `toJSON()` is what the store records and the UI shows. */
export class AidgeError extends Error implements AidgeErrorInfo {
  readonly kind: AidgeErrorKind
  readonly code: string
  readonly retryable: boolean
  readonly requestId?: string
  readonly httpStatus?: number
  readonly taskId?: string
  readonly retryAfterMs?: number

  constructor(info: AidgeErrorInfo, options?: { cause?: unknown }) {
    super(info.message, options)
    this.name = 'AidgeError'
    this.kind = info.kind
    this.code = info.code
    this.retryable = info.retryable
    if (info.requestId !== undefined) this.requestId = info.requestId
    if (info.httpStatus !== undefined) this.httpStatus = info.httpStatus
    if (info.taskId !== undefined) this.taskId = info.taskId
    if (info.retryAfterMs !== undefined) this.retryAfterMs = info.retryAfterMs
  }

  toJSON(): AidgeErrorInfo {
    const info: AidgeErrorInfo = { kind: this.kind, code: this.code, message: this.message, retryable: this.retryable }
    if (this.requestId !== undefined) info.requestId = this.requestId
    if (this.httpStatus !== undefined) info.httpStatus = this.httpStatus
    if (this.taskId !== undefined) info.taskId = this.taskId
    if (this.retryAfterMs !== undefined) info.retryAfterMs = this.retryAfterMs
    return info
  }
}

export function isAidgeError(e: unknown): e is AidgeError {
  return e instanceof AidgeError
}

/** Removes the secret and any `sign=` value from text that is about to become an error message. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text.replace(/([?&]sign=)[^&\s"']+/gi, '$1[redacted]')
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('[redacted]')
  return out
}

/** Classifies whatever undici threw: cancellation, timeouts and socket failures. */
export function transportError(e: unknown, context: { what: string; taskId?: string; aborted: boolean }): AidgeError {
  const base = context.taskId !== undefined ? { taskId: context.taskId } : {}
  if (context.aborted) {
    return new AidgeError({ ...base, kind: 'cancelled', code: 'ABORTED', message: `${context.what} was cancelled.`, retryable: false }, { cause: e })
  }
  const code = transportCodeOf(e) ?? 'NETWORK'
  const why = (code === 'ECONNREFUSED' ? `${TRANSPORT_WORDS[code]} (is the endpoint right, and the server up?)` : TRANSPORT_WORDS[code]) ?? (e instanceof Error ? e.message : String(e))
  return new AidgeError(
    { ...base, kind: 'network', code, message: `${context.what} failed: ${why}.`, retryable: true },
    { cause: e }
  )
}

export function businessMeaning(resCode: number): string {
  return BUSINESS_CODES[resCode]?.meaning ?? 'undocumented error code'
}

/** Gateway codes (top-level `code` other than "0"), sorted into auth, quota, rate limit or other. */
export function classifyGatewayCode(code: string, message: string): { kind: AidgeErrorKind; retryable: boolean; hint: string } {
  const text = `${code} ${message}`
  if (/exhausted|NoResource|quota|balance|trial|Insufficient|NoPermission.*resource/i.test(text)) {
    return {
      kind: 'quota',
      retryable: false,
      hint: 'Your calls are used up or the trial is not enabled: turn on the trial flag, or buy resources for this API.'
    }
  }
  if (/CallLimit|Throttl|FlowControl|TooMany|RateLimit|Frequency/i.test(text)) {
    return { kind: 'rateLimit', retryable: true, hint: 'The gateway limits how often calls may be made; calls pause and resume.' }
  }
  if (/timestamp|clock|expired.*request/i.test(text)) {
    return {
      kind: 'auth',
      retryable: false,
      hint: "The gateway rejected the request time: check that this computer's clock and time zone are right."
    }
  }
  if (/sign|app_?key|accesskey|secret|auth|credential|InvalidApp|Unauthori[sz]ed|Forbidden|Permission/i.test(text)) {
    return {
      kind: 'auth',
      retryable: false,
      hint: 'Check the access key name and secret, and that they belong to the selected region.'
    }
  }
  return { kind: 'business', retryable: false, hint: 'The gateway refused the call.' }
}
