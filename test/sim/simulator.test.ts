// The simulator over real HTTP: signing, gateway errors, quota, result forms, lifecycles, stats, control API.
import { describe, expect, it } from 'vitest'
import { BALANCE_API, EXHAUSTED_MESSAGE, GATEWAY_CODES, QUERY_API, type Simulator, startSimulator } from './index'
import { rawRequest } from './rawHttp'
import { callApi, signedApiUrl, signedParams, signForTest } from './signing'
import { simulatorsForTest } from './testSimulators'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

const { start, creds } = simulatorsForTest()

async function query(sim: Simulator, taskId: string, opts: { trial?: boolean; timestamp?: number } = {}): Promise<Json> {
  const res = await callApi(sim.url, QUERY_API, { taskId }, creds(sim), opts)
  expect(res.status).toBe(200)
  return (await res.json()) as Json
}

describe('signing', () => {
  it('matches the worked example of aidge-protocol.md', () => {
    expect(signForTest('S4etzZ73nF08vOXVhk3wZjIaLSHw0123', '1719383953456')).toBe('EB5558EBDCC8B7289FCBFC5727E3E6B645A766CF59E99C3698AC4F07E4417112')
  })

  it('the gateway accepts the worked example on its own clock', async () => {
    const sim = await start({ secret: 'S4etzZ73nF08vOXVhk3wZjIaLSHw0123', now: () => 1719383953456 + 2000, tasks: [{ id: 't1' }] })
    const url = signedApiUrl(sim.url, QUERY_API, creds(sim), 1719383953456)
    expect(url).toContain('sign=EB5558EBDCC8B7289FCBFC5727E3E6B645A766CF59E99C3698AC4F07E4417112')
    const body = (await (await fetch(url, { method: 'POST', body: '{"taskId":"t1"}' })).json()) as Json
    expect(body).toMatchObject({ success: true, code: '0', data: { taskStatus: 'submitted', taskId: 't1' } })
  })
})

