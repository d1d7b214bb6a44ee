import { useTranslation } from 'react-i18next'
import type { DisplayStatus } from '../../../shared/history'
import { formatCount } from '../format'
import { useTasks } from '../stores/tasks'
import { useUi } from '../stores/ui'
import { AddTasks } from './AddTasks'
import { Icon } from './Icon'
import { STATUS_ORDER, statusLabel } from './StatusBadge'

export function Sidebar(): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <aside className="sidebar" aria-label={t('list.sidebar')}>
      <AddTasks />
      <StatusFilters />
      <section className="tools" aria-labelledby="tools-title">
        <h2 id="tools-title" className="section-title">
          {t('list.history')}
        </h2>
        <button type="button" className="tool-btn" onClick={() => useUi.getState().setExportOpen(true)}>
          <Icon name="export" /> {t('list.exportList')}
        </button>
        <button type="button" className="tool-btn" onClick={() => useUi.getState().setClearOpen(true)}>
          <Icon name="trash" /> {t('list.clearOld')}
        </button>
      </section>
    </aside>
  )
}

function StatusFilters(): React.JSX.Element {
  const counts = useTasks((s) => s.counts)
  const active = useTasks((s) => s.filter.status)
  const { t } = useTranslation()
  const extra = Object.keys(counts?.byStatus ?? {}).filter((s) => !STATUS_ORDER.includes(s))
  const items: Array<{ status: DisplayStatus | null; label: string; n: number | null }> = [
    { status: null, label: t('list.allTasks'), n: counts?.total ?? null },
    ...[...STATUS_ORDER, ...extra].map((s) => ({ status: s, label: statusLabel(s), n: counts ? (counts.byStatus[s] ?? 0) : null }))
  ]
  return (
    <nav className="filters" aria-labelledby="filters-title">
      <h2 id="filters-title" className="section-title">
        {t('list.status')}
      </h2>
      <ul>
        {items.map((it) => (
          <li key={it.status ?? 'all'}>
            <button
              type="button"
              className={`filter-btn${active === it.status ? ' is-active' : ''}`}
              aria-pressed={active === it.status}
              onClick={() => useTasks.getState().setFilter({ status: it.status })}
            >
              {it.status && <span className={`dot dot-${STATUS_ORDER.includes(it.status) ? it.status : 'other'}`} aria-hidden="true" />}
              <span className="filter-label">{it.label}</span>
              <span className="filter-count">{it.n === null ? '' : formatCount(it.n)}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  )
}
