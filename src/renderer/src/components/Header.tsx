import { useEffect, useState } from 'react'
import type { TrackingStatus } from '../../../shared/tracking'
import { errorMeaning } from '../explain'
import { formatBytes, formatDuration, plural } from '../format'
import { useApp } from '../stores/app'
import { useTracking } from '../stores/tracking'
import { Icon } from './Icon'
import { QuotaMeter } from './NewTasksView'

export function Header(): React.JSX.Element {
  const view = useApp((s) => s.view)
  return (
    <header className="app-header">
      <div className="brand">
        <img src="./icon.svg" alt="" width="22" height="22" />
        <h1 className="brand-title">Aidge Task Desk</h1>
      </div>
      <TrackingIndicator />
      <div className="header-actions">
        <QuotaMeter />
        {view !== 'new' && (
          <button type="button" className="btn" onClick={() => useApp.getState().setView('new')}>
            <Icon name="plus" /> New tasks
          </button>
        )}
        {view !== 'tasks' ? (
          <button type="button" className="btn" onClick={() => useApp.getState().setView('tasks')}>
            <Icon name="left" /> Back to tasks
          </button>
        ) : (
          <button type="button" className="btn btn-ghost" aria-label="Settings" title="Settings" onClick={() => useApp.getState().setView('settings')}>
            <Icon name="settings" /> Settings
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
  if (!status) return <div className="tracking" aria-live="polite" />
  const { tone, text, detail } = describe(status, now)
  return (
    <div className={`tracking tracking-${tone}`} role="status" aria-live="polite" aria-label="Tracking">
      <span className="tracking-dot" aria-hidden="true" />
      <span className="tracking-text">{text}</span>
      {detail && (
        <span className="tracking-detail" title={detail}>
          {detail}
        </span>
      )}
      {status.mode === 'paused' && (
        <button type="button" className="btn btn-small" disabled={busy} onClick={() => void useTracking.getState().resume()}>
          <Icon name="play" /> Resume
        </button>
      )}
      {(status.mode === 'running' || status.mode === 'rateLimited' || status.mode === 'idle') && (
        <button type="button" className="btn btn-small btn-ghost" disabled={busy} onClick={() => void useTracking.getState().pause()} aria-label="Pause tracking" title="Pause tracking">
          <Icon name="pause" />
        </button>
      )}
      {status.mode === 'blocked' && (
        <button type="button" className="btn btn-small btn-link" onClick={() => useApp.getState().setView('settings')}>
          Open settings
        </button>
      )}
    </div>
  )
}

function describe(s: TrackingStatus, now: number): { tone: string; text: string; detail: string | null } {
  switch (s.mode) {
    case 'running':
      return { tone: 'running', text: `Tracking ${plural(s.activeTasks, 'task')}`, detail: null }
    case 'idle':
      return { tone: 'idle', text: 'Up to date', detail: null }
    case 'paused':
      return { tone: 'paused', text: 'Tracking paused', detail: s.activeTasks ? `${plural(s.activeTasks, 'task')} waiting` : null }
    case 'rateLimited': {
      const left = s.resumeAt === null ? null : Math.max(0, (s.resumeAt - now) / 1000)
      return { tone: 'paused', text: 'Rate limited', detail: left === null ? 'resuming soon' : `resuming in ${formatDuration(Math.ceil(left))}` }
    }
    case 'blocked': {
      const p = s.problem
      const meaning = p ? errorMeaning(p) : null
      return { tone: 'blocked', text: p?.kind === 'quota' ? 'Blocked: no quota' : 'Blocked: credentials rejected', detail: p ? `${p.message}${meaning ? ` — ${meaning}` : ''}` : null }
    }
    case 'diskFull': {
      const where = s.storage ? `History cannot be saved in ${s.storage.folder} (${formatBytes(s.storage.freeBytes)} free). ` : ''
      return { tone: 'blocked', text: 'Paused: disk full', detail: `${where}Free some space: tracking resumes by itself, and no answer is lost.` }
    }
    default:
      return { tone: 'idle', text: 'Tracking stopped', detail: null }
  }
}