describe('gateway errors', () => {
  async function gatewayCode(res: Response): Promise<Json> {
    expect(res.status).toBe(200)
    const body = (await res.json()) as Json
    expect(body).toMatchObject({ type: 'ISV' })
    expect(typeof body.request_id).toBe('string')
    return body
  }

  it('rejects missing params, bad values, unknown key, bad sign, skew, unknown API and GET', async () => {
    const sim = await start({ tasks: [{ id: 't' }] })
    const post = (url: string) => fetch(url, { method: 'POST', body: '{"taskId":"t"}' })
    expect((await gatewayCode(await post(`${sim.url}/rest${QUERY_API}`))).code).toBe(GATEWAY_CODES.missingParameter)
    const noSign = signedParams(creds(sim))
    noSign.delete('sign')
    const missing = await gatewayCode(await post(`${sim.url}/rest${QUERY_API}?${noSign}`))
    expect(missing).toMatchObject({ code: 'MissingParameter', message: expect.stringContaining('sign') })
    const md5 = signedParams(creds(sim))
    md5.set('sign_method', 'md5')
    expect((await gatewayCode(await post(`${sim.url}/rest${QUERY_API}?${md5}`))).code).toBe(GATEWAY_CODES.invalidParameter)
    const wrongKey = await callApi(sim.url, QUERY_API, { taskId: 't' }, { appKey: '999', secret: sim.secret })
    expect((await gatewayCode(wrongKey)).code).toBe(GATEWAY_CODES.invalidAppKey)
    const wrongSecret = await callApi(sim.url, QUERY_API, { taskId: 't' }, { appKey: sim.accessKeyName, secret: 'x'.repeat(32) })
    expect((await gatewayCode(wrongSecret)).code).toBe('IncompleteSignature')
    const lower = signedParams(creds(sim))
    lower.set('sign', lower.get('sign')!.toLowerCase())
    expect((await gatewayCode(await post(`${sim.url}/rest${QUERY_API}?${lower}`))).code).toBe('IncompleteSignature')
    const skewed = await gatewayCode(await callApi(sim.url, QUERY_API, { taskId: 't' }, creds(sim), { timestamp: Date.now() - 20 * 60_000 }))
    expect(skewed).toMatchObject({ code: GATEWAY_CODES.illegalTimestamp, message: expect.stringMatching(/clock/) })
    const notMs = await gatewayCode(await callApi(sim.url, QUERY_API, { taskId: 't' }, creds(sim), { timestamp: '2024-06-26 12:00:00' }))
    expect(notMs.code).toBe('IllegalTimestamp')
    expect((await gatewayCode(await callApi(sim.url, '/ai/nope', {}, creds(sim)))).code).toBe(GATEWAY_CODES.invalidApiPath)
    expect((await gatewayCode(await callApi(sim.url, QUERY_API, {}, creds(sim), { method: 'GET' }))).code).toBe(GATEWAY_CODES.invalidMethod)
    expect(sim.stats().gatewayErrors).toBe(10)
  })

  it('never reaches the control API through /rest', async () => {
    const sim = await start()
    for (const path of ['/__sim/stats', '/../__sim/stats', '/%2e%2e/__sim/stats']) {
      const r = await rawRequest(`${sim.url}/rest${path}?${signedParams(creds(sim))}`, { method: 'POST', body: '{}' })
      expect(JSON.parse(r.body.toString())).toMatchObject({ code: 'InvalidApiPath' })
    }
  })

  it('quota modes: exhausted, trialOnly', async () => {
    const sim = await start({ quota: 'exhausted', tasks: [{ id: 't' }] })
    const res = await callApi(sim.url, QUERY_API, { taskId: 't' }, creds(sim), { trial: true })
    expect(await res.json()).toMatchObject({ code: 'NoResource', message: EXHAUSTED_MESSAGE })
    sim.configure({ quota: 'trialOnly' })
    expect(await query(sim, 't')).toMatchObject({ code: GATEWAY_CODES.noResource })
    expect(await query(sim, 't', { trial: true })).toMatchObject({ success: true, code: '0' })
    expect(sim.stats().log.map((e) => e.trial)).toEqual([true, false, true])
  })

  it('balance answers the vendor shape and counts down per non-trial query', async () => {
    const sim = await start({ balance: 10, tasks: [{ id: 't' }] })
    const balance = async () => (await (await callApi(sim.url, BALANCE_API, { apiPath: QUERY_API }, creds(sim))).json()) as Json
    expect(await balance()).toMatchObject({ code: '0', data: { balance: 10 }, success: true, request_id: expect.any(String) })
    await query(sim, 't')
    await query(sim, 't', { trial: true })
    expect((await balance()).data.balance).toBe(9)
  })

  it('qpsLimit answers 501 beyond the limit, or ApiCallLimit when asked', async () => {
    const sim = await start({ qpsLimit: 3, autoTasks: true })
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => query(sim, `q${i}`)))
    expect(answers.filter((a) => a.success === true)).toHaveLength(3)
    expect(answers.filter((a) => a.resCode === 501 && a.success === false)).toHaveLength(2)
    sim.configure({ qpsLimitAnswer: 'gatewayApiCallLimit' })
    expect(await query(sim, 'q9')).toMatchObject({ code: 'ApiCallLimit' })
    expect(sim.stats().peakQps).toBeGreaterThanOrEqual(6)
  })

  it('answerLatencyMs holds each answer on the given clock, and qpsClock sim counts the limit on the sim clock', async () => {
    let t = 1_000_000
    const held: Array<{ at: number; fn: () => void }> = []
    const sim = await start({ now: () => t, autoTasks: true, maxSkewMs: Infinity, qpsLimit: 2, qpsClock: 'sim', answerLatencyMs: 300, holdAnswer: (ms, fn) => held.push({ at: t + ms, fn }) })
    const pending = [query(sim, 'a'), query(sim, 'b'), query(sim, 'c')]
    await expect.poll(() => sim.heldAnswers()).toBe(3)
    expect(held.every((h) => h.at === 1_000_300)).toBe(true)
    for (const h of held.splice(0)) h.fn()
    const answers = await Promise.all(pending)
    expect(answers.filter((a) => a.success === true)).toHaveLength(2)
    expect(answers.filter((a) => a.resCode === 501)).toHaveLength(1)
    // a second later on the sim clock (whatever the real time), the window has room again
    t += 1000
    const later = query(sim, 'd')
    await expect.poll(() => sim.heldAnswers()).toBe(1)
    held.splice(0)[0]!.fn()
    expect(await later).toMatchObject({ success: true })
  })
})

