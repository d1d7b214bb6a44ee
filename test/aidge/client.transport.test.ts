// AidgeClient over real HTTP against the simulator: transport failures (refused, reset, cut short), timeouts and
// cancellation, each in bounded time, and none of their texts carries a secret or a sign.
import { performance } from 'node:perf_hooks'
import { describe, expect, it } from 'vitest'
import { AidgeError } from '../../src/main/aidge'
import { aidgeFailure, clientSuite, closedPort, expectNoSecrets } from './clientHarness'

const suite = clientSuite((sim) => {
  sim.addTask({ id: 'task-1', lifecycle: [{ status: 'finished' }] })
})
const h = suite.h
const all: AidgeError[] = []

/** The call must fail with an AidgeError (texts free of secrets and signs); returns it and how long it took. */
async function failure(p: () => Promise<unknown>): Promise<{ e: AidgeError; ms: number }> {
  const t0 = performance.now()
  const e = await aidgeFailure(p())
  const ms = performance.now() - t0
  expectNoSecrets([e], h)
  all.push(e)
  return { e, ms }
}

describe('network errors', () => {
  it('connection refused on a closed port', async () => {
    const port = await closedPort()
    const { e } = await failure(() => h.client({ endpoint: `http://127.0.0.1:${port}` }).queryTask('task-1'))
    expect(e).toMatchObject({ kind: 'network', code: 'ECONNREFUSED', retryable: true, taskId: 'task-1' })
    expect(e.message).toMatch(/refused/)
    expect(e.httpStatus).toBeUndefined()
  })

  it('connection reset by the server', async () => {
    suite.sim.fault({ kind: 'connectionReset', times: 1 })
    const c = h.client()
    const { e } = await failure(() => c.queryTask('task-1'))
    expect(e).toMatchObject({ kind: 'network', retryable: true, taskId: 'task-1' })
    expect(['ECONNRESET', 'UND_ERR_SOCKET']).toContain(e.code)
    expect(suite.sim.stats().log.at(-1)!.outcome).toBe('fault:connectionReset')
    // the same client recovers on its next call
    expect((await c.queryTask('task-1')).status).toBe('finished')
  })

  it('a body cut short', async () => {
    suite.sim.fault({ kind: 'truncatedBody', times: 1 })
    const c = h.client()
    const { e } = await failure(() => c.queryTask('task-1'))
    expect(e).toMatchObject({ kind: 'network', retryable: true, taskId: 'task-1' })
    expect(['UND_ERR_SOCKET', 'ECONNRESET', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH']).toContain(e.code)
    expect(e.message).toMatch(/reading the answer/)
    expect((await c.queryTask('task-1')).status).toBe('finished')
  })
})

describe('timeouts', () => {
  it('headersMs: a server that never answers gives a network timeout, in bounded time', async () => {
    suite.sim.fault({ kind: 'stallHeaders', times: 1 })
    const { e, ms } = await failure(() => h.client({ timeouts: { headersMs: 300 } }).queryTask('task-1'))
    expect(e).toMatchObject({ kind: 'network', code: 'UND_ERR_HEADERS_TIMEOUT', retryable: true, taskId: 'task-1' })
    expect(e.message).toMatch(/did not answer in time/)
    expect(ms).toBeGreaterThanOrEqual(250)
    expect(ms).toBeLessThan(2500)
  })

  it('headersMs: a late answer within the limit is fine', async () => {
    suite.sim.fault({ kind: 'stallHeaders', delayMs: 150, times: 1 })
    expect((await h.client({ timeouts: { headersMs: 2000 } }).queryTask('task-1')).status).toBe('finished')
  })

  it('bodyMs: a body that stalls after the head gives a network timeout, in bounded time', async () => {
    suite.sim.fault({ kind: 'slowBody', delayMs: 3000, times: 1 })
    const { e, ms } = await failure(() => h.client({ timeouts: { bodyMs: 300 } }).queryTask('task-1'))
    expect(e).toMatchObject({ kind: 'network', code: 'UND_ERR_BODY_TIMEOUT', retryable: true, taskId: 'task-1' })
    expect(e.message).toMatch(/stopped sending/)
    expect(ms).toBeGreaterThanOrEqual(250)
    expect(ms).toBeLessThan(2500)
  })

  it('bodyMs: a slow body within the limit is fine', async () => {
    suite.sim.fault({ kind: 'slowBody', delayMs: 150, times: 1 })
    expect((await h.client({ timeouts: { bodyMs: 2000 } }).queryTask('task-1')).status).toBe('finished')
  })
})

describe('cancellation', () => {
  it('aborting while waiting for the head rejects at once with kind cancelled', async () => {
    suite.sim.fault({ kind: 'stallHeaders', times: 1 })
    const ac = new AbortController()
    // Abort once the call has reached the server (a busy machine may take longer than any fixed delay to send it).
    let abortedAt = 0
    const arrived = setInterval(() => {
      if (suite.sim.stats().calls === 0) return
      clearInterval(arrived)
      abortedAt = performance.now()
      ac.abort()
    }, 10)
    const { e } = await failure(() => h.client().queryTask('task-1', { signal: ac.signal }))
    clearInterval(arrived)
    expect(e).toMatchObject({ kind: 'cancelled', code: 'ABORTED', retryable: false, taskId: 'task-1' })
    expect(performance.now() - abortedAt).toBeLessThan(1000)
    expect(suite.sim.stats().calls).toBe(1)
  })

  it('aborting while the body is on its way rejects with kind cancelled', async () => {
    suite.sim.fault({ kind: 'slowBody', delayMs: 3000, times: 1 })
    const ac = new AbortController()
    setTimeout(() => ac.abort(), 150)
    const { e, ms } = await failure(() => h.client().queryTask('task-1', { signal: ac.signal }))
    expect(e).toMatchObject({ kind: 'cancelled', retryable: false })
    expect(ms).toBeLessThan(1000)
  })

  it('an already-aborted signal rejects with kind cancelled, for queries and the balance', async () => {
    const c = h.client()
    const { e, ms } = await failure(() => c.queryTask('task-1', { signal: AbortSignal.abort() }))
    expect(e).toMatchObject({ kind: 'cancelled', code: 'ABORTED', retryable: false })
    expect(ms).toBeLessThan(500)
    const b = await failure(() => c.checkBalance(undefined, { signal: AbortSignal.abort() }))
    expect(b.e).toMatchObject({ kind: 'cancelled', retryable: false })
    expect(suite.sim.stats().queryCalls).toBe(0)
    // the client still works afterwards
    expect((await c.queryTask('task-1')).status).toBe('finished')
  })
})

describe('no secret in any error', () => {
  it('every transport error above was scanned', () => {
    expect(all.length).toBeGreaterThanOrEqual(9)
    expectNoSecrets(all, h)
  })
})
