// The side panel for one task: images, what Aidge said, the last error with its documented meaning, actions.
import { useState } from 'react'
import type { TaskDetail as Detail } from '../../../shared/ipc'
import { errorMeaning } from '../explain'
import { formatDateTime, plural } from '../format'
import { removeOne, requery } from '../stores/actions'
import { useDetail } from '../stores/detail'
import { useUi } from '../stores/ui'
import { Icon } from './Icon'
import { ImageGrid } from './ImageGrid'
import { StatusBadge } from './StatusBadge'

export function TaskDetail(): React.JSX.Element | null {
  const taskId = useDetail((s) => s.taskId)
  const detail = useDetail((s) => s.detail)
  const loading = useDetail((s) => s.loading)
  const error = useDetail((s) => s.error)
  if (taskId === null) return null
  const close = () => useDetail.getState().open(null)
  return (
    <aside className="detail" aria-label="Task detail">
      <div className="detail-head">
        <h2 className="detail-title">Task</h2>
        <div className="detail-head-actions">
          <button type="button" className="icon-btn icon-btn-danger" aria-label="Remove this task" title="Remove this task" onClick={() => void removeOne(taskId)}>
            <Icon name="trash" />
          </button>
          <button type="button" className="icon-btn" aria-label="Close task detail" title="Close" onClick={close}>
            <Icon name="close" />
          </button>
        </div>
      </div>
      <div className="detail-scroll">
        <p className="detail-id mono" title={taskId}>
          {taskId}
        </p>
        {loading && (
          <div className="panel-state" role="status">
            <span className="spinner" aria-hidden="true" /> Loading…
          </div>
        )}
        {error && (
          <div className="notice notice-error" role="alert">
            <Icon name="alert" />
            <div>
              <p className="notice-title">{error}</p>
              <button type="button" className="btn btn-small" onClick={() => void useDetail.getState().reload()}>
                Try again
              </button>
            </div>
          </div>
        )}
        {detail && <DetailBody detail={detail} />}
      </div>
    </aside>
  )
}

/** The garment photo the task was created from here, beside its results. */
function InputPhoto({ input }: { input: NonNullable<Detail['input']> }): React.JSX.Element {
  const p = input.params
  return (
    <section className="detail-section" aria-labelledby="detail-input">
      <h3 id="detail-input" className="detail-subtitle">
        Input photo
      </h3>
      <div className="input-photo">
        {input.thumbnail ? <img src={input.thumbnail} alt="The garment photo this task was created from" className="input-thumb" /> : <div className="input-thumb photo-thumb-empty" aria-hidden="true" />}
        <dl className="facts">
          <dt>Photo</dt>
          <dd className="selectable" title={input.input}>
            {input.input.split(/[\\/]/).pop()}
            {input.fitted ? <span className="muted"> · fitted into the limits</span> : null}
          </dd>
          <dt>Parameters</dt>
          <dd>
            {p.model} · {p.gender ?? 'gender guessed'} · {p.age} · {p.bgStyle} · {p.dimension} px · {plural(p.count, 'image')}
            {p.keepBackground ? ' · background kept' : ''}
          </dd>
          <dt>Submitted</dt>
          <dd>{formatDateTime(input.submittedAt)}</dd>
        </dl>
      </div>
    </section>
  )
}

function DetailBody({ detail }: { detail: Detail }): React.JSX.Element {
  const requerying = useDetail((s) => s.requerying)
  const [rawOpen, setRawOpen] = useState(false)
  const err = detail.lastError
  const meaning = err ? errorMeaning(err) : null
  return (
    <>
      <div className="detail-status">
        <StatusBadge status={detail.displayStatus} />
        {detail.tracking === 'active' && <span className="muted">tracking</span>}
      </div>
      <div className="detail-actions">
        <button type="button" className="btn btn-small" disabled={requerying} onClick={() => void requery(detail.taskId)}>
          <Icon name="refresh" /> {requerying ? 'Querying…' : 'Query again'}
        </button>
        <button
          type="button"
          className="btn btn-small"
          disabled={detail.displayStatus !== 'finished' || detail.images.length === 0}
          onClick={() => useUi.getState().openDownload({ kind: 'task', taskId: detail.taskId })}
        >
          <Icon name="download" /> Download…
        </button>
      </div>

      {detail.input && <InputPhoto input={detail.input} />}

      <section className="detail-section" aria-labelledby="detail-images">
        <h3 id="detail-images" className="detail-subtitle">
          Images <span className="muted">{detail.images.length ? `${detail.imagesDownloaded}/${detail.images.length} downloaded` : ''}</span>
        </h3>
        {detail.images.length > 0 ? (
          <ImageGrid taskId={detail.taskId} images={detail.images} />
        ) : (
          <p className="muted">{noImagesText(detail.displayStatus)}</p>
        )}
      </section>

      {err && (
        <section className="detail-section" aria-labelledby="detail-error">
          <h3 id="detail-error" className="detail-subtitle">
            Last error
          </h3>
          <div className="error-box">
            <p className="error-code">
              <span className="mono">{err.code}</span> · {err.kind}
              {detail.lastErrorAt ? <span className="muted"> · {formatDateTime(detail.lastErrorAt)}</span> : null}
            </p>
            <p>{err.message}</p>
            {meaning && (
              <p className="error-meaning">
                <strong>What it means:</strong> {meaning}
              </p>
            )}
          </div>
        </section>
      )}

      <section className="detail-section" aria-labelledby="detail-info">
        <h3 id="detail-info" className="detail-subtitle">
          Details
        </h3>
        <dl className="facts">
          <dt>Message</dt>
          <dd>{detail.message ?? <span className="muted">none</span>}</dd>
          <dt>Aidge status</dt>
          <dd>{detail.status ?? <span className="muted">not answered yet</span>}</dd>
          <dt>Added</dt>
          <dd>{formatDateTime(detail.addedAt)}</dd>
          <dt>Finished</dt>
          <dd>{formatDateTime(detail.finishedAt)}</dd>
          <dt>Last queried</dt>
          <dd>
            {formatDateTime(detail.lastQueriedAt)}
            {detail.queryCount ? <span className="muted"> · {plural(detail.queryCount, 'query', 'queries')}</span> : null}
          </dd>
          <dt>Request id</dt>
          <dd className="mono selectable">{detail.lastRequestId ?? <span className="muted">—</span>}</dd>
        </dl>
      </section>

      <details className="raw" onToggle={(e) => setRawOpen(e.currentTarget.open)}>
        <summary>Last response (raw)</summary>
        {rawOpen && <pre className="raw-pre">{detail.lastResponse ? pretty(detail.lastResponse) : 'No response recorded yet.'}</pre>}
      </details>
    </>
  )
}

function noImagesText(status: string): string {
  switch (status) {
    case 'finished':
      return 'This task produced no images.'
    case 'failed':
      return 'Aidge could not generate images for this task.'
    case 'error':
      return 'No images: tracking stopped on an error (see below). Query again to retry.'
    case 'stale':
      return 'No images yet: the task made no progress for too long. Query again to resume.'
    default:
      return 'Images appear here when the task has finished.'
  }
}

function pretty(raw: string): string {
  try {
    return JSON.stringify(JSON.parse(raw), null, 2)
  } catch {
    return raw
  }
}