describe('tasks', () => {
  it('default lifecycle: submitted, running after 1 query, finished after 3; taskResult missing or null meanwhile', async () => {
    let t = Date.now()
    const sim = await start({ now: () => t, tasks: [{ id: 'd' }] })
    const seen: Json[] = []
    for (let i = 0; i < 5; i++) {
      t += 100
      seen.push((await query(sim, 'd')).data)
    }
    expect(seen.map((d) => d.taskStatus)).toEqual(['submitted', 'running', 'running', 'finished', 'finished'])
    expect('taskResult' in seen[0]!).toBe(false)
    expect(seen[1]!.taskResult).toBeNull()
    expect(seen[3]!.taskResult).toHaveLength(2)
    expect(sim.finishedAt('d')).toBe(sim.getTask('d')!.createdAt + 300)
  })

  it('the finished answer has the vendor sample shape', async () => {
    const sim = await start({ tasks: [{ id: 'f', lifecycle: [{ status: 'finished' }], message: 'done' }] })
    const body = await query(sim, 'f')
    expect(Object.keys(body)).toEqual(['data', 'requestId', 'success', 'resCode', 'resMessage', 'code', 'request_id', '_trace_id_'])
    expect(body).toMatchObject({ success: true, resCode: 200, resMessage: 'success', code: '0', data: { taskStatus: 'finished', taskId: 'f', taskMessage: 'done' } })
    expect(Object.keys(body.data.taskResult[0])).toEqual(['width', 'url', 'height'])
    expect(body.data.taskResult[0]).toMatchObject({ width: 64, height: 96 })
    expect(body.data.taskResult[0].url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oss\/[^?]+\.png\?OSSAccessKeyId=SIMKEY&Expires=\d+&Signature=/)
  })

  it('each result form carries fetchable URLs of the same bytes', async () => {
    const sim = await start({
      tasks: [
        { id: 'a', lifecycle: [{ status: 'finished' }], resultForm: 'imageUrlList' },
        { id: 'b', lifecycle: [{ status: 'finished' }], resultForm: 'imageUrlListString' },
        { id: 'c', lifecycle: [{ status: 'finished' }], resultForm: 'imageUrlList', urlListAt: 'taskResult', images: 3 }
      ]
    })
    const a = (await query(sim, 'a')).data
    expect(Array.isArray(a.imageUrlList)).toBe(true)
    expect(a.taskResult).toBeUndefined()
    const b = (await query(sim, 'b')).data
    expect(typeof b.imageUrlList).toBe('string')
    const c = (await query(sim, 'c')).data
    expect(c.taskResult[0].imageUrlList).toHaveLength(3)
    const url = (JSON.parse(b.imageUrlList) as string[])[1]!
    const bytes = Buffer.from(await (await fetch(url)).arrayBuffer())
    expect(bytes.equals(await sim.imageBytes('b', 1))).toBe(true)
    expect(bytes.equals(await sim.imageBytes('b', 0))).toBe(false)
  })

  it('lifecycle by time on an injected clock, and finishAt regardless of queries', async () => {
    const t0 = Date.now()
    let t = t0
    const sim = await start({ now: () => t })
    sim.addTasks([
      { id: 'timed', lifecycle: [{ status: 'submitted' }, { status: 'running', afterMs: 1000 }, { status: 'finished', afterMs: 5000 }] },
      { id: 'at', finishAt: t0 + 10_000, finalStatus: 'failed', failMessage: 'nope' }
    ])
    expect((await query(sim, 'timed')).data.taskStatus).toBe('submitted')
    t = t0 + 1000
    expect((await query(sim, 'timed')).data.taskStatus).toBe('running')
    expect(sim.finishedAt('timed')).toBeUndefined()
    for (let i = 0; i < 5; i++) expect((await query(sim, 'at')).data.taskStatus).not.toBe('failed')
    t = t0 + 60_000
    expect(sim.getTask('timed')).toMatchObject({ status: 'finished', finishedAt: t0 + 5000 })
    expect(sim.finishedAt('at')).toBe(t0 + 10_000)
    expect((await query(sim, 'at')).data).toEqual({ taskStatus: 'failed', taskId: 'at', taskMessage: 'nope' })
  })

  it('per-task business errors recover after `times`; unknown ids answer 700 naming the id', async () => {
    const sim = await start({ tasks: [{ id: 'x', businessError: { resCode: 1001, times: 2 } }] })
    const first = await query(sim, 'x')
    expect(first).toMatchObject({ success: false, resCode: 1001, resMessage: 'content control failed, please retry', code: '0' })
    expect(first.requestId).toEqual(expect.any(String))
    expect((await query(sim, 'x')).resCode).toBe(1001)
    expect((await query(sim, 'x')).data.taskStatus).toBe('submitted')
    expect(await query(sim, 'who')).toMatchObject({ success: false, resCode: 700, resMessage: expect.stringContaining('"who"') })
    expect(sim.stats().businessErrors).toBe(3)
  })

  it('auto tasks are deterministic: most finish after 2-4 queries, about 1 in 10 fail', async () => {
    const sim = await start({ autoTasks: true })
    const ids = Array.from({ length: 40 }, (_, i) => `auto-${i}`)
    const outcome = await Promise.all(
      ids.map(async (id) => {
        for (let q = 1; q <= 8; q++) {
          const d = (await query(sim, id)).data
          if (d.taskStatus === 'finished' || d.taskStatus === 'failed') return { q, status: d.taskStatus as string, n: d.taskResult?.length as number }
        }
        return { q: 99, status: 'stuck', n: 0 }
      })
    )
    expect(outcome.every((o) => o.q >= 3 && o.q <= 5)).toBe(true)
    const failed = outcome.filter((o) => o.status === 'failed').length
    expect(failed).toBeGreaterThanOrEqual(1)
    expect(failed).toBeLessThanOrEqual(10)
    expect(outcome.filter((o) => o.status === 'finished').every((o) => o.n >= 1 && o.n <= 4)).toBe(true)
    const other = await start({ autoTasks: true })
    for (let q = 0; q < 5; q++) await query(other, 'auto-3')
    expect(other.getTask('auto-3')!.status).toBe(sim.getTask('auto-3')!.status)
    expect((await other.imageBytes('auto-3', 0)).equals(await sim.imageBytes('auto-3', 0))).toBe(true)
  })
})

