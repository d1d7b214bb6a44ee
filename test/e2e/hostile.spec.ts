// A hostile renderer: a page that ignores the contract's types and the preload's checks and sends whatever it
// likes. Every such request must come back as a clear typed error ({ ok: false, error: { kind, code, message } })
// without a stack, the secret or any file's contents, and nothing else may happen: the history, the settings, the
// files and the dialogs stay as they were, and the app keeps working afterwards.
import { test, expect } from '@playwright/test'
import { randomUUID } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join, relative, resolve } from 'node:path'
import type { IpcError } from '../../src/shared/ipc'
import { expectCleanError, useBridgeEnv, type BridgeEnv, type PageGlobals } from './fixtures'

const env = useBridgeEnv({ presetCredentials: true })

const T = randomUUID() // a finished task with one downloaded image: the legitimate target next to the attacks
const LATER = randomUUID() // added after the attacks, to show the app still works
const PASSWD = /root:x?:0:0:/
const LONG_ID = 'x'.repeat(10_000)

/** Every result a hostile request got, for the final checks. */
const answers: unknown[] = []

async function attack(channel: string, ...args: unknown[]): Promise<IpcError> {
  const e = env()
  const r = await e.invokeAny(channel, ...args)
  answers.push(r)
  return expectCleanError(r, e.sim.secret)
}

/** POSTs a raw body straight to the harness's invoke endpoint (what a page could do without window.api). */
async function attackRaw(channel: string, body: string): Promise<IpcError> {
  const e = env()
  const r = await e.fetchInPage(`/__harness/invoke/${encodeURIComponent(channel)}`, { method: 'POST', body })
  expect(r.status, `${channel} ${body.slice(0, 60)}`).toBe(200)
  const parsed: unknown = JSON.parse(r.text)
  answers.push(parsed)
  return expectCleanError(parsed, e.sim.secret)
}

