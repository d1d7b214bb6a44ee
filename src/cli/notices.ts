// The CLI's words for what happened at start (main sends codes and data; the renderer has its own words).
import { formatBytes } from '../shared/format'
import type { StartupNotice } from '../shared/notices'
import type { TrackingStatus } from '../shared/tracking'

const when = (at: number): string => `${new Date(at).toISOString().replace('T', ' ').slice(0, 16)} UTC`

export function noticeText(n: StartupNotice): string {
  switch (n.code) {
    case 'HISTORY_RESTORED':
      return (
        `The history file was damaged (${n.problem}). It was moved to ${n.damagedFile} and kept. ` +
        `The history was restored from the backup of ${when(n.backupTakenAt)} (${n.backupFile}); ` +
        'tasks added or changed after that are not in it: query them again to bring them back. Photos submitted ' +
        'after that are not in its record of submits either: check them before submitting again.'
      )
    case 'HISTORY_STARTED_FRESH':
      return (
        `The history file was damaged (${n.problem}) and no backup could replace it. It was moved to ${n.damagedFile} ` +
        'and kept; a new, empty history was started.'
      )
    case 'HISTORY_WAL_SET_ASIDE':
      return (
        `The history's write-ahead log was unreadable; it was moved to ${n.damagedFile} and kept. ` +
        'The history itself is intact, though its last changes before the damage may be missing.'
      )
  }
}

/** Said once when tracking pauses on a full disk (the watch goes on by itself once space is back). */
export function diskFullText(storage: NonNullable<TrackingStatus['storage']>): string {
  return (
    `the disk is full: history cannot be saved in ${storage.folder} (${formatBytes(storage.freeBytes)} free). ` +
    'Tracking is paused and the answers received are kept; free some space and it goes on by itself.'
  )
}
