// Every API fault of the simulator over real HTTP (node:http, so partial bodies and resets are visible).
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { QUERY_API, type Simulator, startSimulator } from './index'
import { rawRequest, type RawResult } from './rawHttp'
import { signedApiUrl } from './signing'

let sim: Simulator
let t = 0
beforeEach(async () => {
  t = Date.now()
  sim = await startSimulator({ now: () => t, tasks: [{ id: 'a', lifecycle: [{ status: 'finished' }] }, { id: 'b' }] })
})
afterEach(() => sim.close())

function call(taskId = 'a', timeoutMs = 3000): Promise<RawResult> {
  const url = signedApiUrl(sim.url, QUERY_API, { appKey: sim.accessKeyName, secret: sim.secret }, t)
  return rawRequest(url, { method: 'POST', body: JSON.stringify({ taskId }), headers: { 'content-type': 'application/json' }, timeoutMs })
}
const json = (r: RawResult) => JSON.parse(r.body.toString('utf8')) as Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

describe('API faults', () => {
  it('business-level: rateLimit501, systemError500, business codes', async () => {
    sim.fault({ kind: 'rateLimit501', times: 1 })
    sim.fault({ kind: 'systemError500', times: 1 })
    for (const resCode of [700, 801, 1000, 1001, 1002]) sim.fault({ kind: 'business', resCode, times: 1 })
    const codes: unknown[] = []
    for (let i = 0; i < 7; i++) {
      const body = json(await call())
      expect(body).toMatchObject({ success: false, code: '0', requestId: expect.any(String), request_id: expect.any(String) })
      codes.push(body.resCode)
    }
    expect(codes).toEqual([501, 500, 700, 801, 1000, 1001, 1002])
    expect(json(await call())).toMatchObject({ success: true, data: { taskStatus: 'finished' } })
    expect(sim.stats().businessErrors).toBe(7)
  })

  it('gatewayCallLimit answers the gateway code', async () => {
    sim.fault({ kind: 'gatewayCallLimit', times: 1 })
    sim.fault({ kind: 'gatewayCallLimit', times: 1, gatewayCode: 'AppCallLimit' })
    expect(json(await call())).toMatchObject({ type: 'ISV', code: 'ApiCallLimit' })
    expect(json(await call()).code).toBe('AppCallLimit')
    expect(sim.stats().gatewayErrors).toBe(2)
  })

  it('http429 with Retry-After, http502Html', async () => {
    sim.fault({ kind: 'http429', times: 1, retryAfterSec: 7 })
    sim.fault({ kind: 'http502Html', times: 1 })
    const r429 = await call()
    expect(r429.status).toBe(429)
    expect(r429.headers['retry-after']).toBe('7')
    const r502 = await call()
    expect(r502.status).toBe(502)
    expect(r502.headers['content-type']).toContain('text/html')
    expect(r502.body.toString()).toContain('<h1>502 Bad Gateway</h1>')
  })

  it('notJson variants and wrongShape variants', async () => {
    for (const variant of ['html', 'garbage', 'empty']) sim.fault({ kind: 'notJson', variant, times: 1 })
    for (let i = 0; i < 3; i++) {
      const r = await call()
      expect(r.status).toBe(200)
      expect(() => json(r)).toThrow()
    }
    for (const variant of ['statusNumber', 'noSuccess', 'dataString', 'taskResultObject', 'arrayBody']) sim.fault({ kind: 'wrongShape', variant, times: 1 })
    expect(json(await call()).data.taskStatus).toBe(2)
    expect('success' in json(await call())).toBe(false)
    expect(json(await call()).data).toBe('finished')
    expect(json(await call()).data.taskResult).toEqual({ url: 42 })
    expect(Array.isArray(json(await call()))).toBe(true)
  })

  it('slowBody sends the head, then the body after delayMs', async () => {
    sim.fault({ kind: 'slowBody', delayMs: 300, times: 1 })
    const r = await call()
    expect(r.error).toBeUndefined()
    expect(r.headMs!).toBeLessThan(250)
    expect(r.totalMs).toBeGreaterThanOrEqual(290)
    expect(json(r).data.taskStatus).toBe('finished')
  })

  it('stallHeaders answers after delayMs, or never (a client timeout fires)', async () => {
    sim.fault({ kind: 'stallHeaders', delayMs: 250, times: 1 })
    const r = await call()
    expect(r.headMs!).toBeGreaterThanOrEqual(240)
    expect(json(r).success).toBe(true)
    sim.fault({ kind: 'stallHeaders', times: 1 })
    expect((await call('a', 200)).error).toBe('TIMEOUT')
  })

  it('truncatedBody and connectionReset', async () => {
    sim.fault({ kind: 'truncatedBody', times: 1 })
    const cut = await call()
    expect(cut.status).toBe(200)
    expect(cut.error).toBeDefined()
    expect(cut.body.length).toBeLessThan(Number(cut.headers['content-length']))
    sim.fault({ kind: 'connectionReset', times: 1 })
    const reset = await call()
    expect(reset.status).toBeUndefined()
    expect(reset.error).toBe('ECONNRESET')
    expect(json(await call()).success).toBe(true)
  })

  it('targets one task, counts `times`, and lasts `forMs` on the sim clock', async () => {
    sim.fault({ kind: 'rateLimit501', taskId: 'b', times: 2 })
    expect(json(await call('a')).success).toBe(true)
    expect(json(await call('b')).resCode).toBe(501)
    expect(json(await call('b')).resCode).toBe(501)
    expect(json(await call('b')).success).toBe(true)
    sim.fault({ kind: 'systemError500', forMs: 1000 })
    expect(json(await call()).resCode).toBe(500)
    expect(json(await call()).resCode).toBe(500)
    t += 1000
    expect(json(await call()).success).toBe(true)
    const id = sim.fault({ kind: 'http502Html' })
    expect((await call()).status).toBe(502)
    sim.clearFaults(id)
    expect((await call()).status).toBe(200)
    expect(sim.stats().log.map((e) => e.outcome)).toContain('fault:http502Html')
  })
})
