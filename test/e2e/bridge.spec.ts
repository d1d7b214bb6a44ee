// The IPC bridge end to end: every channel of the contract invoked from Chromium through window.api (the harness's
// stand-in for the preload), against the real handler table, real services on a temp data folder, the real
// keyring (scripts/with-keyring.sh), the Aidge simulator and real files. The tests run in order and build on each
// other: credentials, then tasks that finish, then downloads and media of those tasks.
import { test, expect } from '@playwright/test'
import { randomUUID } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { CHANNELS, type TaskDetail } from '../../src/shared/ipc'
import { expectCleanError, useBridgeEnv, type PageGlobals } from './fixtures'
import { makePhoto } from '../submit/photos'

const env = useBridgeEnv()

// Vendor-shaped (UUID) task ids; the simulator knows them, the app learns them from pasted text.
const A = randomUUID() // 2 images (PNG + JPEG), finished after 3 queries
const B = randomUUID() // 1 image, running then finished
const C = randomUUID() // fails
const D = randomUUID() // 1 image, added later; its download is stalled and cancelled
const WRONG_SECRET = 'WrongSecretWrongSecretWrongSecret'

test.beforeAll(() => {
  const { sim } = env()
  sim.addTask({ id: A, images: [{ format: 'png', width: 600, height: 900 }, { format: 'jpeg', width: 400, height: 600 }] })
  sim.addTask({ id: B, lifecycle: [{ status: 'running' }, { status: 'finished', afterQueries: 2 }], images: [{ format: 'png', width: 300, height: 300 }] })
  sim.addTask({ id: C, finalStatus: 'failed', failMessage: 'model failed: no person in the photo' })
  sim.addTask({ id: D, images: [{ format: 'png', width: 320, height: 480, bytes: 400_000 }] })
})

/** Loads a URL in the page as an <img> and returns its decoded size (throws when it does not decode). */
async function decodeInPage(url: string): Promise<{ width: number; height: number }> {
  return env().page.evaluate(async (src) => {
    const doc = (globalThis as unknown as { document: { createElement(tag: 'img'): { src: string; decode(): Promise<void>; naturalWidth: number; naturalHeight: number } } }).document
    const img = doc.createElement('img')
    img.src = src
    await img.decode()
    return { width: img.naturalWidth, height: img.naturalHeight }
  }, url)
}

test('app:info and settings: read, update, and a bad patch named field by field', async () => {
  const e = env()
  // the harness reports no OS language unless started with one (test/ui/language.spec.ts)
  expect(await e.value('app:info')).toEqual({ name: 'Aidge Task Desk', version: '0.0.0-harness', dataDir: e.dataDir, languages: [] })
  // a sound history at start: nothing to tell (test/ui/damaged.spec.ts covers the notices)
  expect(await e.value('app:notices')).toEqual([])

  const settings = await e.value('settings:get')
  expect(settings).toMatchObject({ region: 'global', endpoint: e.sim.url, theme: 'system', downloads: { filenameTemplate: '{taskId}_{index}.{ext}' } })

  const updated = await e.value('settings:update', { theme: 'dark', downloads: { concurrency: 4 } })
  expect(updated.theme).toBe('dark')
  expect(updated.downloads).toEqual({ ...settings.downloads, concurrency: 4 })
  expect(await e.value('settings:get')).toEqual(updated)
  // saved in the data folder's database, not only in memory
  expect(e.services.settings.get()).toMatchObject({ theme: 'dark', downloads: { concurrency: 4 } })

  const badQps = await e.failure('settings:update', { polling: { maxQps: 0 } })
  expect(badQps).toMatchObject({ kind: 'invalidInput', code: 'INVALID_PAYLOAD' })
  expect(badQps.message).toContain('polling.maxQps')
  const badTheme = expectCleanError(await e.invokeAny('settings:update', { theme: 'neon' }), e.sim.secret)
  expect(badTheme.message).toContain('theme')
  const badEndpoint = await e.failure('settings:update', { endpoint: 'ftp://example.com' })
  expect(badEndpoint).toMatchObject({ kind: 'invalidInput', code: 'INVALID_ENDPOINT' })
  expect(badEndpoint.message).toMatch(/http/)
  const badTemplate = await e.failure('settings:update', { downloads: { filenameTemplate: '{taskId}_{nope}.{ext}' } })
  expect(badTemplate.kind).toBe('invalidInput')
  expect(badTemplate.message).toContain('{nope}')
  // nothing of the refused patches was saved
  expect(await e.value('settings:get')).toEqual(updated)
})

