// AidgeClient over real HTTP against the simulator: every error the simulator can produce at the HTTP, body,
// gateway and business layers is classified into the one taxonomy, and no error text carries a secret or a sign.
import { describe, expect, it } from 'vitest'
import { AidgeError } from '../../src/main/aidge'
import { BUSINESS_CODES } from '../../src/shared/aidge'
import { GATEWAY_CODES, QUERY_API } from '../sim'
import { aidgeFailure, clientSuite, expectNoSecrets } from './clientHarness'

const suite = clientSuite((sim) => {
  sim.configure({ quota: 'ok', balance: 1000, maxSkewMs: 15 * 60_000 })
  sim.addTask({ id: 'task-1', lifecycle: [{ status: 'finished' }] })
})
const h = suite.h
const all: AidgeError[] = []

/** The call must fail with an AidgeError whose texts hold neither a secret nor a sign. */
async function failure(p: Promise<unknown>): Promise<AidgeError> {
  const e = await aidgeFailure(p)
  expectNoSecrets([e], h)
  all.push(e)
  return e
}

const lastLog = () => suite.sim.stats().log.at(-1)!

describe('http errors', () => {
  it('a 502 HTML page from a proxy: kind http, retryable, says it was an HTML page', async () => {
    suite.sim.fault({ kind: 'http502Html', times: 1 })
    const e = await failure(h.client().queryTask('task-1'))
    expect(e).toMatchObject({ kind: 'http', code: '502', httpStatus: 502, retryable: true, taskId: 'task-1' })
    expect(e.message).toMatch(/HTTP 502/)
    expect(e.message).toMatch(/HTML page/)
    // the next call goes through
    expect((await h.client().queryTask('task-1')).status).toBe('finished')
  })

  it('a 404 JSON answer (wrong base path) is an http error, not retryable', async () => {
    const e = await failure(h.client({ endpoint: `${suite.sim.url}/not-the-gateway` }).queryTask('task-1'))
    expect(e).toMatchObject({ kind: 'http', code: '404', httpStatus: 404, retryable: false })
    expect(e.message).toMatch(/HTTP 404/)
    expect(suite.sim.stats().calls).toBe(0)
  })
})

describe('malformed answers', () => {
  it('notJson: an HTML page, garbage, an empty body', async () => {
    const cases: Array<[string, RegExp]> = [
      ['html', /HTML page instead of JSON/],
      ['garbage', /not JSON/],
      ['empty', /empty body/]
    ]
    const c = h.client()
    for (const [variant, text] of cases) {
      suite.sim.fault({ kind: 'notJson', variant, times: 1 })
      const e = await failure(c.queryTask('task-1'))
      expect(e, variant).toMatchObject({ kind: 'malformed', code: 'NOT_JSON', httpStatus: 200, retryable: true, taskId: 'task-1' })
      expect(e.message, variant).toMatch(text)
    }
  })

  it('wrongShape: the message names the field', async () => {
    const cases: Array<[string, string]> = [
      ['statusNumber', 'data.taskStatus'],
      ['noSuccess', 'data.taskStatus'],
      ['dataString', 'data '],
      ['taskResultObject', 'data.taskResult[0].url'],
      ['arrayBody', 'the response']
    ]
    const c = h.client()
    for (const [variant, field] of cases) {
      suite.sim.fault({ kind: 'wrongShape', variant, times: 1 })
      const e = await failure(c.queryTask('task-1'))
      expect(e, variant).toMatchObject({ kind: 'malformed', code: 'BAD_SHAPE', retryable: true, taskId: 'task-1' })
      expect(e.message, variant).toContain(`expected shape: ${field}`)
      if (variant !== 'arrayBody') expect(e.requestId, variant).toMatch(/^\w{10,}$/)
    }
  })
})

