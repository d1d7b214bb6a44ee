// Batches: cancel and resume, skip on re-run, the manifest, waiting for unfinished tasks, adding to a running batch.
import { createHash } from 'node:crypto'
import { EventEmitter } from 'node:events'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { followTaskUpdates, readManifest, verifyManifest } from '../../src/main/downloads'
import { finishedTask, listFiles, partFiles, setup } from './helpers'

describe('batches', () => {
  it('cancel aborts transfers in flight, keeps their partial files, and a later run resumes them with Range', async () => {
    const s = await setup([finishedTask('c', [{ bytes: 150_000 }, { bytes: 150_000 }, { bytes: 150_000 }, { bytes: 150_000 }])])
    await s.seed('c')
    s.sim.fault({ kind: 'imageStall', taskId: 'c', index: 1 })
    s.sim.fault({ kind: 'imageStall', taskId: 'c', index: 3 })
    const batch = s.downloader({ concurrency: 4, progressIntervalMs: 0 }).start({ folder: s.target, taskIds: ['c'] })
    const finished = new Set<number>()
    const partial = new Set<number>()
    await new Promise<void>((resolve) => {
      batch.on('file', (e) => {
        if (e.type === 'finished') finished.add(e.index)
        if (e.type === 'progress' && e.receivedBytes > 0 && (e.index === 1 || e.index === 3)) partial.add(e.index)
        if (finished.size === 2 && partial.size === 2) resolve()
      })
    })
    batch.cancel()
    const report = await batch.done
    expect(report.cancelled).toBe(true)
    expect(report.downloaded).toBe(2)
    expect(report.files.filter((f) => f.status === 'cancelled').map((f) => f.index).sort()).toEqual([1, 3])
    // complete files stay; the two interrupted ones are hidden partial files (+ their resume info), never final names
    expect(listFiles(s.target).filter((f) => !f.startsWith('.'))).toEqual(['c_0.png', 'c_2.png'])
    expect(partFiles(s.target)).toHaveLength(4)
    expect(s.store.getTask('c')!.images.map((i) => i.downloadState)).toEqual(['done', 'none', 'done', 'none'])

    s.sim.clearFaults()
    s.sim.resetStats()
    const again = await s.downloader().start({ folder: s.target, taskIds: ['c'] }).done
    expect(again.skipped).toBe(2)
    expect(again.downloaded).toBe(2)
    for (const f of again.files.filter((x) => x.status === 'downloaded')) expect(f.resumedFrom).toBeGreaterThan(0)
    expect(s.imageOutcomes('c')).toEqual(['http:206', 'http:206'])
    expect(partFiles(s.target)).toEqual([])
    for (let i = 0; i < 4; i++) expect(fs.readFileSync(path.join(s.target, `c_${i}.png`)).equals(await s.sim.imageBytes('c', i))).toBe(true)
  })

  it('files of several write batches (12 MB) arrive whole, with the sha256 of what the server sent', async () => {
    const s = await setup([finishedTask('big', [{ bytes: 12_000_000 }, { bytes: 5_000_000 }])])
    await s.seed('big')
    const report = await s.downloader({ concurrency: 2 }).start({ folder: s.target, taskIds: ['big'] }).done
    expect(report.downloaded).toBe(2)
    for (const f of report.files) {
      const sent = await s.sim.imageBytes('big', f.index)
      expect(sent.length).toBeGreaterThan(4_000_000)
      const onDisk = fs.readFileSync(f.path!)
      expect(onDisk.equals(sent)).toBe(true)
      expect(f.sha256).toBe(createHash('sha256').update(sent).digest('hex'))
    }
    expect(partFiles(s.target)).toEqual([])
  })

  it('connections are kept alive: 30 images at 3 at once open a handful of connections, not 30', async () => {
    const s = await setup([finishedTask('ka', Array.from({ length: 30 }, () => ({ bytes: 20_000 })))])
    await s.seed('ka')
    s.sim.resetStats()
    const report = await s.downloader({ concurrency: 3 }).start({ folder: s.target, taskIds: ['ka'] }).done
    expect(report.downloaded).toBe(30)
    const stats = s.sim.stats()
    expect(stats.imageRequests).toBe(30)
    expect(stats.connections).toBeGreaterThan(0)
    expect(stats.connections).toBeLessThanOrEqual(6)
  })

  it('a re-run skips what is already downloaded (history done + same size and sha256) without a request', async () => {
    const s = await setup([finishedTask('r1', 2), finishedTask('r2', 1)])
    await s.seed('r1', 'r2')
    const first = await s.downloader().start({ folder: s.target, taskIds: ['r1', 'r2'] }).done
    expect(first.downloaded).toBe(3)
    s.sim.resetStats()
    const second = await s.downloader().start({ folder: s.target, taskIds: ['r1', 'r2'] }).done
    expect(second).toMatchObject({ downloaded: 0, skipped: 3, failed: 0 })
    expect(s.sim.stats().imageRequests).toBe(0)
    // a file changed on disk is not "already there": it is downloaded again, beside the changed file
    fs.writeFileSync(path.join(s.target, 'r2_0.png'), 'edited')
    const third = await s.downloader().start({ folder: s.target, taskIds: ['r1', 'r2'] }).done
    expect(third).toMatchObject({ downloaded: 1, skipped: 2 })
    expect(third.files.find((f) => f.taskId === 'r2')!.path).toBe(path.join(s.target, 'r2_0 (2).png'))
  })

  it('manifest.json lists every file with its sha256 and the source URL without its signature', async () => {
    const s = await setup([finishedTask('m1', 2), finishedTask('m2', [{ format: 'jpeg', servedAs: 'png' }])])
    await s.seed('m1', 'm2')
    const report = await s.downloader().start({ folder: s.target, taskIds: ['m1'], manifest: true }).done
    expect(report.manifestPath).toBe(path.join(s.target, 'manifest.json'))
    await s.downloader().start({ folder: s.target, taskIds: ['m2'], manifest: true }).done // merged, not replaced
    const m = (await readManifest(s.target))!
    expect(m.files.map((f) => [f.taskId, f.index, f.file])).toEqual([
      ['m1', 0, 'm1_0.png'],
      ['m1', 1, 'm1_1.png'],
      ['m2', 0, 'm2_0.jpg']
    ])
    for (const f of m.files) {
      expect(f.source).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oss\//)
      expect(f.source).not.toMatch(/[?&]|Signature|Expires|OSSAccessKeyId/)
      expect(f.sha256).toMatch(/^[0-9a-f]{64}$/)
    }
    const raw = fs.readFileSync(path.join(s.target, 'manifest.json'), 'utf8')
    expect(raw).not.toMatch(/Signature|Expires=|OSSAccessKeyId/)
    expect(await verifyManifest(s.target)).toEqual({ ok: true, problems: [] })
    fs.appendFileSync(path.join(s.target, 'm1_1.png'), 'x')
    expect((await verifyManifest(s.target)).problems).toEqual(['m1_1.png: content differs from the manifest'])
    expect(partFiles(s.target)).toEqual([])
  })

  it("unfinished tasks: 'skip' reports them; 'wait' downloads them once they finish (watch --download)", async () => {
    const s = await setup([{ id: 'slow', images: 1 }, finishedTask('ready', 1), { id: 'bad', lifecycle: [{ status: 'failed' }], failMessage: 'model failed' }])
    await s.seed('slow', 'ready', 'bad')
    expect(s.store.getTask('slow')!.status).toBe('submitted')

    const skipped = await s.downloader().start({ folder: s.target, taskIds: ['slow', 'ready', 'bad', 'unknown'] }).done
    expect(skipped.downloaded).toBe(1)
    expect(skipped.tasks.map((t) => [t.taskId, t.state])).toEqual([
      ['slow', 'not-finished'],
      ['bad', 'failed'],
      ['unknown', 'missing']
    ])

    const scheduler = new EventEmitter() // stands in for the PollScheduler's 'task:updated' events
    const batch = s.downloader().start({ folder: s.target, taskIds: ['slow', 'ready'], waitForUnfinished: true })
    followTaskUpdates(batch, scheduler)
    const waiting = new Promise((resolve) => batch.on('task', (n) => n.state === 'waiting' && resolve(n.taskId)))
    expect(await waiting).toBe('slow')
    let settled = false
    void batch.done.then(() => (settled = true))
    // the poller keeps querying; each answer is recorded, then announced
    for (let i = 0; i < 3; i++) {
      await s.seed('slow')
      const stillWaiting = new Promise((resolve) => batch.once('task', (n) => n.taskId === 'slow' && n.state === 'waiting' && resolve(n)))
      scheduler.emit('task:updated', s.store.getTask('slow'))
      if (s.store.getTask('slow')!.status !== 'finished') {
        // the batch has seen the update and waits on (it says so); once every callback queued by the update has
        // run (a macrotask turn later), it still has not settled
        await stillWaiting
        await new Promise((r) => setImmediate(r))
        expect(settled).toBe(false)
      }
    }
    const report = await batch.done
    expect(report.files.map((f) => [f.taskId, f.status])).toEqual([
      ['ready', 'skipped'],
      ['slow', 'downloaded']
    ])
    expect(scheduler.listenerCount('task:updated')).toBe(0)
  })

  it('an open batch takes more tasks until sealed; without task ids it takes every finished task matching the filter', async () => {
    const s = await setup([finishedTask('o1', 1), finishedTask('o2', 1), finishedTask('other', 1)])
    await s.seed('o1', 'o2', 'other')
    const batch = s.downloader().start({ folder: s.target, taskIds: ['o1'], open: true })
    await new Promise((resolve) => batch.on('file', (e) => e.type === 'finished' && resolve(null)))
    batch.add(['o2'])
    batch.seal()
    expect((await batch.done).downloaded).toBe(2)

    const other = path.join(s.target, 'filtered')
    const byFilter = await s.downloader().start({ folder: other, filter: { search: 'o' } }).done
    expect(byFilter.files.map((f) => f.taskId).sort()).toEqual(['o1', 'o2', 'other'])
    const none = await s.downloader().start({ folder: path.join(s.target, 'none'), filter: { search: 'zzz' } }).done
    expect(none.files).toEqual([])
  })

  it('chosen images: only those of each task are fetched, the rest of the task is left alone', async () => {
    const s = await setup([finishedTask('g1', 3), finishedTask('g2', 2)])
    await s.seed('g1', 'g2')
    const report = await s.downloader().start({ folder: s.target, images: [{ taskId: 'g1', index: 0 }, { taskId: 'g1', index: 2 }, { taskId: 'g2', index: 1 }, { taskId: 'g2', index: 7 }] }).done
    expect(report.downloaded).toBe(3)
    expect(listFiles(s.target).filter((f) => !f.startsWith('.') && f !== 'manifest.json')).toEqual(['g1_0.png', 'g1_2.png', 'g2_1.png'])
    expect(s.store.getTask('g1')!.images.map((i) => i.downloadState)).toEqual(['done', 'none', 'done'])
    expect(s.imageOutcomes('g1')).toHaveLength(2)
    for (const [id, i] of [['g1', 0], ['g1', 2], ['g2', 1]] as const) expect(fs.readFileSync(path.join(s.target, `${id}_${i}.png`)).equals(await s.sim.imageBytes(id, i))).toBe(true)
  })
})
