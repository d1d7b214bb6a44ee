import { describe, expect, it, vi } from 'vitest'
import type * as Electron from 'electron'
import { CHANNELS, wireChannel, type IpcResult } from '../../src/shared/ipc'
import type { HandlerTable } from '../../src/main/handlers'

// No Electron binary runs here: ipcMain is a typed mock that keeps the registered handlers so the test can call
// them as Electron would, with a sender frame.
type Handler = (event: { senderFrame: unknown }, ...args: unknown[]) => Promise<unknown>
const registered = new Map<string, Handler>()
vi.mock('electron', (): Pick<typeof Electron, 'ipcMain'> => ({
  ipcMain: {
    handle: (channel: string, h: Handler) => void registered.set(channel, h),
    removeHandler: (channel: string) => void registered.delete(channel)
  } as unknown as typeof Electron.ipcMain
}))

const { registerIpc, isTrustedFrame, pushEvent } = await import('../../src/main/ipc')

function table(): HandlerTable {
  const calls: Record<string, unknown> = {}
  return new Proxy(calls, {
    get: (_t, channel: string) => async (...args: unknown[]) => ({ channel, args })
  }) as unknown as HandlerTable
}

describe('ipc.ts', () => {
  it('registers exactly one handler per contract channel and removes them all', () => {
    const off = registerIpc(table(), () => true, () => undefined)
    expect([...registered.keys()].sort()).toEqual(CHANNELS.map(wireChannel).sort())
    off()
    expect(registered.size).toBe(0)
  })

  it('refuses a request from a frame that is not the app window, without running the handler', async () => {
    const ran: string[] = []
    const handlers = new Proxy({}, { get: (_t, c: string) => async () => void ran.push(c) }) as unknown as HandlerTable
    registerIpc(handlers, (frame) => (frame as unknown) === 'app-frame', () => undefined)
    const r = (await registered.get('ipc:tasks:counts')!({ senderFrame: 'iframe' })) as IpcResult<unknown>
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ kind: 'forbidden', code: 'UNTRUSTED_SENDER' }) })
    expect(ran).toEqual([])
    const ok = (await registered.get('ipc:tasks:counts')!({ senderFrame: 'app-frame' })) as IpcResult<unknown>
    expect(ok.ok).toBe(true)
    expect(ran).toEqual(['tasks:counts'])
  })

  it('validates payloads before the handler: a bad one gets a typed error naming the field', async () => {
    registerIpc(table(), () => true, () => undefined)
    const r = (await registered.get('ipc:tasks:get')!({ senderFrame: 'f' }, { taskId: 42 })) as IpcResult<unknown>
    expect(r).toMatchObject({ ok: false, error: { kind: 'invalidInput', code: 'INVALID_PAYLOAD' } })
    expect(r.ok === false && r.error.message).toMatch(/taskId/)
    const good = (await registered.get('ipc:tasks:get')!({ senderFrame: 'f' }, { taskId: 'abc-123' })) as IpcResult<{ channel: string; args: unknown[] }>
    expect(good).toEqual({ ok: true, value: { channel: 'tasks:get', args: [{ taskId: 'abc-123' }] } })
  })

  it('trusts only the main frame of the live app window showing the app page', () => {
    const mainFrame = { url: 'file:///app/out/renderer/index.html' }
    const win = { isDestroyed: () => false, webContents: { mainFrame } } as unknown as Electron.BrowserWindow
    const isApp = (u: string): boolean => u === 'file:///app/out/renderer/index.html'
    expect(isTrustedFrame(mainFrame as unknown as Electron.WebFrameMain, win, isApp)).toBe(true)
    expect(isTrustedFrame({ url: mainFrame.url } as unknown as Electron.WebFrameMain, win, isApp)).toBe(false)
    expect(isTrustedFrame(mainFrame as unknown as Electron.WebFrameMain, null, isApp)).toBe(false)
    const evil = { url: 'https://evil.example/' }
    const navigated = { isDestroyed: () => false, webContents: { mainFrame: evil } } as unknown as Electron.BrowserWindow
    expect(isTrustedFrame(evil as unknown as Electron.WebFrameMain, navigated, isApp)).toBe(false)
  })

  it('pushes events only to a live window, only for contract events', () => {
    const sent: unknown[][] = []
    const win = { isDestroyed: () => false, webContents: { send: (...a: unknown[]) => sent.push(a) } } as unknown as Electron.BrowserWindow
    pushEvent(win, 'tracking:state', { mode: 'idle', activeTasks: 0, resumeAt: null, problem: null })
    pushEvent(null, 'tracking:state', { mode: 'idle', activeTasks: 0, resumeAt: null, problem: null })
    pushEvent(win, 'ipc:raw' as 'tracking:state', { mode: 'idle', activeTasks: 0, resumeAt: null, problem: null })
    expect(sent).toEqual([['event:tracking:state', { mode: 'idle', activeTasks: 0, resumeAt: null, problem: null }]])
  })
})
