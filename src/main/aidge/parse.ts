import type { TaskImage, TaskStatus } from '../../shared/aidge'
import { AidgeError, businessMeaning, classifyGatewayCode } from './errors'
import { BUSINESS_CODES } from '../../shared/aidge'

type Json = Record<string, unknown>

export interface TaskQueryResult {
  taskId: string
  status: TaskStatus
  /** data.taskMessage, or null */
  message: string | null
  images: TaskImage[]
  /** requestId (or request_id / _trace_id_) of this response */
  requestId: string | null
  /** the parsed response as the server sent it, for troubleshooting */
  raw: unknown
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

export function requestIdOf(body: unknown): string | null {
  if (!isObject(body)) return null
  for (const key of ['requestId', 'request_id', '_trace_id_']) {
    const v = body[key]
    if (typeof v === 'string' && v.length > 0) return v
  }
  return null
}

function malformed(field: string, detail: string, requestId: string | null, taskId?: string): AidgeError {
  return new AidgeError({
    kind: 'malformed',
    code: 'BAD_SHAPE',
    message: `The server's answer is not in the expected shape: ${field} ${detail}.`,
    retryable: true,
    ...(requestId ? { requestId } : {}),
    ...(taskId !== undefined ? { taskId } : {})
  })
}

/**
 * Throws the gateway or business error a parsed body carries, if any (layers 2 and 3 of aidge-protocol.md).
 * `serverDate` (the HTTP Date header) lets a timestamp rejection say how far off the local clock is.
 */
export function throwIfErrorBody(body: unknown, ctx: { taskId?: string; localNow: number; serverDate?: number }): void {
  const requestId = requestIdOf(body)
  const ids = { ...(requestId ? { requestId } : {}), ...(ctx.taskId !== undefined ? { taskId: ctx.taskId } : {}) }
  if (!isObject(body)) throw malformed('the response', 'is not a JSON object', requestId, ctx.taskId)

  const code = body.code
  if (code !== undefined && code !== null && String(code) !== '0' && String(code) !== '200') {
    const message = typeof body.message === 'string' ? body.message : typeof body.msg === 'string' ? body.msg : ''
    const cls = classifyGatewayCode(String(code), message)
    let hint = cls.hint
    if (/clock/.test(hint) && ctx.serverDate !== undefined && Number.isFinite(ctx.serverDate)) {
      const skewS = Math.round((ctx.localNow - ctx.serverDate) / 1000)
      hint += ` This computer's clock is ${Math.abs(skewS)} s ${skewS >= 0 ? 'ahead of' : 'behind'} the server's.`
    }
    throw new AidgeError({
      ...ids,
      kind: cls.kind,
      code: String(code),
      message: `Gateway error ${String(code)}${message ? `: ${message}` : ''}. ${hint}`,
      retryable: cls.retryable
    })
  }

  const resCode = body.resCode
  const success = body.success
  if (resCode === undefined && success === undefined) {
    throw malformed('"success" and "resCode"', 'are both missing', requestId, ctx.taskId)
  }
  const numericCode = typeof resCode === 'number' ? resCode : typeof resCode === 'string' ? Number(resCode) : NaN
  if (success === false || (resCode !== undefined && numericCode !== 200)) {
    const codeNum = Number.isFinite(numericCode) ? numericCode : -1
    const resMessage = typeof body.resMessage === 'string' ? body.resMessage : ''
    const documented = BUSINESS_CODES[codeNum]
    throw new AidgeError({
      ...ids,
      kind: codeNum === 501 ? 'rateLimit' : 'business',
      code: String(resCode ?? 'UNKNOWN'),
      message: `Aidge error ${String(resCode ?? '(no resCode)')} (${businessMeaning(codeNum)})${resMessage ? `: ${resMessage}` : ''}.`,
      retryable: documented?.retryable ?? false
    })
  }
}

const OSS_HOST = /(^|\.)aliyuncs\.com$/i

/** Object-storage links come as http in the vendor's sample; the same hosts serve https and the signature does
 * not cover the scheme, so those are upgraded. Any other host is left as given (e.g. a local simulator). */
export function preferHttps(url: string): string {
  try {
    const u = new URL(url)
    if (u.protocol === 'http:' && OSS_HOST.test(u.hostname)) {
      u.protocol = 'https:'
      return u.toString()
    }
    return url
  } catch {
    return url
  }
}

function dimension(v: unknown): number | undefined {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined
}

function urlList(v: unknown, field: string, requestId: string | null, taskId: string): string[] {
  if (v === undefined || v === null || v === '') return []
  let list: unknown = v
  if (typeof v === 'string') {
    const t = v.trim()
    if (t.startsWith('[')) {
      try {
        list = JSON.parse(t)
      } catch {
        throw malformed(field, 'is a string that is not a valid JSON array', requestId, taskId)
      }
    } else {
      list = [t]
    }
  }
  if (!Array.isArray(list)) throw malformed(field, 'is neither a list of URLs nor a JSON-array string', requestId, taskId)
  return list.filter((u): u is string => typeof u === 'string' && u.length > 0)
}

/** Every result form the protocol page lists: taskResult[].url, imageUrlList arrays and JSON-array strings,
 * at the data level or inside taskResult entries. A missing or null taskResult is fine while running. */
export function extractImages(data: Json, requestId: string | null, taskId: string): TaskImage[] {
  const images: TaskImage[] = []
  const push = (url: string, width: unknown, height: unknown): void => {
    const img: TaskImage = { url: preferHttps(url) }
    const w = dimension(width)
    const h = dimension(height)
    if (w !== undefined) img.width = w
    if (h !== undefined) img.height = h
    images.push(img)
  }

  let results = data.taskResult
  if (typeof results === 'string' && results.trim().startsWith('[')) {
    try {
      results = JSON.parse(results)
    } catch {
      throw malformed('data.taskResult', 'is a string that is not valid JSON', requestId, taskId)
    }
  }
  if (isObject(results)) results = [results]
  if (results !== undefined && results !== null && !Array.isArray(results)) {
    throw malformed('data.taskResult', `is a ${typeof results}, not a list`, requestId, taskId)
  }
  for (const [i, entry] of (Array.isArray(results) ? results : []).entries()) {
    if (typeof entry === 'string') {
      push(entry, undefined, undefined)
      continue
    }
    if (!isObject(entry)) throw malformed(`data.taskResult[${i}]`, 'is not an object', requestId, taskId)
    if (entry.url !== undefined && entry.url !== null && typeof entry.url !== 'string') {
      throw malformed(`data.taskResult[${i}].url`, `is a ${typeof entry.url}, not a URL string`, requestId, taskId)
    }
    if (typeof entry.url === 'string' && entry.url.length > 0) push(entry.url, entry.width, entry.height)
    for (const u of urlList(entry.imageUrlList, `data.taskResult[${i}].imageUrlList`, requestId, taskId)) {
      push(u, entry.width, entry.height)
    }
  }
  for (const u of urlList(data.imageUrlList, 'data.imageUrlList', requestId, taskId)) push(u, data.width, data.height)

  const seen = new Set<string>()
  return images.filter((img) => (seen.has(img.url) ? false : (seen.add(img.url), true)))
}

export function parseQueryBody(body: unknown, taskId: string): TaskQueryResult {
  const requestId = requestIdOf(body)
  const data = (body as Json).data
  if (!isObject(data)) throw malformed('data', data === undefined ? 'is missing' : 'is not an object', requestId, taskId)
  const status = data.taskStatus
  if (typeof status !== 'string' || status.trim() === '') {
    throw malformed('data.taskStatus', status === undefined ? 'is missing' : `is ${JSON.stringify(status)}, not a status string`, requestId, taskId)
  }
  const message = typeof data.taskMessage === 'string' && data.taskMessage.length > 0 ? data.taskMessage : null
  return { taskId, status: status.trim(), message, images: extractImages(data, requestId, taskId), requestId, raw: body }
}

export interface BalanceResult {
  balance: number
  requestId: string | null
  raw: unknown
}

export function parseBalanceBody(body: unknown): BalanceResult {
  const requestId = requestIdOf(body)
  const data = (body as Json).data
  if (!isObject(data)) throw malformed('data', 'is missing', requestId)
  const balance = typeof data.balance === 'string' ? Number(data.balance) : data.balance
  if (typeof balance !== 'number' || !Number.isFinite(balance)) throw malformed('data.balance', 'is not a number', requestId)
  return { balance, requestId, raw: body }
}
