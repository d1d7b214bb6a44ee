// Download batches in a dock at the bottom right: visible while the person keeps working.
import { ALT_MANIFEST_NAME, MANIFEST_NAME, type ManifestNote } from '../../../shared/downloads'
import { formatBytes, formatDuration, formatRate, plural } from '../format'
import { openDownloadFolder, retryFailed } from '../stores/actions'
import { useDownloads, type Batch } from '../stores/downloads'
import { Icon } from './Icon'

export function DownloadPanel(): React.JSX.Element | null {
  const batches = useDownloads((s) => s.batches)
  const collapsed = useDownloads((s) => s.collapsed)
  if (batches.length === 0) return null
  const running = batches.filter((b) => b.state === 'running').length
  return (
    <section className={`downloads${collapsed ? ' is-collapsed' : ''}`} aria-labelledby="downloads-title">
      <header className="downloads-head">
        <h2 id="downloads-title" className="downloads-title">
          <Icon name="download" /> Downloads {running ? <span className="muted">· {running} running</span> : null}
        </h2>
        <button
          type="button"
          className="icon-btn"
          aria-expanded={!collapsed}
          aria-label={collapsed ? 'Expand downloads' : 'Collapse downloads'}
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

// The folder is the user's: another program's manifest.json is never replaced, and the person is told where the
// list of downloads went instead.
const MANIFEST_NOTE_WORDS: Record<ManifestNote, string> = {
  alternate: `This folder's ${MANIFEST_NAME} belongs to another program and was left as it is; the list of downloads is in ${ALT_MANIFEST_NAME}.`,
  foreign: `This folder's ${MANIFEST_NAME} and ${ALT_MANIFEST_NAME} belong to other programs and were left as they are; no list of the downloads was written.`
}

const STATE_LABEL: Record<Batch['state'], string> = { running: 'Downloading', done: 'Done', cancelled: 'Cancelled', failed: 'Finished with errors' }

function BatchView({ b }: { b: Batch }): React.JSX.Element {
  const settled = b.downloaded + b.failed + b.skipped
  const pct = b.filesTotal > 0 ? Math.min(100, Math.round((settled / b.filesTotal) * 100)) : b.state === 'running' ? 0 : 100
  const running = b.state === 'running'
  return (
    <li className={`batch batch-${b.state}`} aria-label={`Download ${b.label}`}>
      <div className="batch-top">
        <span className="batch-label" title={b.folder}>
          {b.label}
        </span>
        <span className={`batch-state state-${b.state}`}>{STATE_LABEL[b.state]}</span>
      </div>
      <div className="progress" role="progressbar" aria-label={`${b.label} progress`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
        <span className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
      <p className="batch-stats">
        <span>
          {b.downloaded} of {b.filesTotal || '…'} files
        </span>
        <span>{formatBytes(b.bytesReceived)}</span>
        {running && <span>{formatRate(b.rateBytesPerSec)}</span>}
        {running && b.etaMs !== null && <span>{formatDuration(b.etaMs / 1000)} left</span>}
        {b.skipped > 0 && <span>{b.skipped} already there</span>}
      </p>
      {b.failed > 0 && (
        <details className="batch-failures">
          <summary>{plural(b.failed, 'file')} failed</summary>
          <ul>
            {b.failures.slice(0, 8).map((f) => (
              <li key={`${f.taskId}:${f.index}`}>
                <span className="mono">
                  {f.taskId} #{f.index + 1}
                </span>
                : {f.error}
              </li>
            ))}
            {b.failures.length > 8 && <li>and {b.failures.length - 8} more</li>}
          </ul>
        </details>
      )}
      {b.manifestNote && (
        <p className="batch-note" role="note">
          {MANIFEST_NOTE_WORDS[b.manifestNote]}
        </p>
      )}
      <div className="batch-actions">
        {running && (
          <button type="button" className="btn btn-small" onClick={() => void useDownloads.getState().cancel(b.batchId)}>
            Cancel
          </button>
        )}
        {!running && b.failures.length > 0 && (
          <button type="button" className="btn btn-small" onClick={() => void retryFailed(b)}>
            <Icon name="refresh" /> Retry failed
          </button>
        )}
        {!running && b.downloaded + b.skipped > 0 && (
          <button type="button" className="btn btn-small" onClick={() => void openDownloadFolder(b)}>
            <Icon name="folder" /> Open folder
          </button>
        )}
        {!running && (
          <button type="button" className="btn btn-small btn-ghost" onClick={() => useDownloads.getState().dismiss(b.batchId)}>
            Dismiss
          </button>
        )}
      </div>
    </li>
  )
}
