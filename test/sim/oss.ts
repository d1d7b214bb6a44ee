// Object-storage side: result URLs shaped like Alibaba OSS signed links, served from the same server with
// Range, HEAD, expiry and signature checks answered as OSS does (403 with an XML body), plus image faults.
import { createHmac, randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { FarStore } from './farStore'
import type { FaultRegistry } from './faults'
import { resetSocket, sendText, type Timers, writeChunk } from './httpParts'
import type { ImageCache } from './images'
import type { StatsRecorder } from './stats'
import type { ResolvedImage, SimTask, TaskStore } from './tasks'
import type { FaultSpec } from './types'

export const OSS_BUCKET = 'ai-business-algo-sim'
export const OSS_ACCESS_KEY_ID = 'SIMKEY'
const OSS_SECRET = 'simulated-oss-secret'
const KEY_PREFIX = 'pengxin.sim%2Fsd%2F'
/** /oss/<bucket>/pengxin.sim%2Fsd%2F<token>-<index>%2F<name>: a tolerant match (a client may decode %2F). */
const PATH_RE = /^\/oss\/[^/]+\/pengxin\.sim(?:%2F|\/)sd(?:%2F|\/)([0-9a-f]{16})-(\d+)(?:%2F|\/)/i

function stringToSign(task: SimTask, index: number, expires: number): string {
  return `GET\n\n\n${expires}\n/${OSS_BUCKET}/${task.token}-${index}`
}

export function ossSignature(task: SimTask, index: number, expires: number): string {
  return createHmac('sha1', OSS_SECRET).update(stringToSign(task, index, expires)).digest('base64')
}

/** A signed link to image `img` of `task` that expires at `expiresAtMs` (sim clock). */
export function mintImageUrl(base: string, task: SimTask, img: ResolvedImage, expiresAtMs: number): string {
  const expires = Math.floor(expiresAtMs / 1000)
  const sig = encodeURIComponent(ossSignature(task, img.index, expires))
  return `${base}/oss/${OSS_BUCKET}/${KEY_PREFIX}${task.token}-${img.index}%2F${img.pathName}?OSSAccessKeyId=${OSS_ACCESS_KEY_ID}&Expires=${expires}&Signature=${sig}`
}

function xmlEscape(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`)
}

function sendOssError(res: ServerResponse, status: number, code: string, message: string, extra: Record<string, string> = {}): void {
  const requestId = randomBytes(12).toString('hex').toUpperCase()
  const fields = { Code: code, Message: message, RequestId: requestId, HostId: `${OSS_BUCKET}.127.0.0.1`, ...extra }
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n${Object.entries(fields)
    .map(([k, v]) => `  <${k}>${xmlEscape(v)}</${k}>`)
    .join('\n')}\n</Error>\n`
  sendText(res, status, xml, 'application/xml', { 'x-oss-request-id': requestId, server: 'AliyunOSS' })
}

type Range = { start: number; end: number } | 'unsatisfiable' | null

const HOSTILE = new Set<string>(['imageHuge', 'imageHugeLength', 'imageHtml', 'imageRedirect', 'imageBody'])

/** What a hostile object store (or whoever answers in its place) sends instead of the image. */
async function serveHostile(deps: OssDeps, req: IncomingMessage, res: ServerResponse, spec: FaultSpec, image: Buffer, log: (outcome: string) => void): Promise<void> {
  log(`fault:${spec.kind}`)
  if (spec.kind === 'imageRedirect') {
    res.writeHead(spec.status ?? 302, { location: spec.location ?? '/', 'content-length': '0' })
    return void res.end()
  }
  if (spec.kind === 'imageBody') {
    const body = Buffer.from(spec.bodyBase64 ?? '', 'base64')
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(body.length) })
    deps.stats.imageBytes(body.length)
    return void res.end(body)
  }
  const total = spec.bytes ?? (spec.kind === 'imageHtml' ? 50 : 200) * 1024 * 1024
  const headers: Record<string, string> = { 'content-type': 'image/png' }
  if (spec.kind === 'imageHugeLength') headers['content-length'] = String(total)
  res.writeHead(200, headers)
  const first = spec.kind === 'imageHtml' ? Buffer.from('<!doctype html><html><body>' + 'Not found. '.repeat(6000)) : image
  const filler = spec.kind === 'imageHtml' ? first : Buffer.alloc(64 * 1024)
  let sent = 0
  let closed = false
  res.on('close', () => void (closed = true))
  // chunk by chunk, each written once the last has drained: a client that stops reading stops the stream
  for (let chunk = first.subarray(0, total); sent < total && !closed && !req.socket.destroyed; chunk = filler.subarray(0, total - sent)) {
    await writeChunk(res, chunk)
    sent += chunk.length
    deps.stats.imageBytes(chunk.length)
  }
  if (!closed) res.end()
}

