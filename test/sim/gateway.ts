/**
 * The API gateway: POST {base}/rest{apiName}?partner_id&sign_method&sign_ver&app_key&timestamp&sign.
 *
 * Gateway errors are answered with HTTP 200 (the gateway family answers errors as JSON, not statuses) and the body
 * `{"type":"ISV","code":<GATEWAY_CODES value>,"message":"...","request_id":"..."}`. Checks, in order:
 *   (faults first: they model trouble in front of the gateway)
 *   method other than POST                  -> InvalidHttpMethod
 *   a required query parameter missing      -> MissingParameter     (message names it)
 *   partner_id / sign_method / sign_ver bad -> InvalidParameter     (message names it)
 *   app_key not the access key name         -> InvalidAppKey
 *   timestamp not ms digits or |skew| > max -> IllegalTimestamp     (message mentions the clock)
 *   sign wrong (HEX upper, exact)           -> IncompleteSignature
 *   unknown API name                        -> InvalidApiPath       (/__sim/ is never reachable from /rest)
 *   quota exhausted / trial flag missing    -> NoResource           ("Sorry, your calling resources have been exhausted...")
 *   qpsLimit exceeded                       -> business resCode 501 (default) or gateway ApiCallLimit
 *   fault gatewayCallLimit                  -> ApiCallLimit (or the fault's gatewayCode, e.g. AppCallLimit)
 * Business errors: `{"success":false,"resCode":N,"resMessage":"...","requestId","code":"0","request_id","_trace_id_"}`.
 * An unparseable body or a missing taskId is business 700. The submit API's own checks are in submit.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { FaultRegistry } from './faults'
import { newRequestId, readBody, resetSocket, type Timers } from './httpParts'
import { mintImageUrl } from './oss'
import type { SlidingWindow, StatsRecorder } from './stats'
import type { SimTask, TaskStore } from './tasks'
import type { QuotaMode } from './types'
import { verifySign } from './signing'
import { answerSubmit, resolveInput, SUBMIT_API, type ResolvedInput, type SubmitAnswerForm } from './submit'

export const GATEWAY_CODES = {
  invalidMethod: 'InvalidHttpMethod',
  missingParameter: 'MissingParameter',
  invalidParameter: 'InvalidParameter',
  invalidAppKey: 'InvalidAppKey',
  illegalTimestamp: 'IllegalTimestamp',
  badSignature: 'IncompleteSignature',
  invalidApiPath: 'InvalidApiPath',
  noResource: 'NoResource',
  apiCallLimit: 'ApiCallLimit'
} as const
/** HTTP status of every gateway error answer. */
export const GATEWAY_ERROR_HTTP_STATUS = 200
export const EXHAUSTED_MESSAGE =
  'Sorry, your calling resources have been exhausted. Please purchase resources for this API, or send the header x-iop-trial: true to use the free trial quota.'
export const QUERY_API = '/ai/virtual/model/generation/query'
export const BALANCE_API = '/ai/query/balance'
export const BUSINESS_MESSAGES: Record<number, string> = {
  500: 'system error',
  501: 'rate limit exceed',
  700: 'invalid input',
  801: 'model failed',
  1000: 'content has sensitive data, please try other input',
  1001: 'content control failed, please retry',
  1002: 'content risk filter failed, please contact us'
}
const REQUIRED_PARAMS = ['partner_id', 'sign_method', 'sign_ver', 'app_key', 'timestamp', 'sign'] as const
const FIXED_PARAMS: Record<string, string> = { partner_id: 'aidge', sign_method: 'sha256', sign_ver: 'v2' }

export interface GatewayState {
  accessKeyName: string
  secret: string
  maxSkewMs: number
  quota: QuotaMode
  qpsLimit: number | undefined
  qpsLimitAnswer: 'business501' | 'gatewayApiCallLimit'
  urlTtlMs: number
  balance: number
  /** submit calls admitted per sliding second (real time); beyond it: business 501 */
  submitQpsLimit: number | undefined
  submitAnswer: SubmitAnswerForm
  submitBalance: number
  /** every gateway answer is held this long after its request arrived (a far gateway's round trip), ms */
  answerLatencyMs: number
}

export interface GatewayDeps {
  state: GatewayState
  tasks: TaskStore
  faults: FaultRegistry
  stats: StatsRecorder
  timers: Timers
  admitted: SlidingWindow
  submitAdmitted: SlidingWindow
  now: () => number
  baseUrl: () => string
  /** bytes of a file the simulator hosts under /files/, by full URL */
  hosted: (url: string) => Buffer | undefined
  /** holds an answer `ms` on the clock the simulator was given for latency (real timers by default) */
  hold: (ms: number, fn: () => void) => void
}

