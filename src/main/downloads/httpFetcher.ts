// The network side of a download, behind a small interface so tests and other transports can stand in for it.
// The default is undici's dispatch API on its own keep-alive agent, with explicit timeouts: the body is pushed
// to the consumer chunk by chunk, synchronously, with no stream objects or promises per chunk between the socket
// and the hash and the file (at hundreds of MB/s those are what the CPU would be spent on).
import type dns from 'node:dns'
import { Agent, type Dispatcher } from 'undici'
import { checkImageUrl, guardedLookup, MAX_REDIRECTS, PUBLIC_HOSTS_ONLY, refusedUrl, type ImageHostPolicy } from './imageHosts'

export interface FetchRequest {
  url: string
  headers: Record<string, string>
  signal: AbortSignal
}

/**
 * Receives the body: called for each chunk, in order. The chunk is only valid during the call (copy what you
 * keep). Returning a promise pauses the connection until it settles (back-pressure); a rejection aborts.
 */
export type ChunkSink = (chunk: Uint8Array) => void | Promise<void>

export interface FetchResponse {
  status: number
  /** lower-case names; repeated headers joined with ", " */
  headers: Record<string, string | undefined>
  /**
   * Delivers the body to `sink` (once per response). Resolves when the whole body was delivered; rejects with the
   * network error after every chunk that arrived before it was delivered (so a resume can keep them).
   */
  read(sink: ChunkSink): Promise<void>
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
  /** which hosts images may come from, asked at every request and every connection (default: public https only) */
  hosts?: () => ImageHostPolicy
  /** the DNS lookup behind the address check (tests pass a stub; default dns.lookup) */
  resolve?: typeof dns.lookup
}

const REDIRECTS = new Set([301, 302, 303, 307, 308])

/** Chunks that arrive before the consumer attaches (or while it is busy) are held up to this much, then the socket pauses. */
const HIGH_WATER_BYTES = 256 * 1024

/**
 * One response's body between undici's handler callbacks and one sink. Chunks are handed over synchronously when
 * the sink is idle; otherwise (no sink yet, or the sink's last promise is pending) they are copied into a small
 * queue and the connection is paused once the queue is over the high-water mark.
 */
class BodyPump {
  private sink: ChunkSink | null = null
  private readonly queue: Buffer[] = []
  private queued = 0
  private busy = false
  private ended = false
  private error: Error | null = null
  private settle: { resolve: () => void; reject: (e: Error) => void } | null = null
  private paused = false

  constructor(private readonly controller: () => Dispatcher.DispatchController | null) {}

  attach(sink: ChunkSink): Promise<void> {
    if (this.sink) return Promise.reject(new Error('the body is already being read'))
    this.sink = sink
    return new Promise<void>((resolve, reject) => {
      this.settle = { resolve, reject }
      this.drain()
    })
  }

  data(chunk: Buffer): void {
    // undici may call back with an empty chunk right after a resume: pausing on it again would never progress
    if (chunk.length === 0) return
    if (this.sink && !this.busy && this.queue.length === 0) return this.deliver(chunk)
    // the chunk belongs to undici's read buffer only for this call
    this.queue.push(Buffer.from(chunk))
    this.queued += chunk.length
    if (this.queued >= HIGH_WATER_BYTES) this.pause()
  }

  end(error?: Error): void {
    if (this.ended) return
    this.ended = true
    if (error) this.error = error
    this.finishIfDone()
  }

  private deliver(chunk: Uint8Array): void {
    let r: void | Promise<void>
    try {
      r = this.sink!(chunk)
    } catch (e) {
      return this.fail(e)
    }
    if (r) {
      this.busy = true
      this.pause()
      r.then(
        () => {
          this.busy = false
          this.drain()
        },
        (e: unknown) => this.fail(e)
      )
    }
  }

  private drain(): void {
    while (!this.busy && this.queue.length > 0 && this.sink) {
      const chunk = this.queue.shift()!
      this.queued -= chunk.length
      this.deliver(chunk)
    }
    if (!this.busy && this.queue.length === 0) {
      this.resume()
      this.finishIfDone()
    }
  }

  private finishIfDone(): void {
    if (!this.ended || this.busy || this.queue.length > 0 || !this.settle) return
    const s = this.settle
    this.settle = null
    if (this.error) s.reject(this.error)
    else s.resolve()
  }

  private fail(e: unknown): void {
    const err = e instanceof Error ? e : new Error(String(e))
    this.busy = false
    this.queue.length = 0
    this.queued = 0
    this.controller()?.abort(err)
    this.ended = true
    this.error = err
    this.finishIfDone()
  }

  private pause(): void {
    if (this.paused || this.ended) return
    this.paused = true
    this.controller()?.pause()
  }