test('credentials: set in the real keyring, tested against the simulator (auth, region, quota, clock), cleared', async () => {
  const e = env()
  const { sim } = e
  const persistent = e.keyring.backend === 'keychain'
  expect(await e.value('credentials:status')).toMatchObject({ configured: false, accessKeyName: null, backend: e.keyring.backend, persistent })

  expect(await e.value('credentials:test')).toMatchObject({ ok: false, problem: 'auth' })

  // a wrong secret: the gateway refuses the signature
  const wrong = await e.value('credentials:set', { accessKeyName: sim.accessKeyName, secret: WRONG_SECRET })
  expect(wrong).toMatchObject({ configured: true, accessKeyName: sim.accessKeyName })
  expect(JSON.stringify(wrong)).not.toContain(WRONG_SECRET)
  const refused = await e.value('credentials:test')
  expect(refused).toMatchObject({ ok: false, problem: 'auth' })
  expect(refused.message).not.toContain(WRONG_SECRET)

  // a key name the gateway does not know: most likely a key of the other site
  await e.value('credentials:set', { accessKeyName: '999999', secret: sim.secret })
  expect(await e.value('credentials:test')).toMatchObject({ ok: false, problem: 'region' })

  // the right key
  const right = await e.value('credentials:set', { accessKeyName: sim.accessKeyName, secret: sim.secret })
  expect(right).toMatchObject({ configured: true, accessKeyName: sim.accessKeyName, persistent })
  expect(JSON.stringify(right)).not.toContain(sim.secret)
  const ok = await e.value('credentials:test')
  expect(ok).toMatchObject({ ok: true, problem: 'none' })
  expect(ok.message).not.toContain(sim.secret)
  if (persistent) {
    // the next start of the app finds them in the keyring
    expect(await (await e.reopenCredentials()).get()).toEqual({ accessKeyName: sim.accessKeyName, secret: sim.secret })
  }

  sim.configure({ quota: 'exhausted' })
  try {
    expect(await e.value('credentials:test')).toMatchObject({ ok: false, problem: 'quota' })
  } finally {
    sim.configure({ quota: 'ok' })
  }

  // the gateway's clock is two hours ahead of this computer's
  e.simClock.offsetMs = 2 * 3_600_000
  try {
    const clock = await e.value('credentials:test')
    expect(clock).toMatchObject({ ok: false, problem: 'clock' })
    expect(clock.message).toMatch(/clock|timestamp/i)
  } finally {
    e.simClock.offsetMs = 0
  }
  expect(await e.value('credentials:test')).toMatchObject({ ok: true, problem: 'none' })

  const invalid = await e.failure('credentials:set', { accessKeyName: sim.accessKeyName, secret: 'line\nbreak-secret' })
  expect(invalid).toMatchObject({ kind: 'invalidInput', code: 'CREDENTIALS_INVALID' })
  expect(invalid.message).not.toContain('break-secret')

  const cleared = await e.value('credentials:clear')
  expect(cleared).toMatchObject({ configured: false, accessKeyName: null })
  if (persistent) expect(await (await e.reopenCredentials()).get()).toBeNull()
  expect(await e.value('credentials:test')).toMatchObject({ ok: false, problem: 'auth' })

  // set again for the rest of the file
  await e.value('credentials:set', { accessKeyName: sim.accessKeyName, secret: sim.secret })
  expect(await e.value('credentials:status')).toMatchObject({ configured: true, accessKeyName: sim.accessKeyName })
})

