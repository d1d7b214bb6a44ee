import type { AidgeErrorInfo } from './aidge'

/**
 * What the poller is doing, for the header of the UI and the CLI's progress line:
 * - idle: nothing to poll
 * - running: polling
 * - paused: the user paused tracking
 * - rateLimited: the gateway asked us to slow down; every call waits until `resumeAt`
 * - blocked: an auth or quota problem stops every call until credentials or settings change
 * - stopped: shut down
 */
export type TrackingMode = 'idle' | 'running' | 'paused' | 'rateLimited' | 'blocked' | 'stopped'

export interface TrackingStatus {
  mode: TrackingMode
  /** tasks being polled */
  activeTasks: number
  /** when calls resume after a rate limit (ms since the epoch), else null */
  resumeAt: number | null
  /** the auth/quota error that blocks polling, or the rate-limit error that paused it */
  problem: AidgeErrorInfo | null
}
