// A hostile page tries to make main spend memory and time (issue 11, item 10): payloads too large or too deep to
// be worth a schema's walk, more task ids than any request needs, and download batches without end. Each is
// refused with a clear typed error, quickly, and the app keeps working.
import { test, expect } from '@playwright/test'
import { randomUUID } from 'node:crypto'
import { expectCleanError, useBridgeEnv, type PageGlobals } from './fixtures'

const env = useBridgeEnv({ presetCredentials: true })
const NEVER = randomUUID() // a task that never finishes: batches that wait for it stay open
const DONE = randomUUID()

async function refused(channel: string, arg: unknown, code: string): Promise<string> {
  const e = env()
  const r = await e.invokeAny(channel, arg)
  return expectCleanError(r, e.sim.secret).code === code ? code : JSON.stringify(r).slice(0, 300)
}

test.beforeAll(() => {
  env().sim.addTask({ id: NEVER, lifecycle: [{ status: 'running' }, { status: 'finished', afterQueries: 1_000_000 }] })
  env().sim.addTask({ id: DONE, images: 1 })
})

test('payloads too large or too deep are refused before any schema looks at them', async () => {
  const e = env()
  const started = Date.now()
  const wide = Array.from({ length: 100_000 }, () => 0)
  expect(await refused('tasks:remove', { taskIds: wide }, 'PAYLOAD_TOO_LARGE')).toBe('PAYLOAD_TOO_LARGE')
  // built in the page: too deep for the test runner's own serialisation
  const deep = await e.page.evaluate(() => {
    let v: unknown = { taskId: 'x' }
    for (let i = 0; i < 5000; i++) v = { taskId: v }
    return (globalThis as unknown as PageGlobals).api.invoke('tasks:get', v as never)
  })
  expect(expectCleanError(deep, e.sim.secret).code).toBe('PAYLOAD_TOO_LARGE')
  const keys = Object.fromEntries(Array.from({ length: 30_000 }, (_, i) => [`k${i}`, i]))
  expect(await refused('settings:update', keys, 'PAYLOAD_TOO_LARGE')).toBe('PAYLOAD_TOO_LARGE')
  expect(Date.now() - started).toBeLessThan(20_000)
  // merely too long still names the field
  expect(await refused('tasks:add', { text: 'a'.repeat(2_500_000) }, 'INVALID_PAYLOAD')).toBe('INVALID_PAYLOAD')
})

test('at most 10,000 task ids per request: add, remove, download', async () => {
  const e = env()
  const ids = Array.from({ length: 10_001 }, () => randomUUID())
  expect(await refused('tasks:add', { text: ids.join('\n') }, 'TOO_MANY_IDS')).toBe('TOO_MANY_IDS')
  expect((await e.value('tasks:counts')).total).toBe(0)
  expect(await refused('tasks:remove', { taskIds: ids }, 'INVALID_PAYLOAD')).toBe('INVALID_PAYLOAD')
  const folder = await e.chosenDir('many')
  expect(await refused('downloads:start', { folder, taskIds: ids }, 'INVALID_PAYLOAD')).toBe('INVALID_PAYLOAD')
  // exactly the limit is fine
  expect(await e.value('tasks:remove', { taskIds: ids.slice(0, 10_000) })).toEqual({ removed: 0 })
})

test('at most 32 download batches running or waiting; once some end, new ones start again', async () => {
  const e = env()
  await e.recordEvents()
  await e.value('tasks:add', { text: `${NEVER}\n${DONE}` })
  await e.waitForEvent('task:updated', (t) => t.taskId === DONE && t.displayStatus === 'finished')
  const folder = await e.chosenDir('waiting')
  const batches: string[] = []
  for (let i = 0; i < 32; i++) batches.push((await e.value('downloads:start', { folder, taskIds: [NEVER], waitForUnfinished: true })).batchId)
  const over = expectCleanError(await e.invokeAny('downloads:start', { folder, taskIds: [DONE] }), e.sim.secret)
  expect(over).toMatchObject({ kind: 'unavailable', code: 'TOO_MANY_BATCHES', retryable: true })
  for (const batchId of batches.slice(0, 2)) expect(await e.value('downloads:cancel', { batchId })).toEqual({ cancelled: true })
  await expect.poll(async () => (await e.value('downloads:status')).filter((b) => b.state === 'running').length).toBe(30)
  const { batchId } = await e.value('downloads:start', { folder, taskIds: [DONE] })
  expect(await e.waitForEvent('download:done', (p) => p.batchId === batchId)).toMatchObject({ state: 'done', downloaded: 1 })
  for (const id of batches.slice(2)) await e.value('downloads:cancel', { batchId: id })
  expect(e.pageErrors).toEqual([])
})