/** A GET whose path no browser or URL parser has normalised first. */
function rawGet(origin: string, path: string): Promise<{ status: number; body: string }> {
  const u = new URL(origin)
  return new Promise((resolvePromise, reject) => {
    const req = request({ host: u.hostname, port: Number(u.port), path, method: 'GET' }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('latin1') }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

/** Every file under the temp folder outside the app's own data folder (database, image cache). */
function files(e: BridgeEnv): string[] {
  return readdirSync(e.root, { recursive: true, withFileTypes: true })
    .filter((d) => !d.isDirectory())
    .map((d) => relative(e.root, join(d.parentPath, d.name)))
    .filter((p) => !p.startsWith('data/'))
    .sort()
}

async function snapshot(e: BridgeEnv): Promise<unknown> {
  return {
    tasks: await e.value('tasks:list', { limit: 1000 }),
    counts: await e.value('tasks:counts'),
    settings: await e.value('settings:get'),
    credentials: await e.value('credentials:status'),
    tracking: await e.value('tracking:status'),
    downloads: (await e.value('downloads:status')).map((d) => [d.batchId, d.state, d.downloaded]),
    files: files(e),
    dialogs: JSON.parse(JSON.stringify(e.harness.dialogs)) as unknown,
    simCalls: e.sim.stats().calls
  }
}

let before: unknown

test.beforeAll(() => {
  env().sim.addTask({ id: T, images: [{ format: 'png', width: 200, height: 300 }] })
  env().sim.addTask({ id: LATER, images: 1 })
})

test('setup: a finished task, downloaded, with its thumbnail cached', async () => {
  const e = env()
  await e.recordEvents()
  expect(await e.value('tasks:add', { text: T })).toMatchObject({ added: [T] })
  await e.waitForEvent('task:updated', (t) => t.taskId === T && t.displayStatus === 'finished')
  const { batchId } = await e.value('downloads:start', { folder: await e.chosenDir('downloads'), taskIds: [T] })
  expect(await e.waitForEvent('download:done', (p) => p.batchId === batchId)).toMatchObject({ state: 'done', downloaded: 1 })
  const thumb = await e.value('media:url', { taskId: T, index: 0, kind: 'thumb' })
  expect((await e.fetchInPage(thumb.url, { token: null })).status).toBe(200)
  await expect.poll(async () => (await e.value('tracking:status')).mode).toBe('idle')
  before = await snapshot(e)
})

test('unknown channels are refused, through window.api and straight at the bridge', async () => {
  const e = env()
  for (const name of ['nope:x', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'APP:INFO', 'app:info ', '', 'ipc:app:info']) {
    expect(await attack(name), name).toMatchObject({ kind: 'forbidden', code: 'UNKNOWN_CHANNEL' })
  }
  for (const name of ['nope:x', '__proto__', 'constructor', 'valueOf', '__defineGetter__', '../app:info', 'app:info/../tasks:remove', 'x'.repeat(5000)]) {
    expect(await attackRaw(name, '[]'), name).toMatchObject({ kind: 'forbidden', code: 'UNKNOWN_CHANNEL' })
  }
  // a malformed escape in the channel name
  const malformed = await e.fetchInPage('/__harness/invoke/%E0%A4%A', { method: 'POST', body: '[]' })
  expect(malformed.status).toBe(200)
  expect(expectCleanError(JSON.parse(malformed.text), e.sim.secret)).toMatchObject({ code: 'UNKNOWN_CHANNEL' })
  // unknown events cannot be subscribed to, and window.api cannot be replaced
  const outcome = await e.page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals
    let onError = ''
    try {
      g.api.on('nope:event' as never, () => undefined)
    } catch (err) {
      onError = String(err)
    }
    const original = g.api
    try {
      Reflect.set(g, 'api', { hijacked: true })
    } catch {
      // strict mode would throw; either way it must not stick
    }
    return { onError, same: g.api === original }
  })
  expect(outcome).toEqual({ onError: expect.stringContaining('Unknown event'), same: true })
})

test('wrong argument counts and types get INVALID_PAYLOAD naming what is wrong', async () => {
  const cases: Array<[string, string, RegExp?]> = [
    ['app:info', '[1]', /payload/],
    ['tracking:pause', '[null]'],
    ['tasks:get', '[]', /payload/],
    ['tasks:get', `[{"taskId":"${T}"},2]`, /payload/],
    ['tasks:get', '{}', /tuple/],
    ['tasks:get', 'null'],
    ['tasks:get', '"x"'],
    ['tasks:get', 'not json at all'],
    ['tasks:get', ''],
    ['tasks:get', '[{"taskId":42}]', /taskId/],
    ['tasks:get', '[{"taskId":""}]', /taskId/],
    ['tasks:list', '[{"limit":"10"}]', /limit/],
    ['tasks:list', '[{"limit":0}]', /limit/],
    ['tasks:list', '[{"limit":1e9}]', /limit/],
    ['tasks:list', '[{"limit":10,"offset":-1}]', /offset/],
    ['tasks:list', '[{"limit":10,"status":[1,2]}]', /status/],
    ['tasks:clearFinished', '[{"olderThanDays":null}]', /olderThanDays/],
    ['tasks:clearFinished', '[{"olderThanDays":-1}]', /olderThanDays/],
    ['tasks:clearFinished', '[{"olderThanDays":"0"}]', /olderThanDays/],
    ['tasks:remove', '[{"taskIds":[]}]', /taskIds/],
    ['tasks:remove', '[{"taskIds":"abc"}]', /taskIds/],
    ['tasks:export', '[{"format":"xlsx"}]', /format/],
    ['downloads:cancel', '[{"batchId":123}]', /batchId/],
    ['downloads:start', `[{"taskIds":["${T}"]}]`, /folder/],
    ['media:url', `[{"taskId":"${T}","index":-1,"kind":"full"}]`, /index/],
    ['media:url', `[{"taskId":"${T}","index":1.5,"kind":"full"}]`, /index/],
    ['media:url', `[{"taskId":"${T}","index":"0","kind":"full"}]`, /index/],
    ['media:url', `[{"taskId":"${T}","index":0,"kind":"file"}]`, /kind/],
    ['shell:openExternal', '[{"url":""}]', /url/],
    ['shell:revealFile', `[{"taskId":"${T}"}]`, /index/],
    ['credentials:set', '[{"accessKeyName":"a"}]', /secret/],
    ['settings:update', '[{"polling":{"maxQps":"fast"}}]', /polling\.maxQps/],
    ['settings:update', '[{"downloads":{"concurrency":1000}}]', /downloads\.concurrency/],
    ['settings:update', '[[]]']
  ]
  for (const [channel, body, names] of cases) {
    const error = await attackRaw(channel, body)
    expect(error, `${channel} ${body}`).toMatchObject({ kind: 'invalidInput', code: 'INVALID_PAYLOAD' })
    if (names) expect(error.message, `${channel} ${body}`).toMatch(names)
  }
  // the same through window.api, arguments the types would not allow
  expect(await attack('tasks:get', { taskId: T }, { taskId: T })).toMatchObject({ code: 'INVALID_PAYLOAD' })
  expect(await attack('tasks:add')).toMatchObject({ code: 'INVALID_PAYLOAD' })
  expect(await attack('tasks:add', 'just a string')).toMatchObject({ code: 'INVALID_PAYLOAD' })
})

test('extra fields and prototype-pollution payloads are refused by the strict schemas', async () => {
  const e = env()
  for (const [channel, arg, key] of [
    ['tasks:get', { taskId: T, extra: 1 }, 'extra'],
    ['tasks:list', { limit: 1, sql: '1; DROP TABLE tasks' }, 'sql'],
    ['settings:update', { polling: { maxQps: 1, evil: true } }, 'evil'],
    ['credentials:set', { accessKeyName: 'a', secret: 'b', admin: true }, 'admin'],
    ['downloads:start', { folder: e.dir('extra'), taskIds: [T], overwrite: true }, 'overwrite'],
    ['shell:openExternal', { url: 'https://example.com', sandbox: false }, 'sandbox']
  ] as const) {
    const error = await attack(channel, arg)
    expect(error, channel).toMatchObject({ kind: 'invalidInput', code: 'INVALID_PAYLOAD' })
    expect(error.message).toContain(key)
  }
  // JSON.parse makes "__proto__" an own key: it must be refused, never merged
  for (const [channel, body] of [
    ['tasks:get', `[{"__proto__":{"polluted":"yes"},"taskId":"${T}"}]`],
    ['settings:update', '[{"__proto__":{"theme":"dark","polluted":"yes"}}]'],
    ['settings:update', '[{"constructor":{"prototype":{"polluted":"yes"}}}]'],
    ['settings:update', '[{"downloads":{"__proto__":{"folder":"/","polluted":"yes"}}}]'],
    ['tasks:export', '[{"format":"csv","__proto__":{"path":"/tmp/aidge-hostile.csv","polluted":"yes"}}]'],
    ['tasks:list', '[{"limit":5,"prototype":{"polluted":"yes"}}]']
  ] as const) {
    const error = await attackRaw(channel, body)
    expect(error, body).toMatchObject({ kind: 'invalidInput', code: 'INVALID_PAYLOAD' })
    expect(error.message).toMatch(/Unrecognized key/)
  }
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  expect(Object.prototype).not.toHaveProperty('polluted')
  expect(await e.page.evaluate(() => ({} as Record<string, unknown>)['polluted'])).toBeUndefined()
  expect(existsSync('/tmp/aidge-hostile.csv')).toBe(false)
  expect((await e.value('settings:get')).theme).toBe('system')
})

test('oversized strings: a 3 MB paste, a 10k-character task id, long secrets and paths', async () => {
  const e = env()
  const paste = `${randomUUID()}\n`.repeat(Math.ceil(3_000_000 / 37))
  expect(paste.length).toBeGreaterThan(3_000_000)
  const big = await attack('tasks:add', { text: paste })
  expect(big).toMatchObject({ kind: 'invalidInput', code: 'INVALID_PAYLOAD' })
  expect(big.message).toMatch(/text/)

  for (const [channel, arg] of [
    ['tasks:get', { taskId: LONG_ID }],
    ['tasks:requery', { taskId: LONG_ID }],
    ['tasks:remove', { taskIds: [T, LONG_ID] }],
    ['media:url', { taskId: LONG_ID, index: 0, kind: 'full' }],
    ['shell:revealFile', { taskId: LONG_ID, index: 0 }],
    ['downloads:start', { folder: e.dir('long'), taskIds: [LONG_ID] }],
    ['downloads:cancel', { batchId: LONG_ID }],
    ['credentials:set', { accessKeyName: 'key', secret: 's'.repeat(10_000) }],
    ['settings:update', { endpoint: `http://127.0.0.1/${'a'.repeat(10_000)}` }],
    ['tasks:export', { format: 'csv', path: `/tmp/${'a'.repeat(10_000)}.csv` }],
    ['shell:openExternal', { url: `https://example.com/${'a'.repeat(10_000)}` }],
    ['tasks:list', { limit: 10, search: 'a'.repeat(10_000) }]
  ] as const) {
    const error = await attack(channel, arg)
    expect(error, channel).toMatchObject({ kind: 'invalidInput', code: 'INVALID_PAYLOAD' })
    expect(error.message).not.toContain('x'.repeat(100))
    expect(error.message).not.toContain('a'.repeat(100))
    expect(error.message).not.toContain('s'.repeat(100))
  }
  // a body beyond what the bridge reads at all is turned away whole
  const huge = await attack('tasks:add', { text: 'y'.repeat(6_000_000) })
  expect(huge.kind).toBe('invalidInput')
  expect((await e.value('tasks:counts')).total).toBe(1)
})

test('path traversal in media requests never reaches a file', async () => {
  const e = env()
  const traversals = ['../../etc/passwd', '..\\..\\..\\etc\\passwd', '/etc/passwd', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', `${T}/../../../../etc/passwd`, '.', '..']
  for (const taskId of traversals) {
    for (const kind of ['thumb', 'full'] as const) {
      expect(await attack('media:url', { taskId, index: 0, kind }), taskId).toMatchObject({ kind: 'notFound' })
    }
    expect(await attack('shell:revealFile', { taskId, index: 0 }), taskId).toMatchObject({ kind: 'notFound' })
  }
  // an id with a NUL, a line break or a space is no task id (and "<id>\0" must never name <id>)
  for (const taskId of [`${T}\u0000`, `${T}\u0000/../../etc/passwd`, `${T}\n`, `${T} x`]) {
    expect(await attack('media:url', { taskId, index: 0, kind: 'full' }), JSON.stringify(taskId)).toMatchObject({ kind: 'invalidInput', code: 'INVALID_PAYLOAD' })
    expect(await attack('shell:revealFile', { taskId, index: 0 })).toMatchObject({ kind: 'invalidInput' })
    expect(await attack('tasks:remove', { taskIds: [taskId] })).toMatchObject({ kind: 'invalidInput' })
  }

  // straight at the media endpoint, with the page's token
  const encoded = (s: string): string => encodeURIComponent(s)
  const paths = [
    '/__media/thumb/..%2F..%2Fetc%2Fpasswd/0',
    '/__media/full/..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd/0',
    '/__media/full/%2Fetc%2Fpasswd/0',
    '/__media/full/..%252F..%252Fetc%252Fpasswd/0',
    '/__media/full/..%5C..%5Cetc%5Cpasswd/0',
    `/__media/full/${T}/0/..%2F..%2F..%2Fetc%2Fpasswd`,
    `/__media/full/${T}/-1`,
    `/__media/full/${T}/abc`,
    `/__media/full/${T}/`,
    `/__media/full/${T}/1e2`,
    `/__media/passwd/${T}/0`,
    `/__media/full/${encoded(join(e.root, 'downloads', `${T}_0.png`))}/0`,
    '/__media/full/%00/0',
    '/..%2F..%2F..%2F..%2Fetc%2Fpasswd',
    '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/assets/..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd'
  ]
  for (const path of paths) {
    const r = await e.fetchInPage(path, { tokenInQuery: true })
    expect([400, 403, 404], `${path} -> ${r.status}`).toContain(r.status)
    expect(r.text).not.toMatch(PASSWD)
    expect(r.text.length).toBeLessThan(300)
  }
  // paths no URL parser has normalised
  for (const path of [
    `/__media/full/../../../../../../etc/passwd?token=${e.harness.token}`,
    `/__media/full/${T}/../../../../../../../etc/passwd?token=${e.harness.token}`,
    '/../../../../../../etc/passwd',
    '/assets/../../../../../../etc/passwd',
    `/__media/full/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd/0?token=${e.harness.token}`
  ]) {
    const r = await rawGet(e.harness.origin, path)
    expect([400, 403, 404], `${path} -> ${r.status}`).toContain(r.status)
    expect(r.body).not.toMatch(PASSWD)
  }

  // the user's downloaded file swapped for a link to a system file: the link is not followed out
  const downloaded = join(e.root, 'downloads', `${T}_0.png`)
  const original = readFileSync(downloaded)
  rmSync(downloaded)
  symlinkSync('/etc/passwd', downloaded)
  try {
    const full = await e.value('media:url', { taskId: T, index: 0, kind: 'full' })
    const r = await e.fetchInPage(full.url, { token: null })
    expect(r.text).not.toMatch(PASSWD)
    expect([200, 403, 404]).toContain(r.status)
  } finally {
    rmSync(downloaded)
    writeFileSync(downloaded, original)
  }
})

test('requests without the token are refused: invoke, events, media', async () => {
  const e = env()
  const media = (await e.value('media:url', { taskId: T, index: 0, kind: 'thumb' })).url
  const mediaPath = media.split('?')[0] as string
  expect((await e.fetchInPage(media, { token: null })).status).toBe(200)

  for (const token of [null, 'wrong-token', '', e.harness.token.slice(0, -1)]) {
    const invoke = await e.fetchInPage('/__harness/invoke/tasks%3Aremove', { method: 'POST', body: JSON.stringify([{ taskIds: [T] }]), token })
    expect(invoke, `token ${token}`).toEqual({ status: 403, text: '' })
    const events = await e.fetchInPage('/__harness/events', { token })
    expect(events).toEqual({ status: 403, text: '' })
    const file = await e.fetchInPage(mediaPath, { token, tokenInQuery: true })
    expect(file).toEqual({ status: 403, text: '' })
  }
  expect((await rawGet(e.harness.origin, mediaPath)).status).toBe(403)
  expect((await rawGet(e.harness.origin, '/__harness/events')).status).toBe(403)
  expect(await e.value('tasks:get', { taskId: T })).not.toBeNull()
})

test('writes only where the user chose: relative paths, name templates and bad templates', async () => {
  const e = env()
  const cwd = process.cwd()
  // a relative path would land wherever the app happens to run
  expect(await attack('tasks:export', { format: 'csv', path: 'aidge-hostile-export.csv' })).toMatchObject({ kind: 'invalidInput' })
  expect(await attack('tasks:export', { format: 'csv', path: '../../aidge-hostile-export.csv' })).toMatchObject({ kind: 'invalidInput' })
  expect(await attack('downloads:start', { folder: 'aidge-hostile-downloads', taskIds: [T] })).toMatchObject({ kind: 'invalidInput' })
  expect(await attack('shell:chooseFolder', { defaultPath: '../..' })).toMatchObject({ kind: 'invalidInput' })
  expect(existsSync(resolve(cwd, 'aidge-hostile-export.csv'))).toBe(false)
  expect(existsSync(resolve(cwd, '../../aidge-hostile-export.csv'))).toBe(false)
  expect(existsSync(resolve(cwd, 'aidge-hostile-downloads'))).toBe(false)

  // an absolute path the user never chose in a dialog (here a folder that does not even exist): refused, no file
  const missing = join(e.root, 'no-such-folder', 'tasks.csv')
  expect(await attack('tasks:export', { format: 'csv', path: missing })).toMatchObject({ kind: 'forbidden', code: 'EXPORT_PATH_NOT_CHOSEN' })
  expect(await attack('downloads:start', { folder: e.dir('never-chosen'), taskIds: [T] })).toMatchObject({ kind: 'forbidden', code: 'FOLDER_NOT_CHOSEN' })
  expect(await attack('settings:update', { downloads: { folder: e.dir('never-chosen') } })).toMatchObject({ kind: 'forbidden', code: 'FOLDER_NOT_CHOSEN' })
  expect(readdirSync(join(e.root, 'never-chosen'))).toEqual([])
  expect(await attack('tasks:export', { format: 'csv', path: `${e.root}/a\u0000b.csv` })).toMatchObject({ kind: 'invalidInput' })
  expect(existsSync(join(e.root, 'no-such-folder'))).toBe(false)

  // an unknown template variable is the renderer's mistake, said as such
  const badTemplate = await attack('downloads:start', { folder: e.dir('bad-template'), taskIds: [T], template: '{taskId}/{secret}' })
  expect(badTemplate).toMatchObject({ kind: 'invalidInput', code: 'INVALID_TEMPLATE' })
  expect(readdirSync(join(e.root, 'bad-template'))).toEqual([])
})

test('a template that climbs out of the folder stays inside it', async () => {
  const e = env()
  const folder = await e.chosenDir('nested/tpl')
  const filesBefore = files(e)
  const { batchId } = await e.value('downloads:start', { folder, taskIds: [T], template: '../../../{taskId}/../../{index}.{ext}' })
  expect(await e.waitForEvent('download:done', (p) => p.batchId === batchId)).toMatchObject({ state: 'done', downloaded: 1 })
  const created = files(e).filter((f) => !filesBefore.includes(f))
  expect(created.length).toBeGreaterThan(0)
  for (const f of created) expect(f.startsWith('nested/tpl/'), f).toBe(true)
  // put back as it was for the comparison below: this batch was a legitimate request
  rmSync(join(e.root, 'nested'), { recursive: true, force: true })
  await e.value('downloads:start', { folder: join(e.root, 'downloads'), taskIds: [T] }).then(async ({ batchId: again }) => {
    await e.waitForEvent('download:done', (p) => p.batchId === again)
  })
})

test('afterwards: nothing changed, no secret or stack leaked, and the app still works', async () => {
  const e = env()
  const after = (await snapshot(e)) as { downloads: unknown[] }
  const was = before as { downloads: unknown[] }
  // the two legitimate batches of the template test are the only new downloads
  expect({ ...after, downloads: after.downloads.slice(0, was.downloads.length) }).toEqual(before)

  const all = JSON.stringify(answers)
  expect(answers.length).toBeGreaterThan(100)
  expect(all).not.toContain(e.sim.secret)
  expect(all).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/)
  expect(all).not.toMatch(PASSWD)

  expect(await e.value('app:info')).toMatchObject({ name: 'Aidge Task Desk' })
  expect(await e.value('tasks:add', { text: LATER })).toMatchObject({ added: [LATER] })
  await e.waitForEvent('task:updated', (t) => t.taskId === LATER && t.displayStatus === 'finished')
  const thumb = await e.value('media:url', { taskId: LATER, index: 0, kind: 'thumb' })
  expect((await e.fetchInPage(thumb.url, { token: null })).status).toBe(200)
  expect(e.pageErrors).toEqual([])
})
