// The renderer's words for what happened at start (main sends a code and its data).
import type { StartupNotice } from '../../../shared/notices'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../format'
import { t } from '../i18n'
import { useNotices } from '../stores/notices'
import { Icon } from './Icon'

function words(n: StartupNotice): { title: string; lines: string[] } {
  switch (n.code) {
    case 'HISTORY_RESTORED':
      return {
        title: t('notices.restored', { time: formatDateTime(n.backupTakenAt) }),
        lines: [
          t('notices.restoredTasks'),
          t('notices.restoredSubmits'),
          t('notices.keptDamaged', { file: n.damagedFile }),
          t('notices.restoredFrom', { file: n.backupFile }),
          // SQLite's own words for the damage: a technical detail, shown as it came
          t('notices.whatWasWrong', { problem: n.problem })
        ]
      }
    case 'HISTORY_STARTED_FRESH':
      return {
        title: t('notices.fresh'),
        lines: [t('notices.keptDamaged', { file: n.damagedFile }), t('notices.whatWasWrong', { problem: n.problem })]
      }
    case 'HISTORY_WAL_SET_ASIDE':
      return {
        title: t('notices.walTitle'),
        lines: [t('notices.walIntact'), t('notices.walKept', { file: n.damagedFile })]
      }
  }
}

export function StartupNotices(): React.JSX.Element | null {
  const notices = useNotices((s) => s.notices)
  // re-renders in a new language (words() reads the current one)
  useTranslation()
  if (notices.length === 0) return null
  return (
    <div className="startup-notices">
      {notices.map((n) => {
        const { title, lines } = words(n)
        return (
          <section key={`${n.code}:${n.damagedFile}`} className="notice notice-warn" role="alert" aria-label={t('notices.label')}>
            <Icon name="alert" />
            <div>
              <p className="notice-title">{title}</p>
              {lines.map((l) => (
                <p key={l} className="notice-detail">
                  {l}
                </p>
              ))}
              <button type="button" className="btn btn-small" onClick={() => useNotices.getState().dismiss(n)}>
                {t('notices.gotIt')}
              </button>
            </div>
          </section>
        )
      })}
    </div>
  )
}
