// What a hostile object store (or whoever answers in its place) can send, through the simulator over real HTTP
// (issue 11): file names that are Windows devices, a foreign manifest.json in the target folder, and more below.
import type dns from 'node:dns'
import fs from 'node:fs'
import net, { isIP } from 'node:net'
import path from 'node:path'
import { deflateSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createHttpFetcher,
  createImageCache,
  imageHostsFor,
  LOCAL_ENDPOINT_HOSTS,
  PUBLIC_HOSTS_ONLY,
  readManifest,
  verifyManifest,
  type FileOutcome,
  type ImageHostPolicy
} from '../../src/main/downloads'
import { formatReport } from '../../src/cli/download'
import { finishedTask, listFiles, onCleanup, setup, type Setup } from './helpers'

describe('names a server chooses', () => {
  it('Windows device names with spaces or dots before the extension never become file names', async () => {
    const names = ['prn  .x', 'aux ', 'CON.', 'nul. .tar', 'com1 ', 'LPT9 . ', 'con']
    const s = await setup([finishedTask('dev', names.map((name) => ({ name })))])
    await s.seed('dev')
    const report = await s.downloader().start({ folder: s.target, taskIds: ['dev'], template: '{name}.{ext}' }).done
    expect(report.downloaded).toBe(names.length)
    const files = listFiles(s.target)
    expect(files).toHaveLength(names.length)
    for (const f of files) {
      const stem = f.split('.')[0]!.replace(/[. ]+$/, '')
      expect(stem, f).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)$/i)
      expect(fs.statSync(path.join(s.target, f)).isFile()).toBe(true)
    }
    // 'CON.' and 'con' are one name where case does not count: whichever finishes second gets ' (2)'
    expect(files.map((f) => f.toLowerCase())).toEqual(expect.arrayContaining(['_prn  .x.png', '_aux.png', '_con.png', '_con (2).png']))
  })
})

describe("the folder's own manifest.json", () => {
  const WEB_APP = `${JSON.stringify({ name: 'My web app', start_url: '/', icons: [] }, null, 2)}\n`

  it('a manifest.json another program wrote is left alone; the list goes under another name, and the batch says so', async () => {
    const s = await setup([finishedTask('m1', 2), finishedTask('m2', 1)])
    await s.seed('m1', 'm2')
    fs.mkdirSync(s.target, { recursive: true })
    fs.writeFileSync(path.join(s.target, 'manifest.json'), WEB_APP)
    const report = await s.downloader().start({ folder: s.target, taskIds: ['m1'], manifest: true }).done
    expect(report.downloaded).toBe(2)
    expect(fs.readFileSync(path.join(s.target, 'manifest.json'), 'utf8')).toBe(WEB_APP)
    expect(report.manifestPath).toBe(path.join(s.target, 'aidge-task-desk.manifest.json'))
    expect(report.manifestNote).toBe('alternate')
    expect(formatReport(report).join('\n')).toMatch(/manifest\.json in this folder belongs to another program.*aidge-task-desk\.manifest\.json/)
    // a later run finds its own list there and adds to it
    const again = await s.downloader().start({ folder: s.target, taskIds: ['m2'], manifest: true }).done
    expect(again.manifestPath).toBe(report.manifestPath)
    expect((await readManifest(s.target))?.files.map((f) => f.taskId)).toEqual(['m1', 'm1', 'm2'])
    expect(await verifyManifest(s.target)).toEqual({ ok: true, problems: [] })
    expect(fs.readFileSync(path.join(s.target, 'manifest.json'), 'utf8')).toBe(WEB_APP)
  })

  it('a manifest.json that is a link, or not JSON, is not ours either; our own is updated in place', async () => {
    const s = await setup([finishedTask('m3', 1)])
    await s.seed('m3')
    fs.mkdirSync(s.target, { recursive: true })
    const elsewhere = path.join(path.dirname(s.target), 'elsewhere.json')
    fs.writeFileSync(elsewhere, WEB_APP)
    fs.symlinkSync(elsewhere, path.join(s.target, 'manifest.json'))
    const linked = await s.downloader().start({ folder: s.target, taskIds: ['m3'], manifest: true }).done
    expect(linked.manifestPath).toBe(path.join(s.target, 'aidge-task-desk.manifest.json'))
    expect(fs.readFileSync(elsewhere, 'utf8')).toBe(WEB_APP)
    expect(fs.lstatSync(path.join(s.target, 'manifest.json')).isSymbolicLink()).toBe(true)

    const own = path.join(path.dirname(s.target), 'own')
    const ours = await s.downloader().start({ folder: own, taskIds: ['m3'], manifest: true }).done
    expect(ours.manifestPath).toBe(path.join(own, 'manifest.json'))
    expect(ours.warnings).toEqual([])
    expect(ours.manifestNote).toBeNull()
    fs.writeFileSync(path.join(own, 'notes.txt'), 'x')
    const twice = await s.downloader().start({ folder: own, taskIds: ['m3'], manifest: true }).done
    expect(twice.manifestPath).toBe(path.join(own, 'manifest.json'))
    expect(listFiles(own)).toEqual(['m3_0.png', 'manifest.json', 'notes.txt'])
  })
})