test('tasks:add from messy text while paused; tracking resumes and task:updated / tracking:state reach the page', async () => {
  const e = env()
  await e.recordEvents()

  const paused = await e.value('tracking:pause')
  expect(paused.mode).toBe('paused')
  await e.waitForEvent('tracking:state', (s) => s.mode === 'paused')

  const messy = [
    'Batch of 2024-05-01 (ops ticket 12345678):',
    `  1. ${A} - submitted`,
    `  2. ${B.toUpperCase()}, ${C}`,
    `  {"taskId":"${A}","note":"pasted twice"}`,
    `  retry: ${B}`
  ].join('\n')
  const added = await e.value('tasks:add', { text: messy })
  expect(added).toEqual({ added: [A, B, C], existing: [], duplicates: 2 })

  // paused: tracked, but not one query was made
  expect(await e.value('tracking:status')).toMatchObject({ mode: 'paused', activeTasks: 3 })
  const queued = await e.value('tasks:list', { limit: 10 })
  expect(queued.total).toBe(3)
  expect(queued.rows.map((r) => r.displayStatus)).toEqual(['queued', 'queued', 'queued'])
  expect(e.sim.stats().callsByTask[A]).toBeUndefined()

  expect(await e.value('tasks:add', { text: `${A}\n${D}\n` })).toEqual({ added: [D], existing: [A], duplicates: 0 })
  const none = await e.failure('tasks:add', { text: 'nothing that looks like a task id here' })
  expect(none).toMatchObject({ kind: 'invalidInput', code: 'NO_IDS' })

  expect((await e.value('tracking:resume')).mode).toBe('running')
  for (const id of [A, B, D]) await e.waitForEvent('task:updated', (t) => t.taskId === id && t.displayStatus === 'finished' && t.tracking === 'done')
  const failed = await e.waitForEvent('task:updated', (t) => t.taskId === C && t.displayStatus === 'failed')
  expect(failed.message).toContain('model failed')
  await e.waitForEvent('tracking:state', (s) => s.mode === 'running')
  await e.waitForEvent('tracking:state', (s) => s.mode === 'idle' && s.activeTasks === 0)
  expect(await e.value('tracking:status')).toEqual({ mode: 'idle', activeTasks: 0, resumeAt: null, problem: null })

  // the page saw B go through 'running' on its way
  const bStates = (await e.events('task:updated')).filter((t) => t.taskId === B).map((t) => t.displayStatus)
  expect(bStates).toContain('running')
})

test('tasks:list / counts / get / requery / remove / clearFinished on the finished tasks', async () => {
  const e = env()
  expect(await e.value('tasks:counts')).toEqual({ byStatus: { finished: 3, failed: 1 }, total: 4 })

  const page1 = await e.value('tasks:list', { limit: 2 })
  expect(page1.total).toBe(4)
  expect(page1.rows).toHaveLength(2)
  const page2 = await e.value('tasks:list', { limit: 2, offset: 2 })
  expect(new Set([...page1.rows, ...page2.rows].map((r) => r.taskId))).toEqual(new Set([A, B, C, D]))
  expect((await e.value('tasks:list', { limit: 10, status: 'failed' })).rows.map((r) => r.taskId)).toEqual([C])
  expect((await e.value('tasks:list', { limit: 10, status: ['finished'], sort: 'finishedDesc' })).total).toBe(3)
  expect((await e.value('tasks:list', { limit: 10, search: 'NO PERSON' })).rows.map((r) => r.taskId)).toEqual([C])
  expect((await e.value('tasks:list', { limit: 10, search: A.slice(0, 13) })).rows.map((r) => r.taskId)).toEqual([A])

  // the gallery's reads: the tasks with images (not the failed one), their image counts in the list's order
  const layout = await e.value('gallery:layout', { sort: 'addedAsc' })
  const gallery = await e.value('gallery:tasks', { sort: 'addedAsc', limit: 10 })
  expect(gallery.tasks.map((t) => t.taskId)).toEqual([A, B, D])
  expect(layout).toEqual({ counts: [2, 1, 1], total: 4 })
  expect(gallery.tasks.map((t) => [t.images.length, t.hasInput])).toEqual([
    [2, false],
    [1, false],
    [1, false]
  ])
  expect((await e.value('gallery:tasks', { sort: 'addedAsc', limit: 1, offset: 2 })).tasks.map((t) => t.taskId)).toEqual([D])
  expect(await e.failure('gallery:tasks', { limit: 5000 })).toMatchObject({ kind: 'invalidInput', code: 'INVALID_PAYLOAD' })

  const detail = (await e.value('tasks:get', { taskId: A })) as TaskDetail
  expect(detail).toMatchObject({ taskId: A, status: 'finished', displayStatus: 'finished', imageCount: 2, imagesDownloaded: 0 })
  expect(detail.images.map((i) => [i.index, i.downloadState])).toEqual([
    [0, 'none'],
    [1, 'none']
  ])
  expect(typeof detail.lastResponse).toBe('string')
  expect(detail.lastResponse).toContain(A)
  expect(await e.value('tasks:get', { taskId: randomUUID() })).toBeNull()

  const callsBefore = e.sim.stats().callsByTask[A] ?? 0
  const requeried = await e.value('tasks:requery', { taskId: A })
  expect(requeried).toMatchObject({ taskId: A, status: 'finished', queryCount: detail.queryCount + 1 })
  expect(e.sim.stats().callsByTask[A]).toBe(callsBefore + 1)
  expect(await e.failure('tasks:requery', { taskId: randomUUID() })).toMatchObject({ kind: 'notFound', code: 'NOT_FOUND' })

  expect(await e.value('tasks:remove', { taskIds: [C, randomUUID()] })).toEqual({ removed: 1 })
  expect(await e.value('tasks:get', { taskId: C })).toBeNull()
  expect(await e.value('tasks:counts')).toEqual({ byStatus: { finished: 3 }, total: 3 })

  // everything finished a moment ago: nothing is older than a day
  expect(await e.value('tasks:clearFinished', { olderThanDays: 1 })).toEqual({ removed: 0 })
  expect((await e.value('tasks:counts')).total).toBe(3)
})