interface Answer {
  status: number
  text: string
  contentType?: string
  headers?: Record<string, string>
  outcome: string
  taskStatus?: string
  requestId?: string
}

const json = (body: unknown, outcome: string, taskStatus?: string): Answer => ({ status: 200, text: JSON.stringify(body), outcome, ...(taskStatus ? { taskStatus } : {}) })

function gatewayError(deps: GatewayDeps, code: string, message: string): Answer {
  const requestId = newRequestId(deps.now())
  return { ...json({ type: 'ISV', code, message, request_id: requestId }, `gateway:${code}`), status: GATEWAY_ERROR_HTTP_STATUS, requestId }
}

function businessError(deps: GatewayDeps, resCode: number, resMessage?: string): Answer {
  const requestId = newRequestId(deps.now())
  const body = { success: false, resCode, resMessage: resMessage ?? BUSINESS_MESSAGES[resCode] ?? 'error', requestId, code: '0', request_id: newRequestId(deps.now()), _trace_id_: requestId }
  return { ...json(body, `business:${resCode}`), requestId }
}

function success(deps: GatewayDeps, data: Record<string, unknown>, taskStatus: string): Answer {
  const requestId = newRequestId(deps.now())
  const body = { data, requestId, success: true, resCode: 200, resMessage: 'success', code: '0', request_id: newRequestId(deps.now()), _trace_id_: requestId }
  return { ...json(body, 'ok', taskStatus), requestId }
}

function queryData(deps: GatewayDeps, task: SimTask, status: string): Record<string, unknown> {
  const base = { taskStatus: status, taskId: task.id }
  if (status === 'failed') return { ...base, taskMessage: task.failMessage ?? 'model failed' }
  const msg = task.message !== undefined ? { taskMessage: task.message } : {}
  if (status !== 'finished') return task.queries % 2 === 1 ? { taskResult: null, ...base, ...msg } : { ...base, ...msg }
  const expired = task.expiredLinksLeft > 0
  if (expired) task.expiredLinksLeft--
  const expiresAt = expired ? deps.now() - 60_000 : deps.now() + deps.state.urlTtlMs
  const urls = task.images.map((img) => mintImageUrl(deps.baseUrl(), task, img, expiresAt))
  if (task.resultForm === 'url') {
    return { taskResult: task.images.map((img, i) => ({ width: img.width, url: urls[i], height: img.height })), ...base, ...msg }
  }
  const list = task.resultForm === 'imageUrlListString' ? JSON.stringify(urls) : urls
  if (task.urlListAt === 'taskResult') {
    return { taskResult: [{ imageUrlList: list, width: task.images[0]?.width, height: task.images[0]?.height }], ...base, ...msg }
  }
  return { imageUrlList: list, ...base, ...msg }
}

function answerQuery(deps: GatewayDeps, body: Record<string, unknown> | undefined, trial: boolean): Answer {
  if (!body) return businessError(deps, 700, 'invalid input: the request body is not a JSON object')
  const taskId = body.taskId
  if (typeof taskId !== 'string' || taskId.trim() === '') return businessError(deps, 700, 'invalid input: taskId is required')
  const task = deps.tasks.resolve(taskId)
  if (!task) return businessError(deps, 700, `invalid input: taskId ${JSON.stringify(taskId)} does not exist`)
  if (task.businessError && task.businessError.left > 0) {
    task.businessError.left--
    return businessError(deps, task.businessError.resCode, task.businessError.resMessage)
  }
  const status = deps.tasks.evaluate(task)
  const answer = success(deps, queryData(deps, task, status), status)
  deps.tasks.recordQuery(task)
  if (!trial && deps.state.balance > 0) deps.state.balance--
  return answer
}