const MiB = 1024 * 1024

describe('bodies without end, and bodies that are no image', () => {
  it('a chunked "PNG" that never ends is cut off at the per-image cap; nothing of it is kept', async () => {
    const s = await setup([finishedTask('huge', 1)])
    await s.seed('huge')
    s.sim.fault({ kind: 'imageHuge', taskId: 'huge', bytes: 200 * MiB })
    const report = await s.downloader({ maxImageBytes: () => 2 * MiB }).start({ folder: s.target, taskIds: ['huge'] }).done
    expect(report.failed).toBe(1)
    expect(report.files[0]).toMatchObject({ status: 'failed', errorCode: 'TOO_LARGE', attempts: 1 })
    expect(report.files[0]?.reason).toMatch(/over the 2 MiB limit per image/)
    expect(listFiles(s.target)).toEqual([])
    // the server stopped being read soon after the cap, far from its 200 MiB
    expect(s.sim.stats().imageBytesSent).toBeLessThan(32 * MiB)
  })

  it('an announced length over the cap is refused before the body is read', async () => {
    const s = await setup([finishedTask('long', 1)])
    await s.seed('long')
    s.sim.fault({ kind: 'imageHugeLength', taskId: 'long', bytes: 200 * MiB })
    const report = await s.downloader({ maxImageBytes: () => 2 * MiB }).start({ folder: s.target, taskIds: ['long'] }).done
    expect(report.files[0]).toMatchObject({ status: 'failed', errorCode: 'TOO_LARGE', attempts: 1, resumedFrom: 0 })
    expect(report.bytesReceived).toBe(0)
    expect(listFiles(s.target)).toEqual([])
  })

  it('an HTML page sent as image/png stops the transfer at its first bytes', async () => {
    const s = await setup([finishedTask('html', 1)])
    await s.seed('html')
    s.sim.fault({ kind: 'imageHtml', taskId: 'html', bytes: 50 * MiB })
    const report = await s.downloader().start({ folder: s.target, taskIds: ['html'] }).done
    expect(report.files[0]).toMatchObject({ status: 'failed', errorCode: 'NOT_AN_IMAGE', attempts: 1 })
    expect(report.files[0]?.reason).toMatch(/HTML/)
    expect(report.bytesReceived).toBeLessThan(MiB)
    expect(s.sim.stats().imageBytesSent).toBeLessThan(16 * MiB)
    expect(listFiles(s.target)).toEqual([])
  })

  it('the image cache obeys the same cap', async () => {
    const s = await setup([finishedTask('cached', 1)])
    await s.seed('cached')
    s.sim.fault({ kind: 'imageHuge', taskId: 'cached', bytes: 200 * MiB })
    const cache = createImageCache({ dataDir: s.dataDir, history: s.store, env: s.downloader({ maxImageBytes: () => 2 * MiB }).env })
    onCleanup(() => cache.close())
    await expect(cache.thumbnail('cached', 0)).rejects.toMatchObject({ code: 'TOO_LARGE' })
    expect(cache.usage().files).toBe(0)
    expect(s.sim.stats().imageBytesSent).toBeLessThan(32 * MiB)
  })

  it('a decompression bomb (a small PNG claiming 12000 x 12000 pixels) fails its thumbnail cleanly', async () => {
    const bomb = bombPng(12_000, 12_000)
    expect(bomb.length).toBeLessThan(200_000)
    const s = await setup([finishedTask('bomb', 1)])
    await s.seed('bomb')
    s.sim.fault({ kind: 'imageBody', taskId: 'bomb', bodyBase64: bomb.toString('base64') })
    const cache = createImageCache({ dataDir: s.dataDir, history: s.store, env: s.downloader().env })
    onCleanup(() => cache.close())
    const started = Date.now()
    await expect(cache.thumbnail('bomb', 0)).rejects.toMatchObject({ code: 'NOT_AN_IMAGE', message: expect.stringMatching(/pixel limit/i) })
    expect(Date.now() - started).toBeLessThan(5_000)
  })
})

