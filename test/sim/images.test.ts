// The OSS-like image server: real bytes, names, Range, HEAD, expiry and signatures, and the image faults.
import sharp from 'sharp'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { QUERY_API, type Simulator, startSimulator } from './index'
import { rawRequest } from './rawHttp'
import { callApi } from './signing'

let sim: Simulator
let t = 0
beforeEach(async () => {
  t = Date.now()
  sim = await startSimulator({
    now: () => t,
    urlTtlMs: 60_000,
    tasks: [
      { id: 'p', lifecycle: [{ status: 'finished' }], images: 2 },
      { id: 'names', lifecycle: [{ status: 'finished' }], images: [{ name: '../evil' }, { name: '%2e%2e%2fevil' }, { name: 'result', format: 'jpeg', servedAs: 'png' }] },
      { id: 'same', lifecycle: [{ status: 'finished' }], images: [{ name: 'result' }] }
    ]
  })
})
afterEach(() => sim.close())

describe('images', () => {
  it('serves real, distinct, deterministic PNG and JPEG bytes', async () => {
    const [a, b] = [await sim.imageBytes('p', 0), await sim.imageBytes('p', 1)]
    expect(a.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true)
    expect(a.equals(b)).toBe(false)
    expect(await sharp(a).metadata()).toMatchObject({ format: 'png', width: 64, height: 96 })
    const jpeg = await sim.imageBytes('names', 2)
    expect(jpeg.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(true)
    const other = await startSimulator({ tasks: [{ id: 'p' }] })
    expect((await other.imageBytes('p', 1)).equals(b)).toBe(true)
    await other.close()
  })

  it('GET, HEAD and Range requests', async () => {
    const url = sim.imageUrl('p', 0)
    const full = await sim.imageBytes('p', 0)
    const get = await rawRequest(url)
    expect(get).toMatchObject({ status: 200, headers: { 'content-type': 'image/png', 'accept-ranges': 'bytes' } })
    expect(get.body.equals(full)).toBe(true)
    expect(Number(get.headers['content-length'])).toBe(full.length)
    const head = await rawRequest(url, { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(Number(head.headers['content-length'])).toBe(full.length)
    expect(head.headers.etag).toBe(get.headers.etag)
    const tail = await rawRequest(url, { headers: { range: 'bytes=100-' } })
    expect(tail.status).toBe(206)
    expect(tail.headers['content-range']).toBe(`bytes 100-${full.length - 1}/${full.length}`)
    expect(tail.body.equals(full.subarray(100))).toBe(true)
    const mid = await rawRequest(url, { headers: { range: 'bytes=10-19' } })
    expect(mid).toMatchObject({ status: 206, headers: { 'content-length': '10' } })
    expect(mid.body.equals(full.subarray(10, 20))).toBe(true)
    expect((await rawRequest(url, { headers: { range: `bytes=${full.length}-` } })).status).toBe(416)
  })

  it('expired and tampered URLs answer 403 with OSS XML; each query mints fresh URLs', async () => {
    const expired = await rawRequest(sim.imageUrl('p', 0, { expiresAt: t - 1000 }))
    expect(expired.status).toBe(403)
    expect(expired.body.toString()).toMatch(/<Code>AccessDenied<\/Code>[\s\S]*<Message>Request has expired.<\/Message>/)
    const bad = await rawRequest(sim.imageUrl('p', 0).replace(/Expires=(\d+)/, (_, e: string) => `Expires=${Number(e) + 100}`))
    expect(bad.status).toBe(403)
    expect(bad.body.toString()).toContain('<Code>SignatureDoesNotMatch</Code>')
    const q = async () => {
      const body = (await (await callApi(sim.url, QUERY_API, { taskId: 'p' }, { appKey: sim.accessKeyName, secret: sim.secret }, { timestamp: t })).json()) as {
        data: { taskResult: Array<{ url: string }> }
      }
      return body.data.taskResult[0]!.url
    }
    const first = await q()
    t += 61_000
    expect((await rawRequest(first)).status).toBe(403)
    const second = await q()
    expect(second).not.toBe(first)
    expect((await rawRequest(second)).status).toBe(200)
  })

  it('names: traversal-looking names, shared names, JPEG under a .png name', async () => {
    expect(sim.imageUrl('names', 0)).toMatch(/%2F\.\.%2Fevil\.png\?/)
    expect(sim.imageUrl('names', 1)).toMatch(/%2F%2e%2e%2fevil\.png\?/)
    const lastName = (u: string) => decodeURIComponent(new URL(u).pathname).split('/').pop()
    expect(lastName(sim.imageUrl('names', 2))).toBe('result.png')
    expect(lastName(sim.imageUrl('same', 0))).toBe('result.png')
    for (const i of [0, 1, 2]) expect((await rawRequest(sim.imageUrl('names', i))).status).toBe(200)
    const jpeg = await rawRequest(sim.imageUrl('names', 2))
    expect(jpeg.headers['content-type']).toBe('image/png')
    expect(jpeg.body[0]).toBe(0xff)
    expect((await rawRequest(`${sim.url}/oss/ai-business-algo-sim/pengxin.sim%2Fsd%2F0000000000000000-0%2Fx.png`)).status).toBe(404)
  })

  it('size targets: ~1 MB of noise', async () => {
    sim.addTask({ id: 'big', images: [{ bytes: 1_000_000 }, { bytes: 300_000, format: 'jpeg' }] })
    const png = await sim.imageBytes('big', 0)
    expect(png.length).toBeGreaterThan(900_000)
    expect(png.length).toBeLessThan(1_100_000)
    const jpg = await sim.imageBytes('big', 1)
    expect(jpg.length).toBeGreaterThan(200_000)
    expect(jpg.length).toBeLessThan(400_000)
  })
})

describe('image faults', () => {
  it('imageReset: about half the bytes then a reset; a Range request resumes', async () => {
    sim.fault({ kind: 'imageReset', times: 1 })
    const url = sim.imageUrl('p', 0)
    const full = await sim.imageBytes('p', 0)
    const cut = await rawRequest(url)
    expect(cut.status).toBe(200)
    expect(cut.error).toBeDefined()
    expect(cut.body.length).toBeLessThan(full.length)
    const rest = await rawRequest(url, { headers: { range: `bytes=${cut.body.length}-` } })
    expect(rest.status).toBe(206)
    expect(Buffer.concat([cut.body, rest.body]).equals(full)).toBe(true)
  })

  it('imageCutOnce cuts one transfer; imageExpire and image5xx answer `times` then succeed', async () => {
    sim.fault({ kind: 'imageCutOnce', taskId: 'p', index: 1 })
    const url = sim.imageUrl('p', 1)
    expect((await rawRequest(sim.imageUrl('p', 0))).error).toBeUndefined()
    const cut = await rawRequest(url)
    expect(cut.error).toBeDefined()
    expect(cut.body.length).toBeGreaterThan(0)
    expect(cut.body.length).toBeLessThan(Number(cut.headers['content-length']))
    expect((await rawRequest(url)).error).toBeUndefined()
    sim.fault({ kind: 'imageExpire', times: 1 })
    sim.fault({ kind: 'image5xx', times: 2 })
    const statuses: Array<number | undefined> = []
    for (let i = 0; i < 4; i++) statuses.push((await rawRequest(url)).status)
    expect(statuses).toEqual([403, 503, 503, 200])
  })

  it('imageStall: half, a pause of delayMs, the rest; or a stall a client times out on', async () => {
    sim.fault({ kind: 'imageStall', delayMs: 250, times: 1 })
    const url = sim.imageUrl('p', 0)
    const slow = await rawRequest(url)
    expect(slow.error).toBeUndefined()
    expect(slow.totalMs).toBeGreaterThanOrEqual(240)
    expect(slow.body.equals(await sim.imageBytes('p', 0))).toBe(true)
    sim.fault({ kind: 'imageStall', times: 1 })
    const stalled = await rawRequest(url, { timeoutMs: 200 })
    expect(stalled.error).toBe('TIMEOUT')
    expect(stalled.body.length).toBeGreaterThan(0)
  })

  it('counts image requests, bytes and concurrency', async () => {
    const url = sim.imageUrl('p', 0)
    await Promise.all([rawRequest(url), rawRequest(url), rawRequest(url, { method: 'HEAD' })])
    const s = sim.stats()
    expect(s.imageRequests).toBe(3)
    expect(s.imageBytesSent).toBe(2 * (await sim.imageBytes('p', 0)).length)
    expect(s.imageMaxInFlight).toBeGreaterThanOrEqual(1)
    expect(s.calls).toBe(0)
  })
})