test('tasks:export writes CSV and JSON through the save dialog, nothing when the dialog is cancelled', async () => {
  const e = env()
  const exports = e.dir('exports')
  const csvPath = join(exports, 'aidge tasks.csv')
  expect(await e.exportTo(csvPath, { format: 'csv' })).toEqual({ path: csvPath, count: 3 })
  const csv = readFileSync(csvPath, 'utf8')
  const lines = csv.trimEnd().split('\r\n')
  expect(lines[0]).toBe('taskId,status,message,addedAt,finishedAt,lastQueriedAt,requestId,imageCount,imageUrls,errorKind,errorCode,errorMessage')
  expect(lines).toHaveLength(4)
  for (const id of [A, B, D]) expect(lines.some((l) => l.startsWith(`${id},finished,`))).toBe(true)
  expect(csv).toContain('http://127.0.0.1') // the image URLs, without their signature
  expect(csv).not.toContain('Signature=')
  expect(readdirSync(exports)).toEqual(['aidge tasks.csv']) // no temp file left next to it

  const jsonPath = join(exports, 'tasks.json')
  expect(await e.exportTo(jsonPath, { format: 'json', filter: { search: A } })).toEqual({ path: jsonPath, count: 1 })
  const records = JSON.parse(readFileSync(jsonPath, 'utf8')) as Array<{ taskId: string; images: Array<{ url: string }> }>
  expect(records.map((r) => r.taskId)).toEqual([A])
  expect(records[0]?.images).toHaveLength(2)
  expect(JSON.stringify(records)).not.toContain('Signature=')

  expect(await e.exportTo(null, { format: 'csv' })).toEqual({ path: null, count: 0 })
  expect(readdirSync(exports).sort()).toEqual(['aidge tasks.csv', 'tasks.json'])
})

test('downloads: a folder chosen in the dialog, progress and done events, files identical to the served images', async () => {
  const e = env()
  const folder = e.dir('downloads')
  e.harness.dialogs.nextFolder = folder
  expect(await e.value('shell:chooseFolder', { defaultPath: e.root })).toEqual({ path: folder })
  e.harness.dialogs.nextFolder = null
  expect(await e.value('shell:chooseFolder', {})).toEqual({ path: null })

  const { batchId } = await e.value('downloads:start', { folder, taskIds: [A, B] })
  expect(batchId).toMatch(/^[0-9a-f-]{36}$/)
  const done = await e.waitForEvent('download:done', (p) => p.batchId === batchId)
  expect(done).toMatchObject({ folder, state: 'done', downloaded: 3, failed: 0, filesTotal: 3, failures: [], etaMs: null })
  expect((await e.events('download:progress')).some((p) => p.batchId === batchId)).toBe(true)

  expect(readdirSync(folder).sort()).toEqual([`${A}_0.png`, `${A}_1.jpg`, `${B}_0.png`, 'manifest.json'].sort())
  for (const [id, index, name] of [
    [A, 0, `${A}_0.png`],
    [A, 1, `${A}_1.jpg`],
    [B, 0, `${B}_0.png`]
  ] as const) {
    expect(readFileSync(join(folder, name)).equals(await e.sim.imageBytes(id, index)), `${name} is byte-identical`).toBe(true)
  }
  expect(done.bytesReceived).toBeGreaterThan(0)

  const status = await e.value('downloads:status')
  expect(status).toContainEqual(expect.objectContaining({ batchId, state: 'done', downloaded: 3 }))
  // open folder: the batch's own folder, known to main; an unknown batch is not found
  expect(await e.value('shell:openFolder', { batchId })).toEqual({ opened: true })
  expect(e.harness.dialogs.openedFolders).toEqual([folder])
  expect(await e.failure('shell:openFolder', { batchId: 'no-such-batch' })).toMatchObject({ kind: 'notFound' })
  const a = (await e.value('tasks:get', { taskId: A })) as TaskDetail
  expect(a.imagesDownloaded).toBe(2)
  expect(a.images[0]).toMatchObject({ downloadState: 'done', localPath: join(folder, `${A}_0.png`) })

  // reveal: a downloaded file is shown in the file manager; an image never downloaded is not found
  expect(await e.value('shell:revealFile', { taskId: A, index: 0 })).toEqual({ revealed: true })
  expect(e.harness.dialogs.revealed).toEqual([join(folder, `${A}_0.png`)])
  expect(await e.failure('shell:revealFile', { taskId: D, index: 0 })).toMatchObject({ kind: 'notFound' })
  expect(await e.failure('shell:revealFile', { taskId: A, index: 5 })).toMatchObject({ kind: 'notFound' })
  expect(e.harness.dialogs.revealed).toHaveLength(1)
})

