// The submission service against the simulator over real HTTP, with a real SQLite journal: photos in, tasks in
// history and tracked; the same bytes never paid twice; each fault ends in the state its answer proves.
import { readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SUBMIT_API } from '../sim'
import { files, submitAndSettle, submitSetup, type SubmitSetup } from './helpers'
import { makePhoto, sha256, writePhotos } from './photos'

let s: SubmitSetup
beforeEach(async () => {
  s = await submitSetup()
})
afterEach(async () => {
  await s.cleanup()
})

describe('submitting photos', () => {
  it('creates one task per photo, puts it in history linked to its photo, and tracks it until finished', async () => {
    const photos = await writePhotos(s.photos, 3)
    const services = await s.open()
    const rows = await submitAndSettle(services, files(photos.map((p) => p.path), { count: 3 }))
    expect(rows.map((r) => r.state)).toEqual(['submitted', 'submitted', 'submitted'])
    for (const [i, r] of rows.entries()) {
      expect(r).toMatchObject({ input: photos[i]!.path, sha256: sha256(photos[i]!.bytes), attempts: 1, requestId: expect.any(String) })
      expect(services.history.getTask(r.taskId!)).not.toBeNull()
      expect(services.submissions.journal.forTask(r.taskId!)?.input).toBe(photos[i]!.path)
      expect(services.submissions.journal.thumbnailForTask(r.taskId!)?.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]))
    }
    expect(s.sim.stats().createdByInput).toEqual(Object.fromEntries(photos.map((p) => [sha256(p.bytes), 1])))
    // tracked right away: the poller brings each to finished with its count of images
    await new Promise<void>((resolve) => {
      const check = (): void => {
        if (rows.every((r) => services.history.getTask(r.taskId!)?.status === 'finished')) {
          services.scheduler.off('task:updated', check)
          resolve()
        }
      }
      services.scheduler.on('task:updated', check)
      check()
    })
    expect(services.history.getTask(rows[0]!.taskId!)?.images).toHaveLength(3)
  })

  it('accepts the id at data.taskId as well', async () => {
    s.sim.configure({ submitAnswer: 'flat' })
    const [photo] = await writePhotos(s.photos, 1)
    const [row] = await submitAndSettle(await s.open(), files([photo!.path]))
    expect(row).toMatchObject({ state: 'submitted', taskId: expect.any(String) })
    expect(s.sim.getTask(row!.taskId!)).toBeDefined()
  })

  it('never submits the same bytes with the same parameters twice unless asked again', async () => {
    const [photo] = await writePhotos(s.photos, 1)
    const copy = join(s.photos, 'copy-of-it.jpg')
    writeFileSync(copy, photo!.bytes)
    const services = await s.open()
    const [first] = await submitAndSettle(services, files([photo!.path]))
    const again = await submitAndSettle(services, files([photo!.path, copy]))
    expect(again.map((r) => [r.state, r.skipReason, r.taskId])).toEqual([
      ['skipped', 'already-submitted', first!.taskId],
      ['skipped', 'already-submitted', first!.taskId]
    ])
    // Other parameters are another job; `again` sends the same one once more.
    const other = await submitAndSettle(services, files([photo!.path], { model: 'BLACK' }))
    expect(other[0]!.state).toBe('submitted')
    const forced = await submitAndSettle(services, files([photo!.path], {}, { again: true }))
    expect(forced[0]!.state).toBe('submitted')
    expect(s.sim.stats().createdByInput[sha256(photo!.bytes)]).toBe(3)
  })

  it('checks locally before any call: type, bytes and pixels, naming the limit; fit brings a big photo in, the file untouched', async () => {
    const small = join(s.photos, 'small.jpg')
    writeFileSync(small, await makePhoto({ width: 500, height: 900 }))
    const huge = join(s.photos, 'huge.png')
    const hugeBytes = await makePhoto({ width: 3200, height: 1400, format: 'png' })
    writeFileSync(huge, hugeBytes)
    const gif = join(s.photos, 'shirt.jpg') // the name lies: the bytes are GIF
    writeFileSync(gif, await makePhoto({ format: 'gif' }))
    const heavy = join(s.photos, 'heavy.png')
    writeFileSync(heavy, await makePhoto({ width: 1400, height: 1100, noise: true, format: 'png' }))
    const services = await s.open()
    const rows = await submitAndSettle(services, files([small, huge, gif, heavy, join(s.photos, 'missing.jpg')]))
    expect(rows.map((r) => (r.error as { code: string }).code)).toEqual(['TOO_SMALL', 'TOO_LARGE', 'WRONG_TYPE', 'FILE_TOO_BIG', 'UNREADABLE'])
    expect(rows.map((r) => r.state)).toEqual(Array(5).fill('rejected'))
    expect(rows[0]!.error!.message).toContain('larger than 512x512')
    expect(rows[1]!.error!.message).toContain('smaller than 3000x3000')
    expect(rows[3]!.error!.message).toContain('4 MB')
    expect(s.sim.stats().submitCalls).toBe(0)

    const fitted = await submitAndSettle(services, files([small, huge, gif, heavy], {}, { fit: true }))
    expect(fitted.map((r) => r.state)).toEqual(['rejected', 'submitted', 'submitted', 'submitted'])
    expect(fitted.slice(1).every((r) => r.fitted)).toBe(true)
    expect(s.sim.stats().tasksCreated).toBe(3)
    expect(readFileSync(huge).equals(hugeBytes)).toBe(true)
  })
})

