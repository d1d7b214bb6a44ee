// Network faults driven through the simulator over real HTTP, into real files and a real SQLite history.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { finishedTask, listFiles, partFiles, setup } from './helpers'

describe('downloader under network faults', () => {
  it('connection reset mid-file: keeps the first half and resumes with a Range request', async () => {
    const s = await setup([finishedTask('reset', [{ bytes: 200_000 }])])
    await s.seed('reset')
    s.sim.fault({ kind: 'imageReset', times: 1 })
    const report = await s.downloader().start({ folder: s.target, taskIds: ['reset'] }).done
    expect(report.failed).toBe(0)
    const [file] = report.files
    expect(file).toMatchObject({ status: 'downloaded', attempts: 2 })
    expect(file!.resumedFrom).toBeGreaterThan(0)
    // the second request was a Range request answered 206
    expect(s.imageOutcomes('reset')).toEqual(['fault:imageReset', 'http:206'])
    expect(fs.readFileSync(file!.path!).equals(await s.sim.imageBytes('reset', 0))).toBe(true)
    expect(partFiles(s.target)).toEqual([])
  })

  it('a transfer cut once (socket ended early) resumes too', async () => {
    const s = await setup([finishedTask('cut', [{ bytes: 100_000 }])])
    await s.seed('cut')
    s.sim.fault({ kind: 'imageCutOnce' })
    const report = await s.downloader().start({ folder: s.target, taskIds: ['cut'] }).done
    expect(report.files[0]).toMatchObject({ status: 'downloaded', attempts: 2 })
    expect(s.imageOutcomes('cut')).toEqual(['fault:imageCutOnce', 'http:206'])
    expect(fs.readFileSync(report.files[0]!.path!).equals(await s.sim.imageBytes('cut', 0))).toBe(true)
  })

  it('a server that stalls: the stall timeout aborts the try and the retry resumes', async () => {
    const s = await setup([finishedTask('stall', [{ bytes: 100_000 }])])
    await s.seed('stall')
    s.sim.fault({ kind: 'imageStall', times: 1 }) // half the bytes, then silence until the socket closes
    const batch = s.downloader({ stallTimeoutMs: 300 }).start({ folder: s.target, taskIds: ['stall'] })
    const retries: string[] = []
    batch.on('file', (e) => e.type === 'retrying' && retries.push(e.reason))
    const started = Date.now()
    const report = await batch.done
    expect(report.files[0]).toMatchObject({ status: 'downloaded', attempts: 2 })
    expect(retries).toHaveLength(1)
    expect(retries[0]).toMatch(/no data for .* \(stalled\)/)
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(s.imageOutcomes('stall')).toEqual(['fault:imageStall', 'http:206'])
    expect(fs.readFileSync(report.files[0]!.path!).equals(await s.sim.imageBytes('stall', 0))).toBe(true)
  })

  it('5xx then success: retried with backoff', async () => {
    const s = await setup([finishedTask('flaky', 1)])
    await s.seed('flaky')
    s.sim.fault({ kind: 'image5xx', times: 2, status: 503 })
    const batch = s.downloader().start({ folder: s.target, taskIds: ['flaky'] })
    const delays: number[] = []
    batch.on('file', (e) => e.type === 'retrying' && delays.push(e.delayMs))
    const report = await batch.done
    expect(report.files[0]).toMatchObject({ status: 'downloaded', attempts: 3 })
    expect(delays).toHaveLength(2)
    expect(s.imageOutcomes('flaky')).toEqual(['fault:image5xx', 'fault:image5xx', 'http:200'])
    expect(s.store.getTask('flaky')!.images[0]).toMatchObject({ downloadState: 'done', localPath: report.files[0]!.path })
  })

  it('a server that keeps failing: bounded tries, a clear per-file error, no final file, history says failed', async () => {
    const s = await setup([finishedTask('down', 2)])
    await s.seed('down')
    s.sim.fault({ kind: 'image5xx', taskId: 'down', index: 1, status: 500 })
    const report = await s.downloader({ retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 50 } }).start({ folder: s.target, taskIds: ['down'] }).done
    expect(report.downloaded).toBe(1)
    expect(report.failures).toHaveLength(1)
    expect(report.failures[0]).toMatchObject({ taskId: 'down', index: 1, attempts: 3, errorCode: 'HTTP' })
    expect(report.failures[0]!.reason).toMatch(/task down image 1: .*HTTP 500.*gave up after 3 tries/)
    expect(report.failures[0]!.reason).not.toMatch(/Signature|Expires=|OSSAccessKeyId/)
    expect(listFiles(s.target)).toEqual(['down_0.png'])
    const img = s.store.getTask('down')!.images[1]!
    expect(img.downloadState).toBe('failed')
    expect(img.downloadError).toContain('HTTP 500')
  })

  it('an expired link (403 from storage): one re-query of the task, then the download continues; history keeps the fresh URLs', async () => {
    let simNow = Date.now()
    const s = await setup([finishedTask('exp', 2)], { now: () => simNow })
    await s.seed('exp')
    const before = s.store.getTask('exp')!.images.map((i) => i.url)
    simNow += 5_000 // so the re-query mints links that differ from the first ones
    // both images' first requests are refused, as storage does once a link's Expires has passed
    s.sim.fault({ kind: 'imageExpire', taskId: 'exp', index: 0, times: 1 })
    s.sim.fault({ kind: 'imageExpire', taskId: 'exp', index: 1, times: 1 })
    const report = await s.downloader({ concurrency: 2 }).start({ folder: s.target, taskIds: ['exp'] }).done
    expect(report.failed).toBe(0)
    expect(report.downloaded).toBe(2)
    expect(s.refreshCalls).toEqual(['exp']) // ONE re-query for the task, shared by both images
    expect(s.imageOutcomes('exp').sort()).toEqual(['fault:imageExpire', 'fault:imageExpire', 'http:200', 'http:200'])
    expect(report.files.every((f) => f.refreshed)).toBe(true)
    const after = s.store.getTask('exp')!.images
    expect(after.map((i) => i.url)).not.toEqual(before)
    for (const img of after) {
      expect(img.downloadState).toBe('done')
      expect(fs.readFileSync(img.localPath!).equals(await s.sim.imageBytes('exp', img.index))).toBe(true)
    }
  })

  it('a link whose Expires is already past is refreshed before any request is made', async () => {
    const s = await setup([finishedTask('old', 1)])
    s.store.recordQuery('old', { status: 'finished', images: [{ url: s.sim.imageUrl('old', 0, { expiresAt: Date.now() - 60_000 }) }] })
    const report = await s.downloader().start({ folder: s.target, taskIds: ['old'] }).done
    expect(report.files[0]).toMatchObject({ status: 'downloaded', refreshed: true, attempts: 1 })
    expect(s.refreshCalls).toEqual(['old'])
    expect(s.imageOutcomes('old')).toEqual(['http:200']) // the stale link was never tried
    expect(s.store.getTask('old')!.images[0]!.expiresAt).toBeGreaterThan(Date.now())
  })

  it('a link still refused after the re-query fails with a clear reason (no endless re-queries)', async () => {
    const s = await setup([finishedTask('gone', 1)])
    await s.seed('gone')
    s.sim.fault({ kind: 'imageExpire', taskId: 'gone' }) // every request refused
    const report = await s.downloader().start({ folder: s.target, taskIds: ['gone'] }).done
    expect(report.failures[0]!.errorCode).toBe('EXPIRED')
    expect(report.failures[0]!.reason).toMatch(/HTTP 403 AccessDenied: Request has expired.*still refused after a re-query/)
    expect(s.refreshCalls).toEqual(['gone'])
    expect(listFiles(s.target).filter((f) => !f.startsWith('.'))).toEqual([])
  })

  it('progress events per file and for the batch', async () => {
    const s = await setup([finishedTask('p1', [{ bytes: 300_000 }, { bytes: 300_000 }]), finishedTask('p2', 1)])
    await s.seed('p1', 'p2')
    const batch = s.downloader({ progressIntervalMs: 0 }).start({ folder: s.target, taskIds: ['p1', 'p2'] })
    const types = new Set<string>()
    const progress: number[] = []
    let last = batch.progress()
    batch.on('file', (e) => types.add(e.type))
    batch.on('progress', (p) => {
      progress.push(p.bytesReceived)
      last = p
    })
    const report = await batch.done
    expect([...types].sort()).toEqual(['finished', 'progress', 'queued', 'started'])
    expect(progress.length).toBeGreaterThan(3)
    expect(progress).toEqual([...progress].sort((a, b) => a - b)) // bytes only grow
    expect(last).toMatchObject({ filesTotal: 3, filesFinished: 3, downloaded: 3, failed: 0, filesActive: 0 })
    expect(last.bytesReceived).toBe(report.files.reduce((n, f) => n + f.bytes!, 0))
    expect(path.isAbsolute(report.folder)).toBe(true)
  })
})
