import type { AidgeErrorInfo } from './aidge'

/**
 * What the poller is doing, for the header of the UI and the CLI's progress line:
 * - idle: nothing to poll
 * - running: polling
 * - paused: the user paused tracking
 * - rateLimited: the gateway asked us to slow down; every call waits until `resumeAt`
 * - blocked: an auth or quota problem stops every call until credentials or settings change
 * - diskFull: answers cannot be saved (the disk holding the history is full); they are kept in memory, no new
 *   call starts, and tracking resumes by itself once space is back (`storage` says where and how much is free)
 * - stopped: shut down
 */
export type TrackingMode = 'idle' | 'running' | 'paused' | 'rateLimited' | 'blocked' | 'diskFull' | 'stopped'

export interface TrackingStatus {
  mode: TrackingMode
  /** tasks being polled */
  activeTasks: number
  /** when calls resume after a rate limit (ms since the epoch), else null */
  resumeAt: number | null
  /** the auth/quota error that blocks polling, or the rate-limit error that paused it */
  problem: AidgeErrorInfo | null
  /** the calls per second the poller allows itself now, as AIMD found it (absent when the rate is fixed) */
  callsPerSecond?: number
  /** in diskFull mode only: the folder that is full and its free bytes (null when unknown) */
  storage?: { folder: string; freeBytes: number | null }
}
