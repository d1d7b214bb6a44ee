import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TrackingStatus } from '../../../shared/tracking'
import { errorMeaning } from '../explain'
import { formatBytes, formatDuration } from '../format'
import { t } from '../i18n'
import { useApp } from '../stores/app'
import { useTracking } from '../stores/tracking'
import { Icon } from './Icon'
import { QuotaMeter } from './QuotaMeter'
import { AppIcon } from './AppIcon'

export function Header(): React.JSX.Element {
  const view = useApp((s) => s.view)
  const { t } = useTranslation()
  return (
    <header className="app-header">
      <div className="brand">
        <AppIcon size={22} />
        <h1 className="brand-title">{t('common.appName')}</h1>
      </div>
      <TrackingIndicator />
      <div className="header-actions">
        <QuotaMeter />
        {view !== 'new' && (
          <button type="button" className="btn" onClick={() => useApp.getState().setView('new')}>
            <Icon name="plus" /> {t('header.newTasks')}
          </button>
        )}
        {view !== 'tasks' ? (
          <button type="button" className="btn" onClick={() => useApp.getState().setView('tasks')}>
            <Icon name="left" /> {t('header.backToTasks')}
          </button>
        ) : (
          <button type="button" className="btn btn-ghost" aria-label={t('header.settings')} title={t('header.settings')} onClick={() => useApp.getState().setView('settings')}>
            <Icon name="settings" /> {t('header.settings')}
          </button>
        )}
      </div>
    </header>
  )
}

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!active) return
    const t = window.setInterval(() => setNow(Date.now()), 1000)
    return () => window.clearInterval(t)
  }, [active])
  return now
}

function TrackingIndicator(): React.JSX.Element | null {
  const status = useTracking((s) => s.status)
  const busy = useTracking((s) => s.busy)
  const now = useNow(status?.mode === 'rateLimited')
  // re-renders on a language change (describe() words the state in the current language)
  const { t } = useTranslation()
  if (!status) return <div className="tracking" aria-live="polite" />
  const { tone, text, detail } = describe(status, now)
  return (
    <div className={`tracking tracking-${tone}`} role="status" aria-live="polite" aria-label={t('header.tracking')}>
      <span className="tracking-dot" aria-hidden="true" />
      <span className="tracking-text">{text}</span>
      {detail && (
        <span className="tracking-detail" title={detail}>
          {detail}
        </span>
      )}
      {status.mode === 'paused' && (
        <button type="button" className="btn btn-small" disabled={busy} onClick={() => void useTracking.getState().resume()}>
          <Icon name="play" /> {t('header.resume')}
        </button>
      )}
      {(status.mode === 'running' || status.mode === 'rateLimited' || status.mode === 'idle') && (
        <button type="button" className="btn btn-small btn-ghost" disabled={busy} onClick={() => void useTracking.getState().pause()} aria-label={t('header.pause')} title={t('header.pause')}>
          <Icon name="pause" />
        </button>
      )}
      {status.mode === 'blocked' && (
        <button type="button" className="btn btn-small btn-link" onClick={() => useApp.getState().setView('settings')}>
          {t('header.openSettings')}
        </button>
      )}
    </div>
  )
}

function describe(s: TrackingStatus, now: number): { tone: string; text: string; detail: string | null } {
  switch (s.mode) {
    case 'running':
      // the rate the poller found the gateway allows (AIMD), so a slow round is not mistaken for a stuck one
      return { tone: 'running', text: t('header.trackingTasks', { count: s.activeTasks }), detail: s.callsPerSecond !== undefined ? t('header.queriesPerSecond', { rate: s.callsPerSecond }) : null }
    case 'idle':
      return { tone: 'idle', text: t('header.upToDate'), detail: null }
    case 'paused':
      return { tone: 'paused', text: t('header.paused'), detail: s.activeTasks ? t('header.waiting', { count: s.activeTasks }) : null }
    case 'rateLimited': {
      const left = s.resumeAt === null ? null : Math.max(0, (s.resumeAt - now) / 1000)
      return { tone: 'paused', text: t('header.rateLimited'), detail: left === null ? t('header.resumingSoon') : t('header.resumingIn', { duration: formatDuration(Math.ceil(left)) }) }
    }
    case 'blocked': {
      const p = s.problem
      const meaning = p ? errorMeaning(p) : null
      return { tone: 'blocked', text: p?.kind === 'quota' ? t('header.blockedQuota') : t('header.blockedCredentials'), detail: p ? `${p.message}${meaning ? ` — ${meaning}` : ''}` : null }
    }
    case 'diskFull': {
      const where = s.storage ? t('header.diskFullWhere', { folder: s.storage.folder, free: formatBytes(s.storage.freeBytes) }) : ''
      return { tone: 'blocked', text: t('header.diskFull'), detail: `${where}${t('header.diskFullText')}` }
    }
    default:
      return { tone: 'idle', text: t('header.stopped'), detail: null }
  }
}
