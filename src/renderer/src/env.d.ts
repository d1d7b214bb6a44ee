/// <reference types="vite/client" />
import type { WindowApi } from '../../preload/index.d'
import type { EarlyAnswers } from './lib/startupAsks'

declare global {
  interface Window {
    api: WindowApi
    /** what early.ts asked main for before the main bundle ran (lib/startupAsks.ts) */
    __aidgeEarly?: EarlyAnswers
  }
}
