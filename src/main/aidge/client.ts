import { Agent, request, type Dispatcher } from 'undici'
import type { Region } from '../../shared/aidge'
import { validateTaskId } from '../../shared/taskIds'
import { resolveBaseUrl } from './endpoint'
import { AidgeError, scrubSecrets, transportError } from './errors'
import { parseBalanceBody, parseQueryBody, requestIdOf, throwIfErrorBody, type BalanceResult, type TaskQueryResult } from './parse'
import { signedQuery } from './sign'
import { SUBMIT_API, parseSubmitBody, type SubmitResult } from './submitBody'
import type { Credentials } from '../credentials/types'

export const QUERY_API = '/ai/virtual/model/generation/query'
export const BALANCE_API = '/ai/query/balance'

export type { Credentials }

export interface AidgeClientOptions {
  /** the credentials, or a function asked before each call (so a change in the keychain applies at once) */
  credentials: Credentials | (() => Promise<Credentials | null> | Credentials | null)
  region?: Region
  /** any base URL (a proxy, a simulator); wins over region */
  endpoint?: string | null
  /** spend the free trial quota: sends x-iop-trial: true */
  trial?: boolean
  timeouts?: { connectMs?: number; headersMs?: number; bodyMs?: number }
  /** clock for the signature timestamp */
  now?: () => number
  /** for tests: a dispatcher to use instead of the client's own keep-alive agent */
  dispatcher?: Dispatcher
}

export interface CallOptions {
  signal?: AbortSignal
}

const DEFAULT_TIMEOUTS = { connectMs: 10_000, headersMs: 30_000, bodyMs: 30_000 }
/** The balance API may take up to 30 s by the vendor's word. */
const BALANCE_HEADERS_TIMEOUT_MS = 45_000
/** A submit uploads a photo of up to 4 MB (as Base64) and the vendor may check it before answering (unless the
 * caller set its own headers timeout). */
const SUBMIT_HEADERS_TIMEOUT_MS = 60_000
/** No valid answer is this large; a bigger one is a misrouted download or an attack. */
const MAX_RESPONSE_BYTES = 4 * 1024 * 1024

/** Client for the Aidge query API: signs each call, classifies every outcome into one error taxonomy. */
export class AidgeClient {
  readonly baseUrl: string
  private readonly agent: Dispatcher
  private readonly ownsAgent: boolean
  private readonly now: () => number
  private readonly timeouts: typeof DEFAULT_TIMEOUTS

