// The submit API's balance: asked on demand, and on its own at most once a day (the vendor asks for about one call
// a day); the last answer is kept in the history file.
import { afterEach, beforeEach, expect, it } from 'vitest'
import { BALANCE_API, SUBMIT_API } from '../sim'
import { ManualClock } from '../../src/main/tracking'
import { submitSetup, type SubmitSetup } from './helpers'

let s: SubmitSetup
let clock: ManualClock
beforeEach(async () => {
  // one clock for the app and the simulator: the signature timestamps move with it
  clock = new ManualClock(Date.now())
  s = await submitSetup({ submitBalance: 40, now: () => clock.now() })
})
afterEach(async () => {
  await s.cleanup()
})

const balanceCalls = (): number => s.sim.stats().log.filter((e) => e.path === BALANCE_API).length

it('auto asks at most once a day; on demand always asks; the answer survives a restart', async () => {
  const services = await s.open({ clock })
  expect(services.submissions.lastBalance()).toBeNull()
  expect(await services.submissions.balance({ auto: true })).toMatchObject({ apiPath: SUBMIT_API, balance: 40, checkedAt: clock.now() })
  expect(await services.submissions.balance({ auto: true })).toMatchObject({ balance: 40 })
  expect(balanceCalls()).toBe(1)
  clock.advanceBy(23 * 3_600_000)
  await services.submissions.balance({ auto: true })
  expect(balanceCalls()).toBe(1)
  clock.advanceBy(2 * 3_600_000)
  await services.submissions.balance({ auto: true })
  expect(balanceCalls()).toBe(2)
  s.sim.configure({ submitBalance: 12 })
  expect((await services.submissions.balance())?.balance).toBe(12)
  expect(balanceCalls()).toBe(3)
  await services.close()
  const again = await s.open({ clock })
  expect(again.submissions.lastBalance()).toMatchObject({ balance: 12 })
})
