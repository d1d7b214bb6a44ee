// The image fetcher's body delivery over real HTTP on 127.0.0.1: every byte in order whatever the consumer's pace,
// chunks that arrived before a failure are delivered before the failure, back-pressure pauses the socket, a sink
// error aborts, redirects are followed, and error pages are read only up to a limit.
import { randomBytes } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createHttpFetcher, LOCAL_ENDPOINT_HOSTS, type ImageFetcher } from '../../src/main/downloads'

const servers: http.Server[] = []
const fetchers: ImageFetcher[] = []
afterEach(async () => {
  for (const f of fetchers.splice(0)) await f.close()
  for (const s of servers.splice(0)) {
    s.closeAllConnections()
    await new Promise((r) => s.close(r))
  }
})

async function serve(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler)
  servers.push(server)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

function fetcher(): ImageFetcher {
  const f = createHttpFetcher({ connections: 4, hosts: () => LOCAL_ENDPOINT_HOSTS })
  fetchers.push(f)
  return f
}

const signal = (): AbortSignal => new AbortController().signal
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** Writes `body` in pieces, recording how many bytes the socket accepted before it pushed back. */
function sendInPieces(res: http.ServerResponse, body: Buffer, piece = 64 * 1024): void {
  res.writeHead(200, { 'content-length': String(body.length), 'content-type': 'image/png' })
  let at = 0
  const more = (): void => {
    while (at < body.length) {
      const ok = res.write(body.subarray(at, at + piece))
      at += piece
      if (!ok) return void res.once('drain', more)
    }
    res.end()
  }
  more()
}

