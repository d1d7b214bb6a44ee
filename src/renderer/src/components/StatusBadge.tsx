import { useTranslation } from 'react-i18next'
import type { DisplayStatus } from '../../../shared/history'
import { t } from '../i18n'

const KNOWN = ['queued', 'submitted', 'running', 'finished', 'failed', 'stale', 'error'] as const
type KnownStatus = (typeof KNOWN)[number]
export const STATUS_ORDER: DisplayStatus[] = [...KNOWN]

const known = (s: string): s is KnownStatus => (KNOWN as readonly string[]).includes(s)

/** The status's name for a badge or a filter ("Finished"); a status only Aidge knows is shown as it came. */
export function statusLabel(s: string): string {
  return known(s) ? t(`status.label.${s}`) : s
}

/** The status inside a sentence ("finished" in English). */
export function statusWord(s: string): string {
  return known(s) ? t(`status.word.${s}`) : s
}

export function StatusBadge({ status }: { status: DisplayStatus }): React.JSX.Element {
  // subscribes the badge to language changes (the helpers above read the current language)
  useTranslation()
  return (
    <span className={`badge badge-${known(status) ? status : 'other'}`} title={known(status) ? t(`status.hint.${status}`) : t('status.unknownHint', { status })}>
      <span className="badge-dot" aria-hidden="true" />
      {statusLabel(status)}
    </span>
  )
}
