// Small HTTP pieces shared by the gateway, the object store and the control API.
import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'

/** Timers that close() can cancel all at once (stalls, slow bodies). */
export class Timers {
  private readonly pending = new Set<NodeJS.Timeout>()
  private closed = false

  later(ms: number, fn: () => void): void {
    if (this.closed) return
    const t = setTimeout(() => {
      this.pending.delete(t)
      fn()
    }, Math.max(0, ms))
    this.pending.add(t)
  }

  close(): void {
    this.closed = true
    for (const t of this.pending) clearTimeout(t)
    this.pending.clear()
  }
}

let seq = 0
/** Request ids in the gateway's style: hex host part, ms timestamp, sequence, random tail (30 chars). */
export function newRequestId(nowMs: number): string {
  seq = (seq + 1) % 10000
  return `0b${randomBytes(3).toString('hex')}${String(Math.floor(Math.abs(nowMs))).padStart(13, '0').slice(-13)}${String(seq).padStart(4, '0')}${randomBytes(1).toString('hex')}`
}

export class BodyTooLarge extends Error {}

export function readBody(req: IncomingMessage, limit = 1_000_000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > limit) {
        reject(new BodyTooLarge(`body over ${limit} bytes`))
        req.destroy()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendText(res, status, JSON.stringify(body), 'application/json;charset=UTF-8', headers)
}

export function sendText(res: ServerResponse, status: number, text: string, contentType: string, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return
  const buf = Buffer.from(text, 'utf8')
  res.writeHead(status, { 'content-type': contentType, 'content-length': String(buf.length), ...headers })
  res.end(buf)
}

/** Write a chunk and resolve once it has been handed to the socket (or the socket is gone). */
export function writeChunk(res: ServerResponse, chunk: Buffer): Promise<void> {
  return new Promise((resolve) => {
    if (res.destroyed) return resolve()
    res.write(chunk, () => resolve())
  })
}

/** Send a TCP RST where the runtime can (Node >= 18.3), else a plain destroy. */
export function resetSocket(socket: Socket | null | undefined): void {
  if (!socket || socket.destroyed) return
  const s = socket as Socket & { resetAndDestroy?: () => Socket }
  if (typeof s.resetAndDestroy === 'function') s.resetAndDestroy()
  else socket.destroy()
}