describe('faults: each photo ends in the state its answer proves', () => {
  it('700/701/1000/1001/1002 reject that photo only; nothing is sent again by itself', async () => {
    const photos = await writePhotos(s.photos, 5)
    photos.forEach((p, i) => s.sim.fault({ kind: 'business', resCode: [700, 701, 1000, 1001, 1002][i]!, apiPath: SUBMIT_API, input: sha256(p.bytes), times: 1 }))
    const rows = await submitAndSettle(await s.open(), files(photos.map((p) => p.path)))
    expect(rows.map((r) => [r.state, (r.error as { code: string }).code])).toEqual([
      ['rejected', '700'],
      ['rejected', '701'],
      ['rejected', '1000'],
      ['rejected', '1001'],
      ['rejected', '1002']
    ])
    expect(rows.every((r) => r.requestId !== null && r.attempts === 1)).toBe(true)
    expect(s.sim.stats()).toMatchObject({ submitCalls: 5, tasksCreated: 0 })
  })

  it('a rate limit (501, gateway limit) pauses and sends again: created once', async () => {
    const photos = await writePhotos(s.photos, 2)
    s.sim.fault({ kind: 'rateLimit501', apiPath: SUBMIT_API, times: 2 })
    s.sim.fault({ kind: 'gatewayCallLimit', apiPath: SUBMIT_API, times: 1 })
    const rows = await submitAndSettle(await s.open(), files(photos.map((p) => p.path)))
    expect(rows.map((r) => r.state)).toEqual(['submitted', 'submitted'])
    expect(rows.reduce((n, r) => n + r.attempts, 0)).toBe(5)
    expect(Object.values(s.sim.stats().createdByInput)).toEqual([1, 1])
  })

  it('a lost answer, a reset and a timeout become unknown with the request id when known, never sent again', async () => {
    const photos = await writePhotos(s.photos, 3)
    s.sim.fault({ kind: 'lostAnswer', apiPath: SUBMIT_API, input: sha256(photos[0]!.bytes) })
    s.sim.fault({ kind: 'connectionReset', apiPath: SUBMIT_API, input: sha256(photos[1]!.bytes) })
    s.sim.fault({ kind: 'http502Html', apiPath: SUBMIT_API, input: sha256(photos[2]!.bytes) })
    const services = await s.open()
    const rows = await submitAndSettle(services, files(photos.map((p) => p.path)))
    expect(rows.map((r) => r.state)).toEqual(['unknown', 'unknown', 'unknown'])
    expect(rows.every((r) => r.attempts === 1)).toBe(true)
    expect(s.sim.stats()).toMatchObject({ submitCalls: 3, tasksCreated: 1 })
    // Run again: still unknown, reported as such, not sent.
    const again = await submitAndSettle(services, files(photos.map((p) => p.path)))
    expect(again.map((r) => r.skipReason)).toEqual(['still-unknown', 'still-unknown', 'still-unknown'])
    expect(s.sim.stats().submitCalls).toBe(3)
    // The user found the task: the unknown row becomes submitted and the task enters history.
    const created = Object.keys(s.sim.stats().createdByInput)
    expect(created).toEqual([sha256(photos[0]!.bytes)])
    const taskId = s.sim.taskIds().at(-1)!
    expect(services.submissions.resolveUnknown(rows[0]!.id, taskId)?.state).toBe('submitted')
    expect(services.history.getTask(taskId)).not.toBeNull()
  })

  it('a timeout is unknown', async () => {
    const [photo] = await writePhotos(s.photos, 1)
    s.sim.fault({ kind: 'stallHeaders', apiPath: SUBMIT_API })
    const services = await s.open({ clientTimeouts: { headersMs: 300 } })
    const rows = await submitAndSettle(services, files([photo!.path]))
    expect(rows[0]).toMatchObject({ state: 'unknown', error: { code: 'UND_ERR_HEADERS_TIMEOUT' } })
    expect(s.sim.stats().submitCalls).toBe(1)
  })

  it('a quit while a call hangs waits a bounded time, then the call is unknown and the rest resumes on the next run', async () => {
    const photos = await writePhotos(s.photos, 3)
    s.sim.fault({ kind: 'stallHeaders', apiPath: SUBMIT_API, input: sha256(photos[0]!.bytes) })
    const services = await s.open({ submitOptions: { maxPerSecond: 50, maxInFlight: 1 } })
    const { rows } = services.submissions.submit(files(photos.map((p) => p.path)))
    await new Promise<void>((resolve) => services.submissions.queue.on('submission:updated', (r) => r.sendingSince !== null && resolve()))
    await services.submissions.queue.close(200)
    expect(services.submissions.journal.get(rows[0]!.id)).toMatchObject({ state: 'unknown', error: { kind: 'cancelled' } })
    expect(services.submissions.journal.get(rows[1]!.id)?.state).toBe('pending')
    await services.close()
    s.sim.clearFaults()
    const next = await s.open()
    const resumed = next.submissions.resume()
    expect(resumed.pending.map((r) => r.id)).toEqual([rows[1]!.id, rows[2]!.id])
    const done = await next.submissions.queue.settled(rows.map((r) => r.id))
    expect(done.map((r) => r.state)).toEqual(['unknown', 'submitted', 'submitted'])
    expect(s.sim.stats().submitCalls).toBe(3)
  })

  it('a refused connection is sent again: nothing left the machine', async () => {
    const [photo] = await writePhotos(s.photos, 1)
    // A port this test just had and let go: connections to it are refused (nothing else is ever contacted).
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const port = (server.address() as AddressInfo).port
    await new Promise<void>((resolve) => server.close(() => resolve()))
    const services = await s.open({ connection: { endpoint: `http://127.0.0.1:${port}` } })
    const rows = await submitAndSettle(services, files([photo!.path]))
    // every attempt retried after a pause, then rejected as not sent
    expect(rows[0]).toMatchObject({ state: 'rejected', attempts: 6, error: { code: 'ECONNREFUSED' } })
  })

  it('bad credentials and exhausted quota stop the batch: the rest is rejected without a call', async () => {
    const photos = await writePhotos(s.photos, 3)
    s.sim.configure({ quota: 'exhausted' })
    const rows = await submitAndSettle(await s.open({ submitOptions: { maxPerSecond: 50, maxInFlight: 1 } }), files(photos.map((p) => p.path)))
    expect(rows.map((r) => [r.state, (r.error as { kind: string }).kind])).toEqual([
      ['rejected', 'quota'],
      ['rejected', 'quota'],
      ['rejected', 'quota']
    ])
    expect(s.sim.stats().submitCalls).toBe(1)
  })

  it('three unknowns in a row stop the rest', async () => {
    const photos = await writePhotos(s.photos, 5)
    s.sim.fault({ kind: 'connectionReset', apiPath: SUBMIT_API })
    const rows = await submitAndSettle(await s.open({ submitOptions: { maxPerSecond: 50, maxInFlight: 1 } }), files(photos.map((p) => p.path)))
    expect(rows.map((r) => r.state)).toEqual(['unknown', 'unknown', 'unknown', 'rejected', 'rejected'])
    expect(rows[4]!.error).toMatchObject({ code: 'NOT_SENT' })
    expect(s.sim.stats().submitCalls).toBe(3)
  })
})