  constructor(private readonly options: AidgeClientOptions) {
    this.baseUrl = resolveBaseUrl(options.region ?? 'global', options.endpoint)
    this.now = options.now ?? Date.now
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts }
    this.ownsAgent = options.dispatcher === undefined
    this.agent =
      options.dispatcher ??
      new Agent({
        connect: { timeout: this.timeouts.connectMs },
        headersTimeout: this.timeouts.headersMs,
        bodyTimeout: this.timeouts.bodyMs,
        keepAliveTimeout: 30_000,
        maxResponseSize: MAX_RESPONSE_BYTES,
        connections: 16
      })
  }

  /** Queries one task once. Throws TaskIdError before any call for a bad id, AidgeError for any failed call. */
  async queryTask(taskId: string, opts: CallOptions = {}): Promise<TaskQueryResult> {
    validateTaskId(taskId)
    const body = await this.call(QUERY_API, { taskId }, { ...opts, taskId, what: `Querying task ${taskId}` })
    return parseQueryBody(body, taskId)
  }

  /** Remaining calls for an API (the vendor asks for about one such call a day). */
  async checkBalance(apiPath: string = QUERY_API, opts: CallOptions = {}): Promise<BalanceResult> {
    const body = await this.call(BALANCE_API, { apiPath }, { ...opts, what: 'Checking the balance', headersMs: Math.max(this.timeouts.headersMs, BALANCE_HEADERS_TIMEOUT_MS) })
    return parseBalanceBody(body)
  }

  /**
   * Creates a task: a paid call, never retried here. The caller (the submit queue) journals the call before it and
   * decides from the error what may be sent again; see src/main/submit/verdict.ts.
   */
  async submitTask(body: Record<string, string>, opts: CallOptions = {}): Promise<SubmitResult> {
    const headersMs = this.options.timeouts?.headersMs ?? SUBMIT_HEADERS_TIMEOUT_MS
    const answer = await this.call(SUBMIT_API, body, { ...opts, what: 'Submitting a photo', headersMs })
    return parseSubmitBody(answer)
  }

  async close(): Promise<void> {
    if (this.ownsAgent) await this.agent.close()
  }

  private async credentials(): Promise<Credentials> {
    const c = typeof this.options.credentials === 'function' ? await this.options.credentials() : this.options.credentials
    if (!c || !c.accessKeyName || !c.secret) {
      throw new AidgeError({
        kind: 'auth',
        code: 'NO_CREDENTIALS',
        message: 'No Aidge access key is configured: set the access key name and secret first.',
        retryable: false
      })
    }
    return c
  }

  private async call(
    api: string,
    payload: Record<string, string>,
    ctx: CallOptions & { what: string; taskId?: string; headersMs?: number }
  ): Promise<unknown> {
    const creds = await this.credentials()
    const localNow = this.now()
    const url = new URL(`${this.baseUrl}/rest${api}`)
    for (const [k, v] of Object.entries(signedQuery(creds.accessKeyName, creds.secret, localNow))) url.searchParams.set(k, v)
    const secrets = [creds.secret]
    const idCtx = ctx.taskId !== undefined ? { taskId: ctx.taskId } : {}

    let res: Dispatcher.ResponseData
    try {
      res = await request(url, {
        method: 'POST',
        dispatcher: this.agent,
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'x-iop-trial': this.options.trial ? 'true' : 'false'
        },
        body: JSON.stringify(payload),
        signal: ctx.signal,
        headersTimeout: ctx.headersMs ?? this.timeouts.headersMs,
        bodyTimeout: this.timeouts.bodyMs
      })
    } catch (e) {
      throw scrubbed(transportError(e, { what: ctx.what, ...idCtx, aborted: ctx.signal?.aborted === true }), secrets)
    }

    let text: string
    try {
      text = await res.body.text()
    } catch (e) {
      throw scrubbed(transportError(e, { what: `${ctx.what} (reading the answer)`, ...idCtx, aborted: ctx.signal?.aborted === true }), secrets)
    }

    const contentType = String(res.headers['content-type'] ?? '')
    const looksHtml = /html/i.test(contentType) || /^\s*</.test(text)
    let body: unknown
    let parsed = false
    try {
      body = JSON.parse(text)
      parsed = true
    } catch {
      // handled below, after the status code has had its say
    }
    const requestId = parsed ? requestIdOf(body) : null
    const ids = { ...idCtx, ...(requestId ? { requestId } : {}) }

    if (res.statusCode < 200 || res.statusCode > 299) {
      const retryAfterMs = parseRetryAfter(res.headers['retry-after'], this.now())
      if (parsed) {
        // A gateway may answer its JSON errors with a non-2xx status: let the body speak first.
        try {
          throwIfErrorBody(body, { ...idCtx, localNow, ...serverDate(res.headers.date) })
        } catch (e) {
          if (e instanceof AidgeError && e.kind !== 'malformed') throw scrubbed(e, secrets)
        }
      }
      const status = res.statusCode
      const kind = status === 429 ? 'rateLimit' : 'http'
      const page = looksHtml ? ' with an HTML page (a proxy or gateway error page)' : ''
      throw scrubbed(
        new AidgeError({
          ...ids,
          kind,
          code: String(status),
          httpStatus: status,
          message: `${ctx.what} failed: the server answered HTTP ${status}${page}.`,
          retryable: status === 429 || status === 408 || status >= 500,
          ...(retryAfterMs !== undefined ? { retryAfterMs } : {})
        }),
        secrets
      )
    }

    if (!parsed) {
      const what = looksHtml ? 'an HTML page instead of JSON (a proxy or captive portal?)' : text.length === 0 ? 'an empty body' : 'a body that is not JSON'
      throw scrubbed(
        new AidgeError({ ...idCtx, kind: 'malformed', code: 'NOT_JSON', httpStatus: res.statusCode, message: `${ctx.what} failed: the server sent ${what}.`, retryable: true }),
        secrets
      )
    }
    try {
      throwIfErrorBody(body, { ...idCtx, localNow, ...serverDate(res.headers.date) })
    } catch (e) {
      throw e instanceof AidgeError ? scrubbed(e, secrets) : e
    }
    return body
  }
}

function scrubbed(e: AidgeError, secrets: string[]): AidgeError {
  const message = scrubSecrets(e.message, secrets)
  return message === e.message ? e : new AidgeError({ ...e.toJSON(), message }, { cause: e.cause })
}

function serverDate(h: string | string[] | undefined): { serverDate?: number } {
  const v = Array.isArray(h) ? h[0] : h
  const t = v ? Date.parse(v) : NaN
  return Number.isFinite(t) ? { serverDate: t } : {}
}

function parseRetryAfter(h: string | string[] | undefined, now: number): number | undefined {
  const v = Array.isArray(h) ? h[0] : h
  if (!v) return undefined
  const seconds = Number(v)
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, 10 * 60_000)
  const at = Date.parse(v)
  return Number.isFinite(at) ? Math.max(0, Math.min(at - now, 10 * 60_000)) : undefined
}
