import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { CHANNELS, EVENTS, wireChannel, wireEvent, type ChannelName, type EventName, type WindowApi } from '../shared/ipc'

// window.api, built from the contract: one typed invoke over the known channels and one subscription per known
// event. No raw ipcRenderer, no process, no secret crosses into the page.
const channels = new Set<string>(CHANNELS)
const events = new Set<string>(EVENTS)

const api: WindowApi = {
  invoke(channel: ChannelName, ...args: unknown[]) {
    if (!channels.has(channel)) {
      return Promise.resolve({ ok: false, error: { kind: 'forbidden', code: 'UNKNOWN_CHANNEL', message: 'Unknown request.', retryable: false } })
    }
    return ipcRenderer.invoke(wireChannel(channel), ...args)
  },
  on(event: EventName, listener: (payload: never) => void) {
    if (!events.has(event)) throw new Error(`Unknown event ${String(event)}`)
    const wrapped = (_e: IpcRendererEvent, payload: unknown): void => listener(payload as never)
    ipcRenderer.on(wireEvent(event), wrapped)
    return () => {
      ipcRenderer.removeListener(wireEvent(event), wrapped)
    }
  }
} as WindowApi

contextBridge.exposeInMainWorld('api', api)
