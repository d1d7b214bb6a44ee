import type { DisplayStatus } from '../../../shared/history'
import { t } from '../i18n'
import { perLanguage, template } from '../i18n/perLanguage'

const KNOWN = ['queued', 'submitted', 'running', 'finished', 'failed', 'stale', 'error'] as const
type KnownStatus = (typeof KNOWN)[number]
export const STATUS_ORDER: DisplayStatus[] = [...KNOWN]

const known = (s: string): s is KnownStatus => (KNOWN as readonly string[]).includes(s)

// every list row shows a badge: its words are looked up once per language
const words = perLanguage(() => ({
  label: Object.fromEntries(KNOWN.map((s) => [s, t(`status.label.${s}`)])) as Record<KnownStatus, string>,
  word: Object.fromEntries(KNOWN.map((s) => [s, t(`status.word.${s}`)])) as Record<KnownStatus, string>,
  hint: Object.fromEntries(KNOWN.map((s) => [s, t(`status.hint.${s}`)])) as Record<KnownStatus, string>
}))
const unknownHint = template<'status'>((v) => t('status.unknownHint', { status: v('status') }))

/** The status's name for a badge or a filter ("Finished"); a status only Aidge knows is shown as it came. */
export function statusLabel(s: string): string {
  return known(s) ? words().label[s] : s
}

/** The status inside a sentence ("finished" in English). */
export function statusWord(s: string): string {
  return known(s) ? words().word[s] : s
}

/** A status badge. Its words follow the language through its parent, which re-renders on a language change (every
 * user of the badge has useTranslation()); a row of the list passes its own `language` for its memo. */
export function StatusBadge({ status }: { status: DisplayStatus }): React.JSX.Element {
  return (
    <span className={`badge badge-${known(status) ? status : 'other'}`} title={known(status) ? words().hint[status] : unknownHint({ status })}>
      <span className="badge-dot" aria-hidden="true" />
      {statusLabel(status)}
    </span>
  )
}
