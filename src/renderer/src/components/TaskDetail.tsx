// The side panel for one task: images, what Aidge said, the last error with its documented meaning, actions.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TaskDetail as Detail } from '../../../shared/ipc'
import { errorMeaning } from '../explain'
import { formatDateTime } from '../format'
import { t } from '../i18n'
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
  const { t } = useTranslation()
  if (taskId === null) return null
  const close = () => useDetail.getState().open(null)
  return (
    <aside className="detail" aria-label={t('detail.panel')}>
      <div className="detail-head">
        <h2 className="detail-title">{t('detail.title')}</h2>
        <div className="detail-head-actions">
          <button type="button" className="icon-btn icon-btn-danger" aria-label={t('detail.remove')} title={t('detail.remove')} onClick={() => void removeOne(taskId)}>
            <Icon name="trash" />
          </button>
          <button type="button" className="icon-btn" aria-label={t('detail.close')} title={t('common.close')} onClick={close}>
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
            <span className="spinner" aria-hidden="true" /> {t('detail.loading')}
          </div>
        )}
        {error && (
          <div className="notice notice-error" role="alert">
            <Icon name="alert" />
            <div>
              <p className="notice-title">{error}</p>
              <button type="button" className="btn btn-small" onClick={() => void useDetail.getState().reload()}>
                {t('common.tryAgain')}
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
  const { t } = useTranslation()
  return (
    <section className="detail-section" aria-labelledby="detail-input">
      <h3 id="detail-input" className="detail-subtitle">
        {t('detail.inputPhoto')}
      </h3>
      <div className="input-photo">
        {input.thumbnail ? <img src={input.thumbnail} alt={t('detail.inputAlt')} className="input-thumb" /> : <div className="input-thumb photo-thumb-empty" aria-hidden="true" />}
        <dl className="facts">
          <dt>{t('detail.photo')}</dt>
          <dd className="selectable" title={input.input}>
            {input.input.split(/[\\/]/).pop()}
            {input.fitted ? <span className="muted">{t('detail.fitted')}</span> : null}
          </dd>
          <dt>{t('detail.parameters')}</dt>
          <dd>
            {p.model} · {p.gender ?? t('detail.genderGuessed')} · {p.age} · {p.bgStyle} · {t('detail.px', { size: p.dimension })} · {t('common.images', { count: p.count })}
            {p.keepBackground ? t('detail.backgroundKept') : ''}
          </dd>
          <dt>{t('detail.submitted')}</dt>
          <dd>{formatDateTime(input.submittedAt)}</dd>
        </dl>
      </div>
    </section>
  )
}

function DetailBody({ detail }: { detail: Detail }): React.JSX.Element {
  const requerying = useDetail((s) => s.requerying)
  const [rawOpen, setRawOpen] = useState(false)
  const { t } = useTranslation()
  const err = detail.lastError
  const meaning = err ? errorMeaning(err) : null
  return (
    <>
      <div className="detail-status">
        <StatusBadge status={detail.displayStatus} />
        {detail.tracking === 'active' && <span className="muted">{t('detail.tracking')}</span>}
      </div>
      <div className="detail-actions">
        <button type="button" className="btn btn-small" disabled={requerying} onClick={() => void requery(detail.taskId)}>
          <Icon name="refresh" /> {requerying ? t('detail.querying') : t('detail.queryAgain')}
        </button>
        <button
          type="button"
          className="btn btn-small"
          disabled={detail.displayStatus !== 'finished' || detail.images.length === 0}
          onClick={() => useUi.getState().openDownload({ kind: 'task', taskId: detail.taskId })}
        >
          <Icon name="download" /> {t('detail.download')}
        </button>
      </div>

      {detail.input && <InputPhoto input={detail.input} />}

      <section className="detail-section" aria-labelledby="detail-images">
        <h3 id="detail-images" className="detail-subtitle">
          {t('detail.images')} <span className="muted">{detail.images.length ? t('detail.imagesDownloaded', { done: detail.imagesDownloaded, total: detail.images.length }) : ''}</span>
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
            {t('detail.lastError')}
          </h3>
          <div className="error-box">
            <p className="error-code">
              <span className="mono">{err.code}</span> · {err.kind}
              {detail.lastErrorAt ? <span className="muted"> · {formatDateTime(detail.lastErrorAt)}</span> : null}
            </p>
            <p>{err.message}</p>
            {meaning && (
              <p className="error-meaning">
                <strong>{t('detail.whatItMeans')}</strong> {meaning}
              </p>
            )}
          </div>
        </section>
      )}

      <section className="detail-section" aria-labelledby="detail-info">
        <h3 id="detail-info" className="detail-subtitle">
          {t('detail.details')}
        </h3>
        <dl className="facts">
          <dt>{t('detail.message')}</dt>
          <dd>{detail.message ?? <span className="muted">{t('detail.none')}</span>}</dd>
          <dt>{t('detail.aidgeStatus')}</dt>
          <dd>{detail.status ?? <span className="muted">{t('detail.notAnswered')}</span>}</dd>
          <dt>{t('detail.added')}</dt>
          <dd>{formatDateTime(detail.addedAt)}</dd>
          <dt>{t('detail.finished')}</dt>
          <dd>{formatDateTime(detail.finishedAt)}</dd>
          <dt>{t('detail.lastQueried')}</dt>
          <dd>
            {formatDateTime(detail.lastQueriedAt)}
            {detail.queryCount ? <span className="muted"> · {t('detail.queries', { count: detail.queryCount })}</span> : null}
          </dd>
          <dt>{t('detail.requestId')}</dt>
          <dd className="mono selectable">{detail.lastRequestId ?? <span className="muted">—</span>}</dd>
        </dl>
      </section>

      <details className="raw" onToggle={(e) => setRawOpen(e.currentTarget.open)}>
        <summary>{t('detail.raw')}</summary>
        {rawOpen && <pre className="raw-pre">{detail.lastResponse ? pretty(detail.lastResponse) : t('detail.noResponse')}</pre>}
      </details>
    </>
  )
}

function noImagesText(status: string): string {
  switch (status) {
    case 'finished':
    case 'failed':
    case 'error':
    case 'stale':
      return t(`detail.noImages.${status}`)
    default:
      return t('detail.noImages.other')
  }
}

function pretty(raw: string): string {
  try {
    return JSON.stringify(JSON.parse(raw), null, 2)
  } catch {
    return raw
  }
}