/** A valid 1-bit greyscale PNG of the given size, all black: megapixels in a few kilobytes. */
function bombPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([len, body, crc])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.set([1, 0, 0, 0, 0], 8) // bit depth 1, greyscale, deflate, no filter method, no interlace
  const raw = Buffer.alloc(height * (1 + Math.ceil(width / 8))) // each row: filter byte 0, then zeros
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))])
  return png
}

function crc32(b: Buffer): number {
  let c = ~0
  for (const byte of b) {
    c ^= byte
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1))
  }
  return ~c >>> 0
}

describe('where images come from', () => {
  // A safety net, not part of what is tested: should the code under test ever regress, this block still opens no
  // connection beyond 127.0.0.1 and asks no real resolver (a name may be connected only through an injected lookup).
  const realConnect = net.Socket.prototype.connect
  beforeAll(() => {
    net.Socket.prototype.connect = function guarded(this: net.Socket, ...args: unknown[]) {
      // net.connect() hands over its already normalised [options, callback] pair
      const [first, second] = Array.isArray(args[0]) ? (args[0] as unknown[]) : args
      const opts = (typeof first === 'object' && first !== null ? first : { port: first, host: typeof second === 'string' ? second : undefined }) as { host?: string; path?: string; lookup?: unknown }
      const host = opts.host ?? 'localhost'
      if (opts.path === undefined && (isIP(host) ? !['127.0.0.1', '::1'].includes(host) : opts.lookup === undefined)) {
        throw new Error(`test safety net: refused to connect to ${host}`)
      }
      return (realConnect as (...a: unknown[]) => net.Socket).apply(this, args)
    } as typeof realConnect
  })
  afterAll(() => {
    net.Socket.prototype.connect = realConnect
  })

  /** A resolver that never asks real DNS: names map to private addresses only, so nothing here can leave 127.0.0.1. */
  const privateDns = (asked: string[]): typeof dns.lookup =>
    ((hostname: string, _options: unknown, callback: (err: Error | null, addresses: Array<{ address: string; family: number }>) => void) => {
      asked.push(hostname)
      callback(null, [{ address: hostname.startsWith('v6.') ? 'fd00::5' : '10.0.0.5', family: hostname.startsWith('v6.') ? 6 : 4 }])
    }) as unknown as typeof dns.lookup

  async function fetchVia(policy: ImageHostPolicy, redirectTo: string | null, asked: string[] = []): Promise<{ s: Setup; file: FileOutcome }> {
    const s = await setup([finishedTask('r', 1)])
    await s.seed('r')
    if (redirectTo !== null) s.sim.fault({ kind: 'imageRedirect', taskId: 'r', location: redirectTo })
    const fetcher = createHttpFetcher({ hosts: () => policy, resolve: privateDns(asked) })
    onCleanup(() => fetcher.close())
    const report = await s.downloader({ fetcher, imageHosts: () => policy }).start({ folder: s.target, taskIds: ['r'] }).done
    return { s, file: report.files[0]! }
  }

  it('a loopback result URL is not fetched unless the configured endpoint is itself loopback', async () => {
    const strict = await fetchVia(PUBLIC_HOSTS_ONLY, null)
    expect(strict.file).toMatchObject({ status: 'failed', errorCode: 'URL_REFUSED', attempts: 1 })
    expect(strict.s.sim.stats().imageRequests).toBe(0)
    const local = await fetchVia(LOCAL_ENDPOINT_HOSTS, null)
    expect(local.file).toMatchObject({ status: 'downloaded' })
    expect(imageHostsFor('http://127.0.0.1:8787')).toEqual(LOCAL_ENDPOINT_HOSTS)
    expect(imageHostsFor('https://api.aidc-ai.com')).toEqual(PUBLIC_HOSTS_ONLY)
  })

  it('redirects to private, link-local or loopback literals are refused before connecting', async () => {
    for (const target of ['https://10.0.0.1/x.png', 'https://169.254.169.254/latest/meta-data', 'https://[fe80::1]/x.png', 'https://[::ffff:192.168.0.1]/x.png', 'https://0.0.0.0/x.png', 'http://10.0.0.1/x.png']) {
      const { file } = await fetchVia(LOCAL_ENDPOINT_HOSTS, target)
      expect(file, target).toMatchObject({ status: 'failed', errorCode: 'URL_REFUSED', attempts: 1 })
    }
  })

  it('a redirect to a name that resolves to a private address is refused before connecting; plain http off loopback too', async () => {
    const asked: string[] = []
    const named = await fetchVia(LOCAL_ENDPOINT_HOSTS, 'https://metadata.evil.example/x.png', asked)
    expect(named.file).toMatchObject({ status: 'failed', errorCode: 'URL_REFUSED', attempts: 1 })
    expect(named.file.reason).toMatch(/10\.0\.0\.5, not a public address/)
    expect(asked).toEqual(['metadata.evil.example'])
    const v6 = await fetchVia(LOCAL_ENDPOINT_HOSTS, 'https://v6.evil.example/x.png', asked)
    expect(v6.file).toMatchObject({ errorCode: 'URL_REFUSED' })
    const plain = await fetchVia(LOCAL_ENDPOINT_HOSTS, 'http://images.evil.example/x.png', asked)
    expect(plain.file).toMatchObject({ errorCode: 'URL_REFUSED' })
    expect(plain.file.reason).toMatch(/https only/)
    expect(asked).toHaveLength(2) // the http one was refused without a lookup
  })

  it('at most 5 redirects: a loop is refused, a short chain to the image is followed', async () => {
    const s = await setup([finishedTask('loop', 1)])
    await s.seed('loop')
    const image = s.store.getTask('loop')!.images[0]!.url
    s.sim.fault({ kind: 'imageRedirect', taskId: 'loop', location: image, times: 100 })
    const loop = await s.downloader().start({ folder: s.target, taskIds: ['loop'] }).done
    expect(loop.files[0]).toMatchObject({ status: 'failed', errorCode: 'URL_REFUSED', attempts: 1 })
    expect(loop.files[0]?.reason).toMatch(/more than 5 redirects/)
    expect(s.imageOutcomes('loop')).toEqual(Array(6).fill('fault:imageRedirect'))
    s.sim.clearFaults()
    s.sim.fault({ kind: 'imageRedirect', taskId: 'loop', location: image, times: 5 })
    const chain = await s.downloader().start({ folder: s.target, taskIds: ['loop'] }).done
    expect(chain.files[0]).toMatchObject({ status: 'downloaded' })
  })

  it('a refused link says only what the object store says: its Code and Message, bounded', async () => {
    const s = await setup([finishedTask('denied', 1)])
    await s.seed('denied')
    s.sim.fault({ kind: 'imageExpire', taskId: 'denied', times: 5 })
    const report = await s.downloader().start({ folder: s.target, taskIds: ['denied'] }).done
    expect(report.files[0]?.reason).toMatch(/HTTP 403 AccessDenied: Request has expired\./)
    expect(report.files[0]?.reason).not.toMatch(/<|ServerTime|HostId/)
  })
})