  private resume(): void {
    if (!this.paused) return
    this.paused = false
    if (!this.ended) this.controller()?.resume()
  }
}

export function createHttpFetcher(options: HttpFetcherOptions = {}): ImageFetcher {
  const hosts = options.hosts ?? (() => PUBLIC_HOSTS_ONLY)
  const agent =
    options.dispatcher ??
    new Agent({
      connections: options.connections ?? 16,
      pipelining: 1,
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 120_000,
      // every address a name resolves to is checked before the socket connects to it
      connect: { timeout: options.connectTimeoutMs ?? 15_000, lookup: guardedLookup(hosts, options.resolve) },
      headersTimeout: options.headersTimeoutMs ?? 30_000,
      bodyTimeout: options.bodyTimeoutMs ?? 60_000
    })
  const dispatcher: Dispatcher = agent
  /** A refusal of the address check is the URL's fault, not the network's: not retried. */
  const refusedOrSame = (e: unknown, url: string): unknown =>
    (e as { code?: unknown } | null)?.code === 'EADDRNOTPUBLIC' ? refusedUrl(url, (e as Error).message) : e

  const fetchOnce = (req: FetchRequest): Promise<FetchResponse> =>
      new Promise<FetchResponse>((resolve, reject) => {
        let controller: Dispatcher.DispatchController | null = null
        let answered = false
        const pump = new BodyPump(() => controller)
        const abort = (reason: unknown): void => {
          const err = reason instanceof Error ? reason : new Error(String(reason ?? 'aborted'))
          if (controller) return controller.abort(err)
          // still waiting for a connection: the caller hears now, the request is dropped when its turn comes
          pending = err
          if (!answered) reject(err)
        }
        let pending: Error | null = null
        const onAbort = (): void => abort(req.signal.reason)
        const cleanup = (): void => req.signal.removeEventListener('abort', onAbort)
        if (req.signal.aborted) return reject(req.signal.reason instanceof Error ? req.signal.reason : new Error('aborted'))
        req.signal.addEventListener('abort', onAbort, { once: true })
        let url: URL
        try {
          url = new URL(req.url)
        } catch (e) {
          cleanup()
          return reject(e)
        }
        const handler: Dispatcher.DispatchHandler = {
          onRequestStart(c) {
            controller = c
            if (pending) c.abort(pending)
          },
          onResponseStart(_c, statusCode, raw) {
            answered = true
            const headers: Record<string, string | undefined> = {}
            for (const [k, v] of Object.entries(raw)) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v
            resolve({
              status: statusCode,
              headers,
              read: (sink) => pump.attach(sink),
              text: (limit) => readText(pump, limit),
              async discard() {
                abort(new Error('discarded'))
                pump.end()
              }
            })
          },
          onResponseData(_c, chunk) {
            pump.data(chunk)
          },
          onResponseEnd() {
            cleanup()
            pump.end()
          },
          onResponseError(_c, error) {
            cleanup()
            if (answered) pump.end(error)
            else reject(refusedOrSame(error, req.url))
          }
        }
        try {
          dispatcher.dispatch(
            {
              origin: url.origin,
              path: `${url.pathname}${url.search}`,
              method: 'GET',
              headers: { 'accept-encoding': 'identity', ...req.headers },
              headersTimeout: options.headersTimeoutMs ?? 30_000,
              bodyTimeout: options.bodyTimeoutMs ?? 60_000
            },
            handler
          )
        } catch (e) {
          cleanup()
          reject(e)
        }
      })

  return {
    /** Redirects are followed here, not by undici: every hop is checked before it is requested. */
    async fetch(req) {
      let url = req.url
      for (let hop = 0; ; hop++) {
        checkImageUrl(url, hosts())
        const res = await fetchOnce({ ...req, url })
        const location = res.headers['location']
        if (!REDIRECTS.has(res.status) || location === undefined) return res
        await res.discard()
        if (hop >= MAX_REDIRECTS) throw refusedUrl(req.url, `more than ${MAX_REDIRECTS} redirects`)
        try {
          url = new URL(location, url).toString()
        } catch {
          throw refusedUrl(req.url, 'a redirect to something that is not a URL')
        }
      }
    },
    async close() {
      if (!options.dispatcher) await agent.close()
    }
  }
}

/** At most `limit` bytes of the body as UTF-8; the rest is dropped (the connection is not reused then). */
async function readText(pump: BodyPump, limit: number): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  const enough = new Error('read enough')
  try {
    await pump.attach((chunk) => {
      chunks.push(Buffer.from(chunk))
      size += chunk.length
      if (size >= limit) throw enough
    })
  } catch {
    // an error page that cannot be read whole still says something
  }
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8')
}
