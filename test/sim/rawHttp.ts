// A raw node:http client for tests: sends paths verbatim (no URL normalisation) and keeps whatever bytes arrived
// before an error, which fetch hides. Also timings of the response head and end.
import { request } from 'node:http'
import type { IncomingHttpHeaders } from 'node:http'

export interface RawResult {
  status?: number
  headers: IncomingHttpHeaders
  body: Buffer
  /** error code (ECONNRESET, ...) or message when the exchange failed */
  error?: string
  /** ms from sending to the response head, and to the end (or error) */
  headMs?: number
  totalMs: number
}

export interface RawOptions {
  method?: string
  headers?: Record<string, string>
  body?: string | Buffer
  /** abort after this many ms (reports error 'TIMEOUT') */
  timeoutMs?: number
}

/** `target` is a full URL; its path and query are sent exactly as written. */
export function rawRequest(target: string, opts: RawOptions = {}): Promise<RawResult> {
  const m = /^http:\/\/([^/:]+):(\d+)(\/.*)?$/.exec(target)
  if (!m) throw new Error(`rawRequest: not an http URL: ${target}`)
  const started = performance.now()
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    const result: RawResult = { headers: {}, body: Buffer.alloc(0), totalMs: 0 }
    let settled = false
    const settle = (error?: string): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      result.body = Buffer.concat(chunks)
      result.totalMs = performance.now() - started
      if (error !== undefined) result.error = error
      resolve(result)
    }
    const req = request(
      { host: m[1], port: Number(m[2]), path: m[3] ?? '/', method: opts.method ?? 'GET', headers: opts.headers, agent: false },
      (res) => {
        result.status = res.statusCode
        result.headers = res.headers
        result.headMs = performance.now() - started
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => settle(res.complete ? undefined : 'INCOMPLETE'))
        res.on('aborted', () => settle('ABORTED'))
        res.on('error', (e: NodeJS.ErrnoException) => settle(e.code ?? e.message))
        res.on('close', () => settle(res.complete ? undefined : 'INCOMPLETE'))
      }
    )
    const timer = setTimeout(() => {
      settle('TIMEOUT')
      req.destroy()
    }, opts.timeoutMs ?? 5000)
    req.on('error', (e: NodeJS.ErrnoException) => settle(e.code ?? e.message))
    req.end(opts.body)
  })
}