describe('createHttpFetcher', () => {
  it('delivers every byte in order to a slow sink, and to one attached late', async () => {
    const body = randomBytes(3 * 1024 * 1024 + 17)
    const base = await serve((_req, res) => sendInPieces(res, body))
    const f = fetcher()

    const slow = await f.fetch({ url: `${base}/a.png`, headers: {}, signal: signal() })
    expect(slow.status).toBe(200)
    expect(slow.headers['content-length']).toBe(String(body.length))
    const got: Buffer[] = []
    let calls = 0
    await slow.read((chunk) => {
      got.push(Buffer.from(chunk))
      // every fifth chunk the sink is busy for a while: the connection must wait, not drop or reorder anything
      if (++calls % 5 === 0) return sleep(5)
    })
    expect(Buffer.concat(got).equals(body)).toBe(true)

    const late = await f.fetch({ url: `${base}/b.png`, headers: {}, signal: signal() })
    await sleep(100) // the body arrives meanwhile and is held (up to the high-water mark) until a sink attaches
    const got2: Buffer[] = []
    await late.read((chunk) => void got2.push(Buffer.from(chunk)))
    expect(Buffer.concat(got2).equals(body)).toBe(true)
  })

  it('pauses the connection while the sink is busy: the server is pushed back, nothing piles up in memory', async () => {
    const piece = Buffer.alloc(64 * 1024, 0xab)
    const total = 2048 * piece.length // 128 MiB, more than any socket buffers hold
    let sent = 0
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': String(total) })
      const more = (): void => {
        while (sent < total) {
          sent += piece.length
          if (!res.write(piece)) return void res.once('drain', more)
        }
        res.end()
      }
      more()
    })
    const res = await fetcher().fetch({ url: `${base}/big.png`, headers: {}, signal: signal() })
    let received = 0
    let release!: () => void
    const held = new Promise<void>((r) => (release = r))
    const reading = res.read((chunk) => {
      received += chunk.length
      // the first MiB in, the sink stops taking more until released
      return received < 1024 * 1024 ? undefined : held
    })
    await sleep(300)
    const rssBefore = process.memoryUsage().rss
    await sleep(200)
    // the server is stuck well short of the end: the paused connection filled the socket buffers and stopped
    expect(sent).toBeLessThan(total / 2)
    expect(received).toBeLessThan(2 * 1024 * 1024)
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(16 * 1024 * 1024)
    release()
    await reading
    expect(received).toBe(total)
  })

  it('a connection reset mid-body: the chunks that arrived are delivered first, then the error', async () => {
    const body = randomBytes(512 * 1024)
    const base = await serve((req, res) => {
      res.writeHead(200, { 'content-length': String(body.length * 2) })
      res.write(body, () => setTimeout(() => req.socket.resetAndDestroy(), 50))
    })
    const res = await fetcher().fetch({ url: `${base}/cut.png`, headers: {}, signal: signal() })
    const got: Buffer[] = []
    const error = await res.read((chunk) => void got.push(Buffer.from(chunk))).then(
      () => null,
      (e: unknown) => e as Error & { code?: string }
    )
    expect(error).not.toBeNull()
    expect(error!.code ?? error!.message).toMatch(/ECONNRESET|UND_ERR_SOCKET|other side closed/)
    expect(Buffer.concat(got).equals(body)).toBe(true)
  })

  it('a sink that throws aborts the transfer with its own error; abort signals cancel', async () => {
    const body = randomBytes(2 * 1024 * 1024)
    const base = await serve((_req, res) => sendInPieces(res, body))
    const f = fetcher()
    const res = await f.fetch({ url: `${base}/x.png`, headers: {}, signal: signal() })
    const boom = new Error('disk full (test)')
    await expect(res.read(() => { throw boom })).rejects.toBe(boom)

    const ac = new AbortController()
    const res2 = await f.fetch({ url: `${base}/y.png`, headers: {}, signal: ac.signal })
    let n = 0
    const reading = res2.read(() => {
      if (++n === 2) ac.abort(new Error('cancelled by the user'))
    })
    await expect(reading).rejects.toThrow(/cancelled by the user/)
    await expect(res2.read(() => undefined)).rejects.toThrow(/already being read/)
  })

  it('follows redirects, and reads an error page only up to the limit', async () => {
    const body = randomBytes(1000)
    const base = await serve((req, res) => {
      if (req.url === '/old.png') {
        res.writeHead(302, { location: '/new.png', 'content-length': '0' })
        return void res.end()
      }
      if (req.url === '/new.png') return void sendInPieces(res, body)
      res.writeHead(403, { 'content-type': 'application/xml' })
      res.end(`<Error><Code>AccessDenied</Code>${'x'.repeat(100_000)}</Error>`)
    })
    const f = fetcher()
    const moved = await f.fetch({ url: `${base}/old.png`, headers: {}, signal: signal() })
    expect(moved.status).toBe(200)
    const got: Buffer[] = []
    await moved.read((c) => void got.push(Buffer.from(c)))
    expect(Buffer.concat(got).equals(body)).toBe(true)

    const denied = await f.fetch({ url: `${base}/secret.png`, headers: {}, signal: signal() })
    expect(denied.status).toBe(403)
    const text = await denied.text(64)
    expect(text).toBe(`<Error><Code>AccessDenied</Code>${'x'.repeat(64 - 32)}`)
  })

  it('cancelling a request that still waits for a free connection rejects at once', async () => {
    const base = await serve((req, res) => {
      if (req.url === '/hang.png') return // never answers: holds the only connection
      res.end('ok')
    })
    const f = createHttpFetcher({ connections: 1, hosts: () => LOCAL_ENDPOINT_HOSTS })
    fetchers.push(f)
    const first = new AbortController()
    const hanging = f.fetch({ url: `${base}/hang.png`, headers: {}, signal: first.signal })
    hanging.catch(() => undefined)
    await sleep(50)
    const ac = new AbortController()
    const queued = f.fetch({ url: `${base}/next.png`, headers: {}, signal: ac.signal })
    const started = performance.now()
    ac.abort(new Error('cancelled while queued'))
    await expect(queued).rejects.toThrow(/cancelled while queued/)
    expect(performance.now() - started).toBeLessThan(500)
    first.abort(new Error('done'))
    await expect(hanging).rejects.toThrow(/done/)
  })

  it('a server that refuses the connection fails the fetch itself', async () => {
    const base = await serve((_req, res) => res.end())
    const port = new URL(base).port
    const s = servers.pop()!
    await new Promise((r) => s.close(r))
    await expect(fetcher().fetch({ url: `http://127.0.0.1:${port}/gone.png`, headers: {}, signal: signal() })).rejects.toMatchObject({ code: 'ECONNREFUSED' })
  })
})