function parseRange(header: string | undefined, size: number): Range {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null
  if (!m || (m[1] === '' && m[2] === '')) return null // absent, multi-range or malformed: the whole object
  if (m[1] === '') {
    const suffix = Number(m[2])
    if (suffix === 0) return 'unsatisfiable'
    return { start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(m[1])
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1)
  if (start >= size || end < start) return 'unsatisfiable'
  return { start, end }
}

export interface OssDeps {
  tasks: TaskStore
  images: ImageCache
  faults: FaultRegistry
  stats: StatsRecorder
  timers: Timers
  now: () => number
  /** the line between the store and the client (time to first byte, rate caps, stalls) */
  far: FarStore
}

/** `path` is the raw request path: names in it are matched as sent, never normalised. */
export async function handleOss(deps: OssDeps, req: IncomingMessage, res: ServerResponse, url: URL, path: string): Promise<void> {
  res.on('close', deps.stats.imageStarted())
  const log = (outcome: string, taskId?: string): void =>
    deps.stats.append({ at: deps.now(), path, outcome, trial: false, ...(taskId !== undefined ? { taskId } : {}) })
  // every answer of a far store, refusals included, comes a round trip and the store's own time later
  await deps.far.firstByte()
  const method = req.method ?? 'GET'
  if (method !== 'GET' && method !== 'HEAD') {
    log('http:405')
    return sendOssError(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.')
  }
  const m = PATH_RE.exec(path)
  const task = m ? deps.tasks.byTokenOf(m[1]!.toLowerCase()) : undefined
  const img = task?.images[Number(m?.[2])]
  if (!task || !img) {
    log('http:404')
    return sendOssError(res, 404, 'NoSuchKey', 'The specified key does not exist.')
  }
  const isGet = method === 'GET'
  const fault = deps.faults.take('image', { taskId: task.id, index: img.index }, (k) => isGet || k === 'image5xx' || k === 'imageExpire')
  const kind = fault?.spec.kind
  if (kind === 'image5xx') {
    log(`fault:${kind}`, task.id)
    return sendOssError(res, fault!.spec.status ?? 503, 'ServiceUnavailable', 'Please reduce your request rate.')
  }
  const expires = Number(url.searchParams.get('Expires'))
  const expiredAnswer = (): void =>
    sendOssError(res, 403, 'AccessDenied', 'Request has expired.', {
      Expires: new Date((Number.isFinite(expires) ? expires : 0) * 1000).toISOString(),
      ServerTime: new Date(deps.now()).toISOString()
    })
  if (kind === 'imageExpire') {
    log(`fault:${kind}`, task.id)
    return expiredAnswer()
  }
  const keyId = url.searchParams.get('OSSAccessKeyId')
  const signature = url.searchParams.get('Signature')
  if (keyId === null || signature === null || !url.searchParams.has('Expires')) {
    log('http:403', task.id)
    return sendOssError(res, 403, 'AccessDenied', 'You have no right to access this object because of bucket acl.')
  }
  if (keyId !== OSS_ACCESS_KEY_ID) {
    log('http:403', task.id)
    return sendOssError(res, 403, 'InvalidAccessKeyId', 'The OSS Access Key Id you provided does not exist in our records.')
  }
  if (!Number.isInteger(expires) || signature !== ossSignature(task, img.index, expires)) {
    log('http:403', task.id)
    return sendOssError(res, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.')
  }
  if (deps.now() / 1000 > expires) {
    log('http:403', task.id)
    return expiredAnswer()
  }

  const bytes = await deps.images.bytes(img)
  if (kind && HOSTILE.has(kind)) return serveHostile(deps, req, res, fault!.spec, bytes, (o) => log(o, task.id))
  const etag = deps.images.etag(bytes)
  const ifRange = req.headers['if-range']
  const range = ifRange !== undefined && ifRange !== etag ? null : parseRange(req.headers.range, bytes.length)
  const headers: Record<string, string> = {
    'content-type': img.contentType,
    'accept-ranges': 'bytes',
    etag,
    'last-modified': new Date(task.createdAt).toUTCString(),
    'x-oss-request-id': randomBytes(12).toString('hex').toUpperCase(),
    'x-oss-object-type': 'Normal',
    server: 'AliyunOSS'
  }
  if (range === 'unsatisfiable') {
    log('http:416', task.id)
    return sendOssError(res, 416, 'InvalidRange', 'The requested range cannot be satisfied.', { ActualObjectSize: String(bytes.length) })
  }
  const body = range ? bytes.subarray(range.start, range.end + 1) : bytes
  if (range) headers['content-range'] = `bytes ${range.start}-${range.end}/${bytes.length}`
  headers['content-length'] = String(body.length)
  const status = range ? 206 : 200
  log(kind ? `fault:${kind}` : `http:${status}`, task.id)
  res.writeHead(status, headers)
  if (!isGet) return void res.end()

  if (!kind) {
    if (deps.far.active) return deps.far.send(req, res, body, (n) => deps.stats.imageBytes(n))
    deps.stats.imageBytes(body.length)
    return void res.end(body)
  }
  const half = Math.max(1, Math.floor(body.length / 2))
  deps.stats.imageBytes(half)
  await writeChunk(res, body.subarray(0, half))
  if (kind === 'imageReset') {
    // Let the first half reach the peer before the RST, so a client can resume from what it got.
    deps.timers.later(20, () => resetSocket(req.socket))
  } else if (kind === 'imageCutOnce') {
    req.socket.end()
  } else if (kind === 'imageStall' && fault!.spec.delayMs !== undefined) {
    deps.timers.later(fault!.spec.delayMs, () => {
      if (res.destroyed) return
      deps.stats.imageBytes(body.length - half)
      res.end(body.subarray(half))
    })
  }
}
