// The renderer's words for what happened at start (main sends a code and its data).
import type { StartupNotice } from '../../../shared/notices'
import { formatDateTime } from '../format'
import { useNotices } from '../stores/notices'
import { Icon } from './Icon'

function words(n: StartupNotice): { title: string; lines: string[] } {
  switch (n.code) {
    case 'HISTORY_RESTORED':
      return {
        title: `Your history was damaged and has been restored from the backup of ${formatDateTime(n.backupTakenAt)}.`,
        lines: [
          `Tasks added or changed after that backup are not in it: add their ids again to bring them back.`,
          'Photos submitted after that backup are not in its record of submits either: check them before submitting again.',
          `The damaged file was kept, not deleted: ${n.damagedFile}`,
          `Restored from: ${n.backupFile}`,
          `What was wrong: ${n.problem}`
        ]
      }
    case 'HISTORY_STARTED_FRESH':
      return {
        title: 'Your history was damaged and no backup could replace it, so a new, empty history was started.',
        lines: [`The damaged file was kept, not deleted: ${n.damagedFile}`, `What was wrong: ${n.problem}`]
      }
    case 'HISTORY_WAL_SET_ASIDE':
      return {
        title: 'Part of your history’s recent changes could not be read and was set aside.',
        lines: ['The history itself is intact; its last changes before the damage may be missing.', `The unreadable part was kept: ${n.damagedFile}`]
      }
  }
}

export function StartupNotices(): React.JSX.Element | null {
  const notices = useNotices((s) => s.notices)
  if (notices.length === 0) return null
  return (
    <div className="startup-notices">
      {notices.map((n) => {
        const { title, lines } = words(n)
        return (
          <section key={`${n.code}:${n.damagedFile}`} className="notice notice-warn" role="alert" aria-label="History recovered">
            <Icon name="alert" />
            <div>
              <p className="notice-title">{title}</p>
              {lines.map((l) => (
                <p key={l} className="notice-detail">
                  {l}
                </p>
              ))}
              <button type="button" className="btn btn-small" onClick={() => useNotices.getState().dismiss(n)}>
                Got it
              </button>
            </div>
          </section>
        )
      })}
    </div>
  )
}
