// The network side of a download, behind a small interface so tests and other transports can stand in for it.
// The default is undici with its own keep-alive agent and explicit timeouts.
import { Writable } from 'node:stream'
import { Agent, interceptors, stream, type Dispatcher } from 'undici'

export interface FetchRequest {
  url: string
  headers: Record<string, string>
  signal: AbortSignal
}

export interface FetchResponse {
  status: number
  /** lower-case names; repeated headers joined with ", " */
  headers: Record<string, string | undefined>
  /** the body as it arrives; abandoning it early is fine after discard() */
  body: AsyncIterable<Uint8Array>
  /** reads at most `limit` bytes of the body as text (for error pages) */
  text(limit: number): Promise<string>
  /** releases the body without reading it */
  discard(): Promise<void>
}

export interface ImageFetcher {
  fetch(req: FetchRequest): Promise<FetchResponse>
  close(): Promise<void>
}

export interface HttpFetcherOptions {
  /** sockets per origin (default 16) */
  connections?: number
  connectTimeoutMs?: number
  /** no response headers for this long: UND_ERR_HEADERS_TIMEOUT (default 30 s) */
  headersTimeoutMs?: number
  /** no body bytes for this long: UND_ERR_BODY_TIMEOUT (default 60 s; the downloader's own stall timer is usually shorter) */
  bodyTimeoutMs?: number
  /** for tests: a dispatcher instead of the fetcher's own agent */
  dispatcher?: Dispatcher
}

/** Chunks a consumer has not taken yet, up to this much, before the socket is paused. */
const HIGH_WATER_BYTES = 256 * 1024

/**
 * The body as an async iterable that hands over every chunk that arrived before an error, then the error: a
 * plain Readable drops its buffer when destroyed, which would lose the tail a resume could have kept.
 */
class BodyQueue implements AsyncIterable<Uint8Array> {
  private chunks: Buffer[] = []
  private size = 0
  private done = false
  private error: unknown = null
  private wake: (() => void) | null = null
  private release: (() => void) | null = null

  constructor(private readonly cancel: () => void) {}

  push(chunk: Buffer, cb: () => void): void {
    this.chunks.push(chunk)
    this.size += chunk.length
    this.notify()
    if (this.size < HIGH_WATER_BYTES) cb()
    else this.release = cb
  }

  end(error?: unknown): void {
    if (this.done) return
    this.done = true
    if (error !== undefined) this.error = error
    this.notify()
  }

  private notify(): void {
    const w = this.wake
    this.wake = null
    w?.()
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    try {
      for (;;) {
        const chunk = this.chunks.shift()
        if (chunk) {
          this.size -= chunk.length
          if (this.release && this.size < HIGH_WATER_BYTES) {
            const r = this.release
            this.release = null
            r()
          }
          yield chunk
          continue
        }
        if (this.done) {
          if (this.error !== null) throw this.error
          return
        }
        await new Promise<void>((resolve) => (this.wake = resolve))
      }
    } finally {
      if (!this.done) this.cancel()
    }
  }
}

export function createHttpFetcher(options: HttpFetcherOptions = {}): ImageFetcher {
  const agent =
    options.dispatcher ??
    new Agent({
      connections: options.connections ?? 16,
      pipelining: 1,
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 120_000,
      connect: { timeout: options.connectTimeoutMs ?? 15_000 },
      headersTimeout: options.headersTimeoutMs ?? 30_000,
      bodyTimeout: options.bodyTimeoutMs ?? 60_000
    })
  const dispatcher = agent.compose(interceptors.redirect({ maxRedirections: 5 }))
  return {
    fetch(req) {
      const abort = new AbortController()
      const onAbort = (): void => abort.abort(req.signal.reason)
      if (req.signal.aborted) abort.abort(req.signal.reason)
      else req.signal.addEventListener('abort', onAbort, { once: true })
      const body = new BodyQueue(() => abort.abort(new Error('the body was abandoned')))
      return new Promise<FetchResponse>((resolve, reject) => {
        let answered = false
        stream(
          req.url,
          {
            method: 'GET',
            dispatcher,
            headers: { 'accept-encoding': 'identity', ...req.headers },
            signal: abort.signal,
            headersTimeout: options.headersTimeoutMs ?? 30_000,
            bodyTimeout: options.bodyTimeoutMs ?? 60_000
          },
          ({ statusCode, headers: raw }) => {
            answered = true
            const headers: Record<string, string | undefined> = {}
            for (const [k, v] of Object.entries(raw)) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v
            resolve({
              status: statusCode,
              headers,
              body,
              text: (limit) => readText(body, limit, abort),
              async discard() {
                abort.abort(new Error('discarded'))
                body.end()
              }
            })
            return new Writable({
              write: (chunk: Buffer, _enc, cb) => body.push(chunk, () => cb()),
              final: (cb) => {
                body.end()
                cb()
              }
            })
          }
        ).then(
          () => body.end(),
          (e: unknown) => {
            body.end(e)
            if (!answered) reject(e)
          }
        ).finally(() => req.signal.removeEventListener('abort', onAbort))
      })
    },
    async close() {
      if (!options.dispatcher) await agent.close()
    }
  }
}

async function readText(body: AsyncIterable<Uint8Array>, limit: number, abort: AbortController): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of body) {
      chunks.push(Buffer.from(chunk))
      size += chunk.length
      if (size >= limit) break
    }
  } catch {
    // an error page that cannot be read whole still says something
  } finally {
    abort.abort(new Error('done reading'))
  }
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8')
}
