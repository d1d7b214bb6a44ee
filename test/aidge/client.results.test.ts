// AidgeClient over real HTTP against the simulator: lifecycle statuses, every result form, balance, keep-alive,
// task id validation and the endpoint rules.
import { describe, expect, it } from 'vitest'
import { EndpointError, preferHttps, REGION_BASE_URLS, resolveBaseUrl, TaskIdError } from '../../src/main/aidge'
import { clientSuite, countingRelay } from './clientHarness'

const suite = clientSuite((sim) => {
  sim.configure({ quota: 'ok', balance: 1000 })
})
const h = suite.h

const ONE = [{ status: 'finished' }]

describe('queryTask: lifecycle statuses', () => {
  it('reports submitted, running and finished as the task moves on, with requestId and the raw answer', async () => {
    suite.sim.addTask({ id: 'life-1', images: 2 })
    const c = h.client()
    const seen: string[] = []
    const requestIds: Array<string | null> = []
    for (let i = 0; i < 4; i++) {
      const r = await c.queryTask('life-1')
      seen.push(r.status)
      requestIds.push(r.requestId)
      expect(r.taskId).toBe('life-1')
      expect(r.requestId).toMatch(/^\w{10,}$/)
      expect(r.raw).toMatchObject({ success: true, resCode: 200, requestId: r.requestId, data: { taskId: 'life-1', taskStatus: r.status } })
      if (r.status !== 'finished') expect(r.images).toEqual([])
    }
    expect(seen).toEqual(['submitted', 'running', 'running', 'finished'])
    // the requestId is the one the simulator logged for that call
    expect(suite.sim.stats().log.map((e) => e.requestId)).toEqual(requestIds)
  })

  it('running with taskResult missing or null gives no images and no crash', async () => {
    suite.sim.addTask({ id: 'run-1', lifecycle: [{ status: 'running' }], message: 'in the queue' })
    const c = h.client()
    const first = await c.queryTask('run-1')
    const second = await c.queryTask('run-1')
    // the simulator leaves taskResult out on one answer and sends null on the next
    const forms = [first, second].map((r) => (r.raw as { data: Record<string, unknown> }).data)
    expect(forms.some((d) => !('taskResult' in d))).toBe(true)
    expect(forms.some((d) => d.taskResult === null)).toBe(true)
    for (const r of [first, second]) {
      expect(r.status).toBe('running')
      expect(r.images).toEqual([])
      expect(r.message).toBe('in the queue')
    }
  })

  it('failed carries the task message', async () => {
    suite.sim.addTask({ id: 'fail-1', lifecycle: [{ status: 'failed' }], failMessage: 'model failed: pose not detected' })
    const r = await h.client().queryTask('fail-1')
    expect(r).toMatchObject({ taskId: 'fail-1', status: 'failed', message: 'model failed: pose not detected', images: [] })
    expect(r.requestId).toBeTruthy()
  })

  it('an unknown status string is kept verbatim', async () => {
    suite.sim.addTask({ id: 'odd-1', lifecycle: [{ status: 'WAITING_FOR_GPU' }] })
    const r = await h.client().queryTask('odd-1')
    expect(r.status).toBe('WAITING_FOR_GPU')
    expect(r.images).toEqual([])
    expect(r.message).toBeNull()
  })
})

describe('queryTask: every result form', () => {
  const expectedUrls = (id: string, n: number) => Array.from({ length: n }, (_, i) => suite.sim.imageUrl(id, i).split('?')[0])
  const paths = (urls: string[]) => urls.map((u) => u.split('?')[0])

  it('taskResult: [{ url, width, height }]', async () => {
    suite.sim.addTask({ id: 'form-url', lifecycle: ONE, resultForm: 'url', images: [{ width: 40, height: 60 }, { width: 80, height: 120 }] })
    const r = await h.client().queryTask('form-url')
    expect(r.status).toBe('finished')
    expect(paths(r.images.map((i) => i.url))).toEqual(expectedUrls('form-url', 2))
    expect(r.images.map((i) => [i.width, i.height])).toEqual([
      [40, 60],
      [80, 120]
    ])
    // simulator URLs are on 127.0.0.1: left as http
    for (const img of r.images) expect(img.url.startsWith(`${suite.sim.url}/`)).toBe(true)
  })

  for (const urlListAt of ['data', 'taskResult'] as const) {
    it(`imageUrlList as an array at ${urlListAt}`, async () => {
      const id = `form-list-${urlListAt}`
      suite.sim.addTask({ id, lifecycle: ONE, resultForm: 'imageUrlList', urlListAt, images: 3 })
      const r = await h.client().queryTask(id)
      const data = (r.raw as { data: Record<string, unknown> }).data
      const list = urlListAt === 'data' ? data.imageUrlList : (data.taskResult as Array<Record<string, unknown>>)[0]!.imageUrlList
      expect(Array.isArray(list)).toBe(true)
      expect(r.images).toHaveLength(3)
      expect(paths(r.images.map((i) => i.url))).toEqual(expectedUrls(id, 3))
      expect(r.images.map((i) => i.url)).toEqual(list)
    })

    it(`imageUrlList as a JSON-array string at ${urlListAt}`, async () => {
      const id = `form-str-${urlListAt}`
      suite.sim.addTask({ id, lifecycle: ONE, resultForm: 'imageUrlListString', urlListAt, images: 2 })
      const r = await h.client().queryTask(id)
      const data = (r.raw as { data: Record<string, unknown> }).data
      const list = urlListAt === 'data' ? data.imageUrlList : (data.taskResult as Array<Record<string, unknown>>)[0]!.imageUrlList
      expect(typeof list).toBe('string')
      expect(r.images.map((i) => i.url)).toEqual(JSON.parse(list as string))
      expect(paths(r.images.map((i) => i.url))).toEqual(expectedUrls(id, 2))
    })
  }

  it('the returned URLs fetch the images', async () => {
    suite.sim.addTask({ id: 'form-fetch', lifecycle: ONE, resultForm: 'imageUrlListString', images: 1 })
    const r = await h.client().queryTask('form-fetch')
    const res = await fetch(r.images[0]!.url)
    expect(res.status).toBe(200)
    expect(Buffer.from(await res.arrayBuffer()).equals(await suite.sim.imageBytes('form-fetch', 0))).toBe(true)
  })
})

