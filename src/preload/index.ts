import { contextBridge } from 'electron'

// The preload builds window.api from the IPC contract (src/shared); until channels exist it exposes only the
// app's identity. No ipcRenderer, no process, no secret crosses into the page.
const api = {
  appName: 'Aidge Task Desk'
} as const

export type WindowApi = typeof api

contextBridge.exposeInMainWorld('api', api)