describe('observability and control', () => {
  it('stats count calls per task, peak QPS, in-flight calls; the log is bounded', async () => {
    const sim = await start({ logLimit: 5, tasks: [{ id: 'a' }, { id: 'b' }] })
    await Promise.all([query(sim, 'a'), query(sim, 'a'), query(sim, 'b')])
    sim.fault({ kind: 'stallHeaders', delayMs: 150 })
    await Promise.all([query(sim, 'a'), query(sim, 'b'), query(sim, 'b')])
    const s = sim.stats()
    expect(s).toMatchObject({ calls: 6, queryCalls: 6, callsByTask: { a: 3, b: 3 }, peakQps: 6, gatewayErrors: 0 })
    expect(s.maxInFlight).toBeGreaterThanOrEqual(3)
    expect(s.log).toHaveLength(5)
    expect(s.log[4]).toMatchObject({ path: QUERY_API, outcome: expect.stringMatching(/^(ok|fault:stallHeaders)$/), trial: false })
    sim.resetStats()
    expect(sim.stats()).toMatchObject({ calls: 0, callsByTask: {}, log: [] })
  })

  it('the /__sim/ control API drives tasks, faults and stats', async () => {
    const sim = await start()
    const ctl = (path: string, method = 'GET', body?: unknown) =>
      fetch(`${sim.url}/__sim/${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }).then((r) => r.json() as Promise<Json>)
    expect(await ctl('tasks', 'POST', [{ id: 'c1', lifecycle: [{ status: 'finished' }] }, { id: 'c 2' }])).toMatchObject({ ok: true })
    expect(await ctl('tasks/c%202')).toMatchObject({ id: 'c 2', status: 'submitted', queries: 0 })
    expect(await ctl('faults', 'POST', { kind: 'business', resCode: 801, times: 1 })).toMatchObject({ ok: true, ids: [expect.any(String)] })
    expect((await query(sim, 'c1')).resCode).toBe(801)
    await ctl('faults', 'POST', { kind: 'rateLimit501' })
    expect(await ctl('faults')).toHaveLength(1)
    await ctl('faults', 'DELETE')
    expect((await query(sim, 'c1')).data.taskStatus).toBe('finished')
    expect(await ctl('stats')).toMatchObject({ calls: 2, callsByTask: { c1: 2 } })
    expect(await ctl('config', 'POST', { quota: 'exhausted' })).toMatchObject({ ok: true })
    expect((await query(sim, 'c1')).code).toBe('NoResource')
    expect(await ctl('info')).toMatchObject({ url: sim.url, accessKeyName: '512345' })
    expect(JSON.stringify(await ctl('info'))).not.toContain(sim.secret)
  })

  it('close() returns promptly with a stalled connection open', async () => {
    const sim = await startSimulator({ tasks: [{ id: 's' }] })
    sim.fault({ kind: 'stallHeaders' })
    const pending = rawRequest(signedApiUrl(sim.url, QUERY_API, creds(sim)), { method: 'POST', body: '{"taskId":"s"}' })
    await new Promise((r) => setTimeout(r, 50))
    const t = performance.now()
    await sim.close()
    expect(performance.now() - t).toBeLessThan(500)
    expect((await pending).error).toBeDefined()
  })
})