test('downloads:cancel: an unknown batch is not cancelled; a stalled one is, and says so', async () => {
  const e = env()
  expect(await e.value('downloads:cancel', { batchId: 'no-such-batch' })).toEqual({ cancelled: false })

  const stalledFolder = await e.chosenDir('stalled')
  const fault = e.sim.fault({ kind: 'imageStall', taskId: D })
  try {
    const { batchId } = await e.value('downloads:start', { folder: stalledFolder, taskIds: [D] })
    // the image is on the wire (half of it arrived) and then nothing comes
    await expect
      .poll(async () => (await e.value('downloads:status')).find((s) => s.batchId === batchId)?.bytesReceived ?? 0, { timeout: 10_000 })
      .toBeGreaterThan(0)
    expect((await e.value('downloads:status')).find((s) => s.batchId === batchId)).toMatchObject({ state: 'running', downloaded: 0, filesTotal: 1 })
    expect(await e.value('downloads:cancel', { batchId })).toEqual({ cancelled: true })
    const done = await e.waitForEvent('download:done', (p) => p.batchId === batchId)
    expect(done).toMatchObject({ state: 'cancelled', downloaded: 0 })
    expect(await e.value('downloads:cancel', { batchId })).toEqual({ cancelled: false })
    expect(existsSync(join(stalledFolder, `${D}_0.png`))).toBe(false)
    expect(((await e.value('tasks:get', { taskId: D })) as TaskDetail).images[0]?.downloadState).not.toBe('done')
  } finally {
    e.sim.clearFaults(fault)
  }
})

test('media:url gives URLs the page can load: thumbnails and full images decode', async () => {
  const e = env()
  const thumb = await e.value('media:url', { taskId: A, index: 0, kind: 'thumb' })
  const thumbSize = await decodeInPage(thumb.url)
  expect(thumbSize.width).toBeGreaterThan(0)
  expect(Math.max(thumbSize.width, thumbSize.height)).toBeLessThanOrEqual(256)
  expect(thumbSize.width / thumbSize.height).toBeCloseTo(600 / 900, 1)

  // a downloaded image is served from the download folder
  expect(await decodeInPage((await e.value('media:url', { taskId: A, index: 1, kind: 'full' })).url)).toEqual({ width: 400, height: 600 })
  // one never downloaded is fetched into the image cache first
  expect(await decodeInPage((await e.value('media:url', { taskId: D, index: 0, kind: 'full' })).url)).toEqual({ width: 320, height: 480 })
  expect(await decodeInPage((await e.value('media:url', { taskId: B, index: 0, kind: 'thumb' })).url)).toEqual({ width: 256, height: 256 })

  const fetched = await e.page.evaluate(async (src) => {
    const r = await fetch(src)
    return { status: r.status, type: r.headers.get('content-type') }
  }, thumb.url)
  expect(fetched).toEqual({ status: 200, type: 'image/webp' })

  expect(await e.failure('media:url', { taskId: A, index: 9, kind: 'full' })).toMatchObject({ kind: 'notFound' })
  expect(await e.failure('media:url', { taskId: randomUUID(), index: 0, kind: 'thumb' })).toMatchObject({ kind: 'notFound' })
})

test('shell:openExternal opens https links only (and only allowed hosts: test/e2e/externalLinks.spec.ts)', async () => {
  const e = env()
  expect(await e.value('shell:openExternal', { url: 'https://www.aidge.com/documentation?q=1' })).toEqual({ opened: true })
  expect(e.harness.dialogs.opened).toEqual(['https://www.aidge.com/documentation?q=1'])
  for (const url of ['http://example.com/', 'javascript:alert(1)', 'file:///etc/passwd']) {
    expect(await e.failure('shell:openExternal', { url }), url).toMatchObject({ kind: 'forbidden', code: 'HTTPS_ONLY' })
  }
  expect(await e.failure('shell:openExternal', { url: 'not a url' })).toMatchObject({ kind: 'forbidden', code: 'NOT_A_URL' })
  expect(e.harness.dialogs.opened).toHaveLength(1)
})