/** The gateway's own answer to a call, faults aside. */
function answerCall(deps: GatewayDeps, req: IncomingMessage, url: URL, apiName: string, body: Record<string, unknown> | undefined, trial: boolean, input?: ResolvedInput): Answer {
  const { state } = deps
  if (req.method !== 'POST') return gatewayError(deps, GATEWAY_CODES.invalidMethod, `The HTTP method ${req.method ?? ''} is not supported; use POST.`)
  const p = url.searchParams
  const missing = REQUIRED_PARAMS.filter((k) => !p.get(k))
  if (missing.length > 0) return gatewayError(deps, GATEWAY_CODES.missingParameter, `Missing required parameter: ${missing.join(', ')}`)
  for (const [k, v] of Object.entries(FIXED_PARAMS)) {
    if (p.get(k) !== v) return gatewayError(deps, GATEWAY_CODES.invalidParameter, `Invalid parameter ${k}: expected ${v}`)
  }
  if (p.get('app_key') !== state.accessKeyName) return gatewayError(deps, GATEWAY_CODES.invalidAppKey, `The app_key ${JSON.stringify(p.get('app_key'))} is not a valid access key`)
  const ts = p.get('timestamp')!
  const skew = /^\d{1,16}$/.test(ts) ? Number(ts) - deps.now() : NaN
  if (!(Math.abs(skew) <= state.maxSkewMs)) {
    const why = Number.isNaN(skew) ? 'is not a millisecond timestamp' : `differs from the server clock by ${Math.round(skew / 1000)} s`
    return gatewayError(deps, GATEWAY_CODES.illegalTimestamp, `Illegal timestamp: ${ts} ${why}; check the client clock`)
  }
  if (!verifySign(state.secret, ts, p.get('sign')!)) return gatewayError(deps, GATEWAY_CODES.badSignature, 'The request signature does not conform to platform standards')
  if (apiName !== QUERY_API && apiName !== BALANCE_API && apiName !== SUBMIT_API) return gatewayError(deps, GATEWAY_CODES.invalidApiPath, `The specified API path ${apiName} is not found`)
  if (state.quota === 'exhausted' || (state.quota === 'trialOnly' && !trial)) return gatewayError(deps, GATEWAY_CODES.noResource, EXHAUSTED_MESSAGE)
  if (state.qpsLimit !== undefined) {
    if (deps.admitted.count() >= state.qpsLimit) {
      return state.qpsLimitAnswer === 'business501'
        ? businessError(deps, 501)
        : gatewayError(deps, GATEWAY_CODES.apiCallLimit, 'The request has exceeded the api call limit, please retry later')
    }
    deps.admitted.push()
  }
  if (apiName === SUBMIT_API) {
    if (state.submitQpsLimit !== undefined) {
      if (deps.submitAdmitted.count() >= state.submitQpsLimit) return businessError(deps, 501)
      deps.submitAdmitted.push()
    }
    const outcome = answerSubmit(state, deps.tasks, body, input, trial)
    if (outcome.kind === 'business') return businessError(deps, outcome.resCode, outcome.resMessage)
    if (outcome.kind === 'noBalance') return gatewayError(deps, GATEWAY_CODES.noResource, EXHAUSTED_MESSAGE)
    deps.stats.created(outcome.inputKey)
    return success(deps, outcome.data, 'created')
  }
  if (apiName === BALANCE_API) {
    if (!body || typeof body.apiPath !== 'string') return businessError(deps, 700, 'invalid input: apiPath is required')
    const balance = body.apiPath === QUERY_API ? state.balance : body.apiPath === SUBMIT_API ? state.submitBalance : 0
    return json({ code: '0', data: { balance }, request_id: newRequestId(deps.now()), success: true }, 'ok')
  }
  return answerQuery(deps, body, trial)
}

function wrongShape(deps: GatewayDeps, variant: string, taskId: string | undefined): Answer {
  const requestId = newRequestId(deps.now())
  const ok = { requestId, resCode: 200, resMessage: 'success', code: '0', request_id: requestId }
  const id = taskId ?? 'unknown'
  const bodies: Record<string, unknown> = {
    statusNumber: { data: { taskStatus: 2, taskId: id }, success: true, ...ok },
    noSuccess: { data: { taskId: id }, ...ok },
    dataString: { data: 'finished', success: true, ...ok },
    taskResultObject: { data: { taskResult: { url: 42 }, taskStatus: 'finished', taskId: id }, success: true, ...ok },
    arrayBody: [{ taskStatus: 'finished', taskId: id }]
  }
  return json(bodies[variant] ?? bodies.statusNumber, 'fault:wrongShape')
}

function send(deps: GatewayDeps, req: IncomingMessage, res: ServerResponse, a: Answer, mode?: { slowMs?: number; truncate?: boolean }): void {
  if (res.destroyed || res.headersSent) return
  const buf = Buffer.from(a.text, 'utf8')
  res.writeHead(a.status, { 'content-type': a.contentType ?? 'application/json;charset=UTF-8', 'content-length': String(buf.length), ...a.headers })
  if (mode?.slowMs !== undefined) {
    res.flushHeaders()
    deps.timers.later(mode.slowMs, () => res.end(buf))
  } else if (mode?.truncate) {
    res.write(buf.subarray(0, Math.floor(buf.length / 2)), () => req.socket.destroy())
  } else {
    res.end(buf)
  }
}

const HTML_502 = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n'