describe('preferHttps', () => {
  it('upgrades only *.aliyuncs.com hosts', () => {
    const oss = 'http://ai-business-algo-pai.oss-ap-southeast-1.aliyuncs.com/a%2Fb.png?OSSAccessKeyId=X&Expires=2719383922&Signature=5vdK7g%3D'
    expect(preferHttps(oss)).toBe(oss.replace(/^http:/, 'https:'))
    expect(preferHttps('http://aliyuncs.com/x.png')).toBe('https://aliyuncs.com/x.png')
    for (const keep of [
      'http://127.0.0.1:8080/oss/x.png',
      'http://localhost/x.png',
      'http://aliyuncs.com.evil.example/x.png',
      'http://notaliyuncs.com/x.png',
      'https://bucket.oss.aliyuncs.com/x.png',
      'not a url'
    ]) {
      expect(preferHttps(keep)).toBe(keep)
    }
  })
})

describe('checkBalance', () => {
  it('returns the balance, which non-trial queries spend and trial queries do not', async () => {
    suite.sim.configure({ balance: 50 })
    suite.sim.addTask({ id: 'bal-1', lifecycle: ONE })
    const c = h.client()
    const before = await c.checkBalance()
    expect(before.balance).toBe(50)
    for (let i = 0; i < 3; i++) await c.queryTask('bal-1')
    expect((await c.checkBalance()).balance).toBe(47)
    await h.client({ trial: true }).queryTask('bal-1')
    expect((await c.checkBalance()).balance).toBe(47)
  })
})

describe('keep-alive', () => {
  it('sequential queries reuse their connections', async () => {
    suite.sim.addTask({ id: 'ka-1', lifecycle: ONE })
    const relay = await countingRelay(suite.sim.port)
    try {
      const c = h.client({ endpoint: relay.url })
      // undici may open a second connection for the call right after the first, while the first socket is being
      // handed back to the pool; from then on the open connections are reused.
      for (let i = 0; i < 3; i++) await c.queryTask('ka-1')
      const warm = relay.connections()
      expect(warm).toBeLessThanOrEqual(2)
      for (let i = 0; i < 30; i++) expect((await c.queryTask('ka-1')).status).toBe('finished')
      expect(suite.sim.stats().queryCalls).toBe(33)
      expect(relay.connections()).toBe(warm)
    } finally {
      await h.closeClients()
      await relay.close()
    }
  })
})

describe('task id validation', () => {
  it('rejects bad ids before any call', async () => {
    const c = h.client()
    const bad: unknown[] = ['', ' ', 'a b', 'abc\n', 'tab\there', 'nul\u0000id', 'x'.repeat(129), 42, null, undefined]
    for (const id of bad) {
      await expect(c.queryTask(id as string)).rejects.toBeInstanceOf(TaskIdError)
    }
    await expect(c.queryTask('a b')).rejects.toMatchObject({ code: 'INVALID_TASK_ID', message: expect.stringContaining('white space') })
    expect(suite.sim.stats().calls).toBe(0)
  })
})

describe('endpoint rules', () => {
  it('regions map to their base URLs; a custom endpoint wins', () => {
    expect(resolveBaseUrl('global')).toBe('https://api.aidc-ai.com')
    expect(resolveBaseUrl('cn')).toBe('https://cn-api.aidc-ai.com')
    expect(resolveBaseUrl('cn', '  ')).toBe(REGION_BASE_URLS.cn)
    expect(resolveBaseUrl('global', null)).toBe(REGION_BASE_URLS.global)
    expect(resolveBaseUrl('cn', 'https://proxy.example.com/aidge/')).toBe('https://proxy.example.com/aidge')
    expect(resolveBaseUrl('global', 'http://127.0.0.1:9999')).toBe('http://127.0.0.1:9999')
    expect(resolveBaseUrl('global', 'http://localhost:9999/')).toBe('http://localhost:9999')
    expect(resolveBaseUrl('global', 'http://[::1]:9999')).toBe('http://[::1]:9999')
  })

  it('refuses plain http off loopback, bad schemes, invalid URLs, credentials and query strings', () => {
    for (const bad of [
      'http://example.com',
      'http://192.168.1.10:8080',
      'ftp://127.0.0.1',
      'not a url',
      'https://user:pw@api.aidc-ai.com',
      'https://api.aidc-ai.com/?x=1'
    ]) {
      expect(() => resolveBaseUrl('global', bad), bad).toThrow(EndpointError)
    }
    expect(() => resolveBaseUrl('global', 'http://example.com')).toThrow(/https/)
    expect(() => resolveBaseUrl('global', 'not a url')).toThrow(/not a valid URL/)
  })

  it('the client applies the rules at construction and calls the simulator over http', async () => {
    expect(() => h.client({ endpoint: 'http://example.com' })).toThrow(EndpointError)
    const c = h.client({ endpoint: `${suite.sim.url}/` })
    expect(c.baseUrl).toBe(suite.sim.url)
    expect(c.baseUrl.startsWith('http://127.0.0.1:')).toBe(true)
    suite.sim.addTask({ id: 'ep-1', lifecycle: ONE })
    expect((await c.queryTask('ep-1')).status).toBe('finished')
  })
})
