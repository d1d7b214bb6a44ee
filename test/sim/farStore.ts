// A far object store emulated on loopback: time to first byte, a rate cap per TCP connection, one line cap shared
// by every connection, and optional stalls. The pacing is done where a real line does it, on the sending side:
// each body goes out in small chunks, each chunk only once both its connection's and the line's token buckets
// allow it, so any client (ours, curl, aria2c) sees the same line. The line serves waiting connections in turn
// (a queue in the order they asked), which shares it fairly, as a router's per-flow queueing roughly does.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { Timers } from './httpParts'

export interface FarStoreSpec {
  /** ms from a request's arrival to its answer's headers, for every object-store request (default 0) */
  ttfbMs?: number
  /** bits per second per TCP connection (default: no cap) */
  connectionBitsPerSec?: number
  /** bits per second for all connections together (default: no cap) */
  lineBitsPerSec?: number
  /** every `every`-th image body (counting from the first) pauses halfway for `ms` */
  stall?: { every: number; ms: number }
}

/**
 * How far a bucket may fall behind the clock and catch up, in ms: a timer that fires late (a busy machine) must
 * not slow the line down. A bucket restarts with nothing to spend when its connection (or the whole line) starts
 * sending after a pause, so this is no burst at the start of a body.
 */
const CATCH_UP_MS = 50

/**
 * A token bucket kept as a virtual clock (GCRA): `due` is when the bytes granted so far have all been paid for
 * at `bytesPerMs`. A chunk may go once the time it is due at is (almost) here.
 */
class Pacer {
  private due = -Infinity
  constructor(readonly bytesPerMs: number) {}

  /** Starts sending after a pause: nothing saved up. */
  restart(now: number): void {
    this.due = Math.max(this.due, now)
  }

  /** Books `bytes` and returns how long to wait (ms) before sending them. */
  book(bytes: number, now: number): number {
    this.due = Math.max(this.due, now - CATCH_UP_MS) + bytes / this.bytesPerMs
    return Math.max(0, this.due - now)
  }
}

const bitsToBytesPerMs = (bits: number): number => bits / 8 / 1000

export class FarStore {
  private spec: FarStoreSpec = {}
  private line: Pacer | null = null
  private readonly perSocket = new WeakMap<Socket, Pacer>()
  private bodies = 0
  /** bodies being sent right now: the line restarts when the first starts after a pause */
  private sending = 0

  constructor(
    private readonly timers: Timers,
    private readonly now: () => number = () => performance.now()
  ) {}

  configure(spec: FarStoreSpec | null): void {
    const s = spec ?? {}
    for (const [name, v] of [
      ['ttfbMs', s.ttfbMs],
      ['connectionBitsPerSec', s.connectionBitsPerSec],
      ['lineBitsPerSec', s.lineBitsPerSec]
    ] as const) {
      if (v !== undefined && !(Number.isFinite(v) && v >= 0)) throw new Error(`farStore.${name} must be a number >= 0, not ${String(v)}`)
    }
    if (s.stall && !(Number.isInteger(s.stall.every) && s.stall.every >= 1 && Number.isFinite(s.stall.ms) && s.stall.ms >= 0)) {
      throw new Error('farStore.stall needs every (a whole number >= 1) and ms (>= 0)')
    }
    this.spec = { ...s }
    this.line = s.lineBitsPerSec ? new Pacer(bitsToBytesPerMs(s.lineBitsPerSec)) : null
    this.bodies = 0
  }

  get active(): boolean {
    const s = this.spec
    return Boolean(s.ttfbMs || s.connectionBitsPerSec || s.lineBitsPerSec || s.stall)
  }

  /** Waits out the time to first byte. */
  firstByte(): Promise<void> {
    const ms = this.spec.ttfbMs ?? 0
    return ms > 0 ? this.sleep(ms) : Promise.resolve()
  }

  /** Sends `body` (headers already written) at the emulated line's pace, then ends the answer. */
  async send(req: IncomingMessage, res: ServerResponse, body: Buffer, onSent: (bytes: number) => void): Promise<void> {
    const { connectionBitsPerSec: conn, stall } = this.spec
    const socket = req.socket
    let own: Pacer | null = null
    if (conn) {
      own = this.perSocket.get(socket) ?? null
      if (own?.bytesPerMs !== bitsToBytesPerMs(conn)) {
        own = new Pacer(bitsToBytesPerMs(conn))
        this.perSocket.set(socket, own)
      }
    }
    const line = this.line
    // about 8 ms of the slowest cap per chunk: fine enough that the rate is smooth, coarse enough to be cheap
    const slowest = Math.min(own?.bytesPerMs ?? Infinity, line?.bytesPerMs ?? Infinity)
    const chunk = Number.isFinite(slowest) ? Math.max(2048, Math.min(64 * 1024, Math.round(slowest * 8))) : body.length
    const stallAt = stall && ++this.bodies % stall.every === 0 ? Math.floor(body.length / 2) : -1
    own?.restart(this.now())
    if (this.sending++ === 0) line?.restart(this.now())
    try {
      await this.pace(res, body, own, line, chunk, stallAt, onSent)
    } finally {
      this.sending--
    }
  }

  private async pace(res: ServerResponse, body: Buffer, own: Pacer | null, line: Pacer | null, chunk: number, stallAt: number, onSent: (bytes: number) => void): Promise<void> {
    const stall = this.spec.stall
    let closed = false
    res.once('close', () => void (closed = true))
    for (let at = 0; at < body.length; ) {
      if (at === stallAt) await this.sleep(stall!.ms)
      if (closed || res.destroyed) return
      // a chunk that would cross the stall point is cut there, so the stall falls exactly halfway
      const end = Math.min(body.length, at + chunk, stallAt > at ? stallAt : Infinity)
      const piece = body.subarray(at, end)
      // the connection's own cap first, then a turn on the line
      if (own) await this.sleep(own.book(piece.length, this.now()))
      if (line) await this.sleep(line.book(piece.length, this.now()))
      if (closed || res.destroyed) return
      onSent(piece.length)
      const more = res.write(piece)
      at = end
      // a client that does not read holds its connection, not the line: wait until the socket drains
      if (!more && at < body.length) await drained(res)
    }
    if (!closed && !res.destroyed) res.end()
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve()
    return new Promise((resolve) => this.timers.later(ms, resolve))
  }
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = (): void => {
      res.off('drain', done)
      res.off('close', done)
      resolve()
    }
    res.on('drain', done)
    res.on('close', done)
  })
}
