import { beforeEach, describe, expect, it, vi } from 'vitest'
import type * as Electron from 'electron'
import { CHANNELS, EVENTS, type WindowApi } from '../../src/shared/ipc'

// No Electron binary runs here, so the electron module is a typed mock: it records what the preload exposes and
// what it sends, which is all the preload does.
const exposed: Record<string, unknown> = {}
const invoked: Array<{ channel: string; args: unknown[] }> = []
const listeners = new Map<string, Set<(...a: unknown[]) => void>>()

type PreloadElectron = Pick<typeof Electron, 'contextBridge' | 'ipcRenderer'>
vi.mock('electron', (): PreloadElectron => {
  const ipcRenderer = {
    invoke: async (channel: string, ...args: unknown[]) => {
      invoked.push({ channel, args })
      return { ok: true, value: channel }
    },
    on: (channel: string, l: (...a: unknown[]) => void) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set())
      listeners.get(channel)!.add(l)
      return ipcRenderer
    },
    removeListener: (channel: string, l: (...a: unknown[]) => void) => {
      listeners.get(channel)?.delete(l)
      return ipcRenderer
    }
  }
  return {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void (exposed[key] = api) } as unknown as typeof Electron.contextBridge,
    ipcRenderer: ipcRenderer as unknown as typeof Electron.ipcRenderer
  }
})

describe('the preload', () => {
  beforeEach(async () => {
    await import('../../src/preload/index')
    invoked.length = 0
  })

  it('exposes only window.api, with invoke and on', () => {
    expect(Object.keys(exposed)).toEqual(['api'])
    expect(Object.keys(exposed['api'] as object).sort()).toEqual(['invoke', 'on'])
  })

  it('sends every contract channel as ipc:<channel> and refuses others without sending', async () => {
    const api = exposed['api'] as WindowApi
    for (const c of CHANNELS) await (api.invoke as (c: string) => Promise<unknown>)(c)
    expect(invoked.map((i) => i.channel)).toEqual(CHANNELS.map((c) => `ipc:${c}`))
    const refused = await (api.invoke as (c: string) => Promise<{ ok: boolean; error?: { code: string } }>)('fs:readFile')
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } })
    expect(invoked).toHaveLength(CHANNELS.length)
  })

  it('subscribes to contract events only, and every subscription returns its unsubscribe', () => {
    const api = exposed['api'] as WindowApi
    const got: unknown[] = []
    for (const e of EVENTS) {
      const off = api.on(e, (p) => got.push(p))
      for (const l of listeners.get(`event:${e}`) ?? []) l({}, { from: e })
      off()
      expect(listeners.get(`event:${e}`)?.size ?? 0).toBe(0)
    }
    expect(got).toEqual(EVENTS.map((e) => ({ from: e })))
    expect(() => (api.on as (e: string, l: () => void) => void)('ipc:raw', () => undefined)).toThrow(/Unknown event/)
  })
})
