// Shared pieces of the Aidge client integration tests (client.*.test.ts): one simulator per file, clients that
// remember every timestamp they signed (so a test knows every `sign` value that went over the wire), and a scan
// that no error text carries the secret or a signature.
import { createServer, type Server, type Socket } from 'node:net'
import { connect } from 'node:net'
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest'
import { AidgeClient, AidgeError, type AidgeClientOptions } from '../../src/main/aidge'
import { signForTest, startSimulator, type Simulator } from '../sim'

export interface Harness {
  /** a client on the simulator with the right credentials, merged with `opts` */
  client(opts?: Partial<AidgeClientOptions>): AidgeClient
  /** every secret any client of this harness was given, plus the simulator's */
  secrets(): string[]
  /** every `sign` value any client of this harness could have sent */
  signs(): string[]
  /** close every client made since the last call */
  closeClients(): Promise<void>
}

export function harness(getSim: () => Simulator): Harness {
  const clients: AidgeClient[] = []
  const secrets = new Set<string>()
  const timestamps = new Set<number>()
  return {
    client(opts = {}) {
      const sim = getSim()
      const creds = opts.credentials ?? { accessKeyName: sim.accessKeyName, secret: sim.secret }
      if (typeof creds === 'object' && creds !== null && creds.secret.length > 0) secrets.add(creds.secret)
      const clock = opts.now ?? Date.now
      const c = new AidgeClient({
        endpoint: sim.url,
        ...opts,
        credentials: creds,
        now: () => {
          const t = clock()
          timestamps.add(Math.trunc(t))
          return t
        }
      })
      clients.push(c)
      return c
    },
    secrets: () => [...secrets, getSim().secret],
    signs: () => [...timestamps].flatMap((t) => [...secrets, getSim().secret].map((s) => signForTest(s, String(t)))),
    async closeClients() {
      await Promise.all(clients.splice(0).map((c) => c.close()))
    }
  }
}

/**
 * The usual client test file: one simulator for the file, reset before every test and then prepared by `eachTest`,
 * the harness's clients closed after every test. Read `suite.sim` inside tests.
 */
export function clientSuite(eachTest: (sim: Simulator) => void): { readonly sim: Simulator; readonly h: Harness } {
  let sim: Simulator | undefined
  const h = harness(() => sim!)
  beforeAll(async () => {
    sim = await startSimulator()
  })
  afterAll(async () => {
    await h.closeClients()
    await sim?.close()
  })
  beforeEach(() => {
    sim!.reset()
    eachTest(sim!)
  })
  afterEach(() => h.closeClients())
  return {
    get sim() {
      return sim!
    },
    h
  }
}

/** Runs a call that must fail with an AidgeError and returns that error. */
export async function aidgeFailure(p: Promise<unknown>): Promise<AidgeError> {
  let caught: unknown
  try {
    await p
  } catch (e) {
    caught = e
  }
  if (caught === undefined) throw new Error('expected the call to fail, but it succeeded')
  expect(caught).toBeInstanceOf(AidgeError)
  return caught as AidgeError
}

/** Asserts that neither a secret nor a signature shows in the message, String(error) or the JSON of any error. */
export function expectNoSecrets(errors: readonly AidgeError[], h: Harness): void {
  expect(errors.length).toBeGreaterThan(0)
  const secrets = h.secrets()
  const signs = h.signs()
  expect(signs.length).toBeGreaterThan(0)
  for (const e of errors) {
    for (const text of [e.message, String(e), JSON.stringify(e), JSON.stringify(e.toJSON())]) {
      for (const s of secrets) expect(text, `secret in "${text}"`).not.toContain(s)
      for (const s of signs) expect(text, `sign in "${text}"`).not.toContain(s)
      // any signature-shaped value (64 upper-case hex digits), whichever timestamp it was made for
      expect(text).not.toMatch(/[0-9A-F]{64}/)
      expect(text).not.toMatch(/[?&]sign=[^[&]/i)
    }
  }
}

/** A port on 127.0.0.1 with nothing listening (bound, then released). */
export async function closedPort(): Promise<number> {
  const srv = createServer()
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve))
  const port = (srv.address() as { port: number }).port
  await new Promise<void>((resolve) => srv.close(() => resolve()))
  return port
}

/** A plain TCP relay in front of the simulator that counts the connections clients open through it. */
export interface CountingRelay {
  url: string
  connections(): number
  close(): Promise<void>
}

export async function countingRelay(targetPort: number): Promise<CountingRelay> {
  let count = 0
  const sockets = new Set<Socket>()
  const server: Server = createServer((inbound) => {
    count++
    const outbound = connect(targetPort, '127.0.0.1')
    sockets.add(inbound).add(outbound)
    inbound.pipe(outbound).pipe(inbound)
    const end = () => {
      inbound.destroy()
      outbound.destroy()
      sockets.delete(inbound)
      sockets.delete(outbound)
    }
    inbound.on('error', end).on('close', end)
    outbound.on('error', end).on('close', end)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      })
  }
}
