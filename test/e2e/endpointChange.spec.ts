// A hostile page tries to move the app's signed calls to a server of its choosing (issue 11, item 1). The v2
// signature covers neither path nor body, so one captured signed call is enough to spend the user's quota: a change
// of host must wait for the user's answer in main's own dialog (played here by the harness's platform stand-in,
// since no Electron runs here), and until then the new host must not see a single connection. Two simulators on
// 127.0.0.1 play the current server and the page's server; they share the key, as a captured one would.
import { test, expect } from '@playwright/test'
import { randomUUID } from 'node:crypto'
import type { EndpointChange } from '../../src/main/handlers/endpointChange'
import { expectCleanError, useBridgeEnv } from './fixtures'
import { startSimulator, type Simulator } from '../sim'

const env = useBridgeEnv({ presetCredentials: true, savedEndpoint: true })
const RUNNING = randomUUID() // polled all along, so the current server keeps receiving signed calls

let other: Simulator
test.beforeAll(async () => {
  const e = env()
  other = await startSimulator({ accessKeyName: e.sim.accessKeyName, secret: e.sim.secret })
  e.sim.addTask({ id: RUNNING, lifecycle: [{ status: 'running' }, { status: 'finished', afterQueries: 1_000_000 }] })
})
test.afterAll(async () => {
  await other?.close()
})

/** A question the test answers when it chooses: meanwhile the dialog stays open. */
function heldDialog(): { asked: Promise<EndpointChange>; answer(yes: boolean): void } {
  let answer: (yes: boolean) => void = () => undefined
  let asked: (c: EndpointChange) => void = () => undefined
  const askedP = new Promise<EndpointChange>((r) => (asked = r))
  env().harness.dialogs.answerEndpoint = (c) => {
    asked(c)
    return new Promise<boolean>((r) => (answer = r))
  }
  return { asked: askedP, answer: (yes) => answer(yes) }
}

async function pollsReachCurrentServer(): Promise<void> {
  const e = env()
  const before = e.sim.stats().calls
  await expect.poll(() => e.sim.stats().calls, { timeout: 10_000 }).toBeGreaterThan(before + 2)
}

test('setup: a task polled on the saved server', async () => {
  const e = env()
  expect(await e.value('tasks:add', { text: RUNNING })).toMatchObject({ added: [RUNNING] })
  await pollsReachCurrentServer()
  expect((await e.value('settings:get')).endpoint).toBe(e.sim.url)
})

test('while the dialog is open nothing reaches the new host; declined, the settings stay as they were', async () => {
  const e = env()
  const dialog = heldDialog()
  const update = e.invokeAny('settings:update', { endpoint: other.url, theme: 'dark' })
  const change = await dialog.asked
  expect(change).toEqual({ host: new URL(other.url).host, url: other.url })

  // the page keeps calling while the question is open: polls and a connection test still go to the old host
  await pollsReachCurrentServer()
  expect(await e.value('credentials:test')).toMatchObject({ ok: true })
  expect((await e.value('settings:get')).endpoint).toBe(e.sim.url)
  // a second change of host cannot slip in behind the question the user is reading
  const second = expectCleanError(await e.invokeAny('settings:update', { endpoint: `${other.url}/other` }), e.sim.secret)
  expect(second).toMatchObject({ kind: 'forbidden', code: 'ENDPOINT_CHANGE_PENDING' })
  expect(other.stats().connections).toBe(0)

  dialog.answer(false)
  const declined = expectCleanError(await update, e.sim.secret)
  expect(declined).toMatchObject({ kind: 'forbidden', code: 'ENDPOINT_NOT_CONFIRMED' })
  expect(declined.message).toContain(change.host)
  const settings = await e.value('settings:get')
  expect(settings).toMatchObject({ endpoint: e.sim.url, theme: 'system' }) // the whole patch was refused
  await pollsReachCurrentServer()
  expect(await e.value('credentials:test')).toMatchObject({ ok: true })
  expect(other.stats().connections).toBe(0)
  expect(e.harness.dialogs.endpointAsked).toEqual([change.host])
})

test('changes that keep the host ask nothing: other settings, the same URL again, the region under a custom endpoint', async () => {
  const e = env()
  e.harness.dialogs.answerEndpoint = () => {
    throw new Error('no question expected')
  }
  expect(await e.value('settings:update', { theme: 'dark', endpoint: e.sim.url })).toMatchObject({ theme: 'dark', endpoint: e.sim.url })
  expect(await e.value('settings:update', { region: 'cn' })).toMatchObject({ region: 'cn', endpoint: e.sim.url }) // the custom endpoint wins
  expect(e.harness.dialogs.endpointAsked).toHaveLength(1)
  expect(other.stats().connections).toBe(0)
})

test('a dialog that fails to show counts as no', async () => {
  const e = env()
  e.harness.dialogs.answerEndpoint = () => Promise.reject(new Error('no window'))
  expect(expectCleanError(await e.invokeAny('settings:update', { endpoint: other.url }), e.sim.secret)).toMatchObject({ code: 'ENDPOINT_NOT_CONFIRMED' })
  expect((await e.value('settings:get')).endpoint).toBe(e.sim.url)
  expect(other.stats().connections).toBe(0)
})

test('confirmed by the user, the change applies and signed calls go to the new host', async () => {
  const e = env()
  const dialog = heldDialog()
  const update = e.invokeAny('settings:update', { endpoint: other.url })
  await dialog.asked
  expect(other.stats().connections).toBe(0)
  dialog.answer(true)
  expect(await update).toMatchObject({ ok: true, value: { endpoint: other.url } })
  expect(await e.value('credentials:test')).toMatchObject({ ok: true })
  expect(other.stats().calls).toBeGreaterThan(0)
})