describe('auth errors', () => {
  it('a wrong secret: IncompleteSignature, not retryable, points at the key', async () => {
    const c = h.client({ credentials: { accessKeyName: suite.sim.accessKeyName, secret: 'WrongSecret-0123456789abcdef' } })
    const e = await failure(c.queryTask('task-1'))
    expect(e).toMatchObject({ kind: 'auth', code: GATEWAY_CODES.badSignature, retryable: false, taskId: 'task-1' })
    expect(e.message).toMatch(/access key name and secret/)
    expect(e.requestId).toBeTruthy()
    expect(lastLog().outcome).toBe(`gateway:${GATEWAY_CODES.badSignature}`)
  })

  it('an unknown access key name: InvalidAppKey', async () => {
    const e = await failure(h.client({ credentials: { accessKeyName: '999999', secret: suite.sim.secret } }).queryTask('task-1'))
    expect(e).toMatchObject({ kind: 'auth', code: GATEWAY_CODES.invalidAppKey, retryable: false })
    expect(e.message).toMatch(/access key/)
  })

  it('a clock far off: IllegalTimestamp, and the message tells how far the clock is off', async () => {
    const ahead = await failure(h.client({ now: () => Date.now() + 2 * 3_600_000 }).queryTask('task-1'))
    expect(ahead).toMatchObject({ kind: 'auth', code: GATEWAY_CODES.illegalTimestamp, retryable: false })
    expect(ahead.message).toMatch(/clock/)
    expect(ahead.message).toMatch(/\b(719\d|720\d) s ahead of the server's/)
    const behind = await failure(h.client({ now: () => Date.now() - 3_600_000 }).checkBalance())
    expect(behind).toMatchObject({ kind: 'auth', code: GATEWAY_CODES.illegalTimestamp })
    expect(behind.message).toMatch(/\b(359\d|360\d) s behind the server's/)
  })

  it('no credentials: NO_CREDENTIALS without any call', async () => {
    const cases = [
      h.client({ credentials: () => null }),
      h.client({ credentials: async () => null }),
      h.client({ credentials: { accessKeyName: suite.sim.accessKeyName, secret: '' } }),
      h.client({ credentials: () => ({ accessKeyName: '', secret: suite.sim.secret }) })
    ]
    for (const c of cases) {
      const e = await aidgeFailure(c.queryTask('task-1'))
      expect(e).toMatchObject({ kind: 'auth', code: 'NO_CREDENTIALS', retryable: false })
      all.push(e)
      const b = await aidgeFailure(c.checkBalance())
      expect(b.code).toBe('NO_CREDENTIALS')
    }
    expect(suite.sim.stats().calls).toBe(0)
  })

  it('credentials from a function are asked before each call', async () => {
    let creds = { accessKeyName: suite.sim.accessKeyName, secret: 'stale-secret-value' }
    const c = h.client({ credentials: () => creds })
    expect((await failure(c.queryTask('task-1'))).code).toBe(GATEWAY_CODES.badSignature)
    creds = { accessKeyName: suite.sim.accessKeyName, secret: suite.sim.secret }
    expect((await c.queryTask('task-1')).status).toBe('finished')
  })
})

describe('quota', () => {
  it('exhausted: NoResource, kind quota, not retryable', async () => {
    suite.sim.configure({ quota: 'exhausted' })
    for (const trial of [false, true]) {
      const e = await failure(h.client({ trial }).queryTask('task-1'))
      expect(e).toMatchObject({ kind: 'quota', code: GATEWAY_CODES.noResource, retryable: false })
      expect(e.message).toMatch(/exhausted/)
      expect(e.message).toMatch(/trial/)
    }
  })

  it('trialOnly: fails without the trial flag, succeeds with it, and x-iop-trial is sent', async () => {
    suite.sim.configure({ quota: 'trialOnly' })
    const e = await failure(h.client().queryTask('task-1'))
    expect(e).toMatchObject({ kind: 'quota', code: GATEWAY_CODES.noResource, retryable: false })
    expect(lastLog()).toMatchObject({ path: QUERY_API, trial: false, outcome: `gateway:${GATEWAY_CODES.noResource}` })

    const r = await h.client({ trial: true }).queryTask('task-1')
    expect(r.status).toBe('finished')
    expect(lastLog()).toMatchObject({ path: QUERY_API, taskId: 'task-1', trial: true, outcome: 'ok' })
  })
})

describe('rate limits', () => {
  it('business 501: kind rateLimit, retryable, with the requestId', async () => {
    suite.sim.fault({ kind: 'rateLimit501', times: 1 })
    const e = await failure(h.client().queryTask('task-1'))
    expect(e).toMatchObject({ kind: 'rateLimit', code: '501', retryable: true, taskId: 'task-1' })
    expect(e.message).toContain(BUSINESS_CODES[501]!.meaning)
    expect(e.requestId).toBe(lastLog().requestId)
  })

  it('gateway call limits: ApiCallLimit and AppCallLimit', async () => {
    for (const gatewayCode of ['ApiCallLimit', 'AppCallLimit']) {
      suite.sim.fault({ kind: 'gatewayCallLimit', gatewayCode, times: 1 })
      const e = await failure(h.client().queryTask('task-1'))
      expect(e).toMatchObject({ kind: 'rateLimit', code: gatewayCode, retryable: true })
      expect(e.requestId).toBeTruthy()
    }
  })

  it('the simulator qpsLimit answered as business 501 or ApiCallLimit', async () => {
    for (const qpsLimitAnswer of ['business501', 'gatewayApiCallLimit'] as const) {
      suite.sim.reset()
      suite.sim.addTask({ id: 'task-1', lifecycle: [{ status: 'finished' }] })
      suite.sim.configure({ qpsLimit: 1, qpsLimitAnswer })
      const c = h.client()
      await c.queryTask('task-1')
      const e = await failure(c.queryTask('task-1'))
      expect(e).toMatchObject({ kind: 'rateLimit', retryable: true, code: qpsLimitAnswer === 'business501' ? '501' : 'ApiCallLimit' })
    }
    suite.sim.configure({ qpsLimit: undefined })
  })

  it('HTTP 429 with Retry-After: kind rateLimit and retryAfterMs', async () => {
    suite.sim.fault({ kind: 'http429', retryAfterSec: 7, times: 1 })
    const e = await failure(h.client().queryTask('task-1'))
    expect(e).toMatchObject({ kind: 'rateLimit', code: '429', httpStatus: 429, retryable: true, retryAfterMs: 7000 })
    expect(e.toJSON().retryAfterMs).toBe(7000)
  })
})

describe('business errors', () => {
  const codes = [700, 801, 1000, 1001, 1002] as const

  for (const resCode of codes) {
    it(`resCode ${resCode}: kind, code, retryable and meaning as documented`, async () => {
      suite.sim.fault({ kind: 'business', resCode, times: 1 })
      const e = await failure(h.client().queryTask('task-1'))
      expect(e).toMatchObject({ kind: 'business', code: String(resCode), retryable: BUSINESS_CODES[resCode]!.retryable, taskId: 'task-1' })
      expect(e.message).toContain(BUSINESS_CODES[resCode]!.meaning)
      expect(e.requestId).toBeTruthy()
      expect(e.requestId).toBe(lastLog().requestId)
      expect(e.toJSON()).toMatchObject({ requestId: e.requestId, code: String(resCode) })
    })
  }

  it('systemError500: business 500, retryable', async () => {
    suite.sim.fault({ kind: 'systemError500', times: 1 })
    const e = await failure(h.client().queryTask('task-1'))
    expect(e).toMatchObject({ kind: 'business', code: '500', retryable: true })
    expect(e.message).toContain(BUSINESS_CODES[500]!.meaning)
    expect(e.requestId).toBe(lastLog().requestId)
  })

  it('the resMessage is kept (an unknown task is business 700 naming the id)', async () => {
    const e = await failure(h.client().queryTask('no-such-task'))
    expect(e).toMatchObject({ kind: 'business', code: '700', retryable: false, taskId: 'no-such-task' })
    expect(e.message).toContain('"no-such-task" does not exist')
  })

  it('an undocumented resCode says so and is not retried', async () => {
    suite.sim.addTask({ id: 'task-9', businessError: { resCode: 4242, times: 1, resMessage: 'something new' } })
    const c = h.client()
    const e = await failure(c.queryTask('task-9'))
    expect(e).toMatchObject({ kind: 'business', code: '4242', retryable: false })
    expect(e.message).toMatch(/undocumented error code/)
    expect(e.message).toContain('something new')
    expect((await c.queryTask('task-9')).status).toBe('submitted')
  })
})

describe('no secret in any error', () => {
  it('every error above was scanned, and the scan would catch a leak', () => {
    expect(all.length).toBeGreaterThanOrEqual(25)
    expectNoSecrets(all, h)
    const leak = new AidgeError({ kind: 'http', code: '1', message: `oops ${suite.sim.secret}`, retryable: false })
    expect(() => expectNoSecrets([leak], h)).toThrow()
    const signed = new AidgeError({ kind: 'http', code: '1', message: `at ${h.signs()[0]}`, retryable: false })
    expect(() => expectNoSecrets([signed], h)).toThrow()
  })
})
