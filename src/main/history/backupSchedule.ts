// The daily backup while the app or the CLI runs: one check at start, then once an hour (a backup is written only
// when the newest is a day old, so an app left open all week still gets one a day, and restarts add none).
import type { Clock } from '../tracking/clock'
import type { HistoryStore } from './types'

export const BACKUP_CHECK_EVERY_MS = 60 * 60_000

/** Starts the checks; returns the function that stops them. A failed backup (a full disk) is a warning, never a
 * crash: the next check tries again, and `aidge-tasks doctor` shows how old the newest backup is. */
export function startBackupSchedule(history: Pick<HistoryStore, 'backupIfDue'>, clock: Clock): () => void {
  let timer: unknown = null
  let stopped = false
  const check = (): void => {
    timer = null
    if (stopped) return
    try {
      history.backupIfDue(clock.now())
    } catch (e) {
      process.emitWarning(`The daily history backup failed: ${e instanceof Error ? e.message : String(e)}`, { code: 'AIDGE_BACKUP' })
    }
    if (!stopped) timer = clock.setTimeout(check, BACKUP_CHECK_EVERY_MS)
  }
  check()
  return () => {
    stopped = true
    if (timer !== null) clock.clearTimeout(timer)
  }
}
