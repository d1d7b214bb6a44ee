// What happened at start that the user must hear about, sent by main as a code and its data; the renderer and the
// CLI put it into words (main sends no sentences). Paths are absolute; times are ms since the epoch.

export type StartupNotice =
  /** the history file was damaged: it was moved aside and the newest good backup put in its place */
  | { code: 'HISTORY_RESTORED'; problem: string; damagedFile: string; backupFile: string; backupTakenAt: number }
  /** the history file was damaged and no backup passed its check: a new, empty history was started */
  | { code: 'HISTORY_STARTED_FRESH'; problem: string; damagedFile: string }
  /** the history's write-ahead log was not a log (garbage): it was moved aside; the history itself is intact */
  | { code: 'HISTORY_WAL_SET_ASIDE'; damagedFile: string }

export type StartupNoticeCode = StartupNotice['code']
