// The CLI's words for what happened at start (main sends codes and data; the renderer has its own words).
import type { StartupNotice } from '../shared/notices'

const when = (at: number): string => `${new Date(at).toISOString().replace('T', ' ').slice(0, 16)} UTC`

export function noticeText(n: StartupNotice): string {
  switch (n.code) {
    case 'HISTORY_RESTORED':
      return (
        `The history file was damaged (${n.problem}). It was moved to ${n.damagedFile} and kept. ` +
        `The history was restored from the backup of ${when(n.backupTakenAt)} (${n.backupFile}); ` +
        'tasks added or changed after that are not in it: query them again to bring them back.'
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
