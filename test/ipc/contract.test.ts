import { describe, expect, it } from 'vitest'
import { CHANNELS, EVENTS, type ChannelName, type EventName, type IpcChannels } from '../../src/shared/ipc'
import { channelSchemas } from '../../src/main/handlers/schemas'
import type { HandlerTable } from '../../src/main/handlers'
import type { ServiceEventName } from '../../src/main/events'

// Type-level checks: `npm run typecheck` fails when the runtime lists and the contract's tables disagree.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
type Assert<T extends true> = T
export type ChannelsListed = Assert<Equal<(typeof CHANNELS)[number], ChannelName>>
export type EventsListed = Assert<Equal<(typeof EVENTS)[number], EventName>>
// The services' event hub carries every push event but the menu's, which the Electron edge sends itself.
export type ServiceEventsListed = Assert<Equal<ServiceEventName, Exclude<EventName, 'menu:command'>>>
// A handler table lacking a channel, or with one the contract does not name, does not compile.
export type HandlersCoverContract = Assert<Equal<keyof HandlerTable, keyof IpcChannels>>
// @ts-expect-error a table missing a channel is rejected
export const missing: HandlerTable = { 'app:info': () => ({ name: '', version: '', dataDir: '' }) }

describe('the IPC contract', () => {
  it('lists each channel once, named domain:verb', () => {
    expect(new Set(CHANNELS).size).toBe(CHANNELS.length)
    for (const c of CHANNELS) expect(c).toMatch(/^[a-z]+:[a-zA-Z]+$/)
    for (const e of EVENTS) expect(e).toMatch(/^[a-z]+:[a-zA-Z]+$/)
  })

  it('has a payload schema for exactly the contract channels', () => {
    expect(Object.keys(channelSchemas).sort()).toEqual([...CHANNELS].sort())
  })
})
