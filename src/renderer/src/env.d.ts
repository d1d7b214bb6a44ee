/// <reference types="vite/client" />
import type { WindowApi } from '../../preload/index.d'

declare global {
  interface Window {
    api: WindowApi
  }
}