test('submit: photos only from the dialog or a drop, checked, submitted once, linked to their task; the balance', async () => {
  const e = env()
  const dir = e.dir('garments')
  const photo = join(dir, 'shirt.jpg')
  writeFileSync(photo, await makePhoto({ seed: 501 }))
  writeFileSync(join(dir, 'tiny.png'), await makePhoto({ seed: 502, width: 300, height: 300, format: 'png' }))
  e.harness.dialogs.nextPhotos = [photo]
  const chosen = await e.value('submit:choosePhotos', { kind: 'files' })
  expect(chosen.photos).toEqual([expect.objectContaining({ input: photo, name: 'shirt.jpg', problem: null, width: 640, height: 800, thumbnail: expect.stringMatching(/^data:image\/jpeg;base64,/) })])
  e.harness.dialogs.nextPhotos = [dir]
  const folder = await e.value('submit:choosePhotos', { kind: 'folder' })
  expect(folder.photos.map((p) => [p.name, p.problem?.code ?? null])).toEqual([
    ['shirt.jpg', null],
    ['tiny.png', 'TOO_SMALL']
  ])
  e.harness.dialogs.nextPhotos = []
  const dropped = await e.value('submit:addDropped', { name: 'dropped.jpg', base64: (await makePhoto({ seed: 503 })).toString('base64') })
  expect(dropped).toMatchObject({ name: 'dropped.jpg', problem: null, input: expect.stringContaining(join(e.dataDir, 'inputs')) })

  const params = { model: 'WHITE', gender: 'FEMALE', age: 'YOUTH', bgStyle: 'room', dimension: '768', count: 1, keepBackground: false }
  expect(await e.failure('submit:start', { photos: [{ input: join(dir, '..', 'not-chosen.jpg'), params, fit: false }], again: false })).toMatchObject({ kind: 'forbidden', code: 'PHOTO_NOT_CHOSEN' })
  expect(await e.failure('submit:start', { photos: [{ input: photo, params: { ...params, model: 'PINK' }, fit: false }], again: false })).toMatchObject({ kind: 'invalidInput', code: 'BAD_PARAMS' })
  const started = await e.value('submit:start', { photos: [{ input: photo, params, fit: false }, { input: dropped.input, params, fit: false }], again: false })
  expect(started.submissions.map((r) => r.state)).toEqual(['pending', 'pending'])
  await expect.poll(async () => (await e.value('submit:list')).filter((r) => r.state === 'submitted').length, { timeout: 20_000 }).toBe(2)
  const row = (await e.value('submit:list')).find((r) => r.input === photo)!
  const detail = await e.value('tasks:get', { taskId: row.taskId! })
  expect(detail?.input).toMatchObject({ input: photo, params, thumbnail: expect.stringMatching(/^data:image\/jpeg;base64,/) })
  expect(await e.failure('submit:resolveUnknown', { id: row.id, taskId: row.taskId! })).toMatchObject({ kind: 'notFound', code: 'NOT_UNKNOWN' })
  const balance = await e.value('submit:balance', { auto: false })
  expect(balance).toMatchObject({ apiPath: '/ai/virtual/model/generation/batch', balance: expect.any(Number) })
  // out of the way of the next test, which counts the history's tasks
  const created = (await e.value('submit:list')).map((r) => r.taskId!)
  expect(await e.value('tasks:remove', { taskIds: created })).toEqual({ removed: 2 })
})

test('clearFinished removes finished tasks; every channel of the contract was exercised', async () => {
  const e = env()
  expect(await e.value('tasks:clearFinished', { olderThanDays: 0 })).toEqual({ removed: 3 })
  expect(await e.value('tasks:counts')).toEqual({ byStatus: {}, total: 0 })
  // the user's downloaded files stay where they are
  expect(existsSync(join(e.root, 'downloads', `${A}_0.png`))).toBe(true)

  expect([...e.exercised].sort()).toEqual([...CHANNELS].sort())
  expect(e.pageErrors).toEqual([])
  expect(await e.page.evaluate(() => Object.isFrozen((globalThis as unknown as PageGlobals).api))).toBe(true)
})