/** `apiName` comes from the raw request path (never normalised, so /rest/../__sim is just an unknown API). */
export async function handleRest(deps: GatewayDeps, req: IncomingMessage, res: ServerResponse, url: URL, apiName: string): Promise<void> {
  res.on('close', deps.stats.callStarted())
  const trial = String(req.headers['x-iop-trial'] ?? '').toLowerCase() === 'true'
  // A submit carries a Base64 photo of up to 4 MB.
  const raw = await readBody(req, 8 * 1024 * 1024)
  let body: Record<string, unknown> | undefined
  try {
    const parsed: unknown = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'))
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>
  } catch {
    body = undefined
  }
  const taskId = typeof body?.taskId === 'string' ? body.taskId : undefined
  if (apiName === QUERY_API) deps.stats.queryCall(taskId)
  const input = apiName === SUBMIT_API && body ? resolveInput(body, deps.hosted) : undefined
  if (apiName === SUBMIT_API) deps.stats.submitCall()
  const inputKey = input && 'key' in input ? { input: input.key } : {}
  const finish = (a: Answer, mode?: { slowMs?: number; truncate?: boolean }, outcome?: string): void => {
    const entry = { at: deps.now(), path: apiName, outcome: outcome ?? a.outcome, trial }
    deps.stats.outcome({ ...entry, ...(taskId !== undefined ? { taskId } : {}), ...(a.taskStatus ? { status: a.taskStatus } : {}), ...(a.requestId ? { requestId: a.requestId } : {}) }, a.outcome)
    // The answer is decided (and logged, and counted against the limit) on arrival and travels back for
    // answerLatencyMs, as over a long line.
    if (deps.state.answerLatencyMs > 0) deps.hold(deps.state.answerLatencyMs, () => send(deps, req, res, a, mode))
    else send(deps, req, res, a, mode)
  }
  const normal = (): Answer => answerCall(deps, req, url, apiName, body, trial, input)

  const fault = deps.faults.take('api', { apiPath: apiName, ...(taskId !== undefined ? { taskId } : {}), ...inputKey })
  const spec = fault?.spec
  switch (spec?.kind) {
    case undefined:
      return finish(normal())
    case 'rateLimit501':
      return finish(businessError(deps, 501))
    case 'systemError500':
      return finish(businessError(deps, 500))
    case 'business':
      return finish(businessError(deps, spec.resCode ?? 700))
    case 'gatewayCallLimit':
      return finish(gatewayError(deps, spec.gatewayCode ?? GATEWAY_CODES.apiCallLimit, 'The request has exceeded the api call limit, please retry later'))
    case 'http429':
      return finish({ status: 429, text: 'Too Many Requests', contentType: 'text/plain', headers: { 'retry-after': String(spec.retryAfterSec ?? 1) }, outcome: 'fault:http429' })
    case 'http502Html':
      return finish({ status: 502, text: HTML_502, contentType: 'text/html', outcome: 'fault:http502Html' })
    case 'notJson': {
      const v = spec.variant ?? 'html'
      const text = v === 'empty' ? '' : v === 'garbage' ? '{"data":{"taskStatus":"runn\u0000\ufffd' : '<!DOCTYPE html><html><body><h1>Service temporarily unavailable</h1></body></html>'
      return finish({ status: 200, text, contentType: v === 'html' ? 'text/html' : 'application/json', outcome: 'fault:notJson' })
    }
    case 'wrongShape':
      return finish(wrongShape(deps, spec.variant ?? 'statusNumber', taskId))
    case 'lostAnswer': {
      // The call is carried out (a submit creates its task), then the connection drops before the answer.
      const a = normal()
      deps.stats.outcome({ at: deps.now(), path: apiName, outcome: 'fault:lostAnswer', trial, ...(taskId !== undefined ? { taskId } : {}), ...(a.requestId ? { requestId: a.requestId } : {}) }, a.outcome)
      return resetSocket(req.socket)
    }
    case 'connectionReset':
      deps.stats.outcome({ at: deps.now(), path: apiName, outcome: 'fault:connectionReset', trial, ...(taskId !== undefined ? { taskId } : {}) })
      return resetSocket(req.socket)
    case 'stallHeaders':
      if (spec.delayMs !== undefined) deps.timers.later(spec.delayMs, () => res.destroyed || finish(normal(), undefined, 'fault:stallHeaders'))
      return
    case 'slowBody':
      return finish(normal(), { slowMs: spec.delayMs ?? 1000 }, 'fault:slowBody')
    case 'truncatedBody':
      return finish(normal(), { truncate: true }, 'fault:truncatedBody')
    default:
      return finish(normal())
  }
}
