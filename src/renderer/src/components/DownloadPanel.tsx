// Download batches in a dock at the bottom right: visible while the person keeps working.
import { useTranslation } from 'react-i18next'
import { ALT_MANIFEST_NAME, MANIFEST_NAME } from '../../../shared/downloads'
import { formatBytes, formatDuration, formatRate } from '../format'
import { openDownloadFolder, retryFailed } from '../stores/actions'
import { useDownloads, type Batch } from '../stores/downloads'
import { Icon } from './Icon'

export function DownloadPanel(): React.JSX.Element | null {
  const batches = useDownloads((s) => s.batches)
  const collapsed = useDownloads((s) => s.collapsed)
  const { t } = useTranslation()
  if (batches.length === 0) return null
  const running = batches.filter((b) => b.state === 'running').length
  return (
    <section className={`downloads${collapsed ? ' is-collapsed' : ''}`} aria-labelledby="downloads-title">
      <header className="downloads-head">
        <h2 id="downloads-title" className="downloads-title">
          <Icon name="download" /> {t('downloads.panel')} {running ? <span className="muted">{t('downloads.running', { count: running })}</span> : null}
        </h2>
        <button
          type="button"
          className="icon-btn"
          aria-expanded={!collapsed}
          aria-label={collapsed ? t('downloads.expand') : t('downloads.collapse')}
          onClick={() => useDownloads.getState().setCollapsed(!collapsed)}
        >
          <Icon name="chevronDown" className={collapsed ? 'flip' : undefined} />
        </button>
      </header>
      {!collapsed && (
        <ul className="downloads-list">
          {batches
            .slice()
            .reverse()
            .map((b) => (
              <BatchView key={b.batchId} b={b} />
            ))}
        </ul>
      )}
    </section>
  )
}

function BatchView({ b }: { b: Batch }): React.JSX.Element {
  const settled = b.downloaded + b.failed + b.skipped
  const pct = b.filesTotal > 0 ? Math.min(100, Math.round((settled / b.filesTotal) * 100)) : b.state === 'running' ? 0 : 100
  const running = b.state === 'running'
  const { t } = useTranslation()
  return (
    <li className={`batch batch-${b.state}`} aria-label={t('downloads.batch', { label: b.label })}>
      <div className="batch-top">
        <span className="batch-label" title={b.folder}>
          {b.label}
        </span>
        <span className={`batch-state state-${b.state}`}>{t(`downloads.state.${b.state}`)}</span>
      </div>
      <div className="progress" role="progressbar" aria-label={t('downloads.progress', { label: b.label })} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
        <span className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
      <p className="batch-stats">
        <span>{t('downloads.files', { done: b.downloaded, total: b.filesTotal || '…' })}</span>
        <span>{formatBytes(b.bytesReceived)}</span>
        {running && <span>{formatRate(b.rateBytesPerSec)}</span>}
        {running && b.etaMs !== null && <span>{t('downloads.left', { duration: formatDuration(b.etaMs / 1000) })}</span>}
        {b.skipped > 0 && <span>{t('downloads.already', { count: b.skipped })}</span>}
      </p>
      {b.failed > 0 && (
        <details className="batch-failures">
          <summary>{t('downloads.filesFailed', { count: b.failed })}</summary>
          <ul>
            {b.failures.slice(0, 8).map((f) => (
              <li key={`${f.taskId}:${f.index}`}>
                <span className="mono">
                  {f.taskId} #{f.index + 1}
                </span>
                : {f.error}
              </li>
            ))}
            {b.failures.length > 8 && <li>{t('downloads.more', { count: b.failures.length - 8 })}</li>}
          </ul>
        </details>
      )}
      {b.manifestNote && (
        <p className="batch-note" role="note">
          {t(`downloads.manifest.${b.manifestNote}`, { name: MANIFEST_NAME, alt: ALT_MANIFEST_NAME })}
        </p>
      )}
      <div className="batch-actions">
        {running && (
          <button type="button" className="btn btn-small" onClick={() => void useDownloads.getState().cancel(b.batchId)}>
            {t('common.cancel')}
          </button>
        )}
        {!running && b.failures.length > 0 && (
          <button type="button" className="btn btn-small" onClick={() => void retryFailed(b)}>
            <Icon name="refresh" /> {t('downloads.retry')}
          </button>
        )}
        {!running && b.downloaded + b.skipped > 0 && (
          <button type="button" className="btn btn-small" onClick={() => void openDownloadFolder(b)}>
            <Icon name="folder" /> {t('downloads.openFolder')}
          </button>
        )}
        {!running && (
          <button type="button" className="btn btn-small btn-ghost" onClick={() => useDownloads.getState().dismiss(b.batchId)}>
            {t('downloads.dismiss')}
          </button>
        )}
      </div>
    </li>
  )
}
