// Full-size images of one task: ←/→ move, Esc closes. The full image comes from media:url 'full'.
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ImageRecord } from '../../../shared/history'
import { call, errorMessage } from '../api'
import { revealImage } from '../stores/actions'
import { useDetail } from '../stores/detail'
import { Icon } from './Icon'
import { Modal } from './Modal'
import { DownloadStateLabel } from './ImageGrid'

export function Lightbox(): React.JSX.Element | null {
  const index = useDetail((s) => s.lightbox)
  const detail = useDetail((s) => s.detail)
  const { t } = useTranslation()
  if (index === null || !detail) return null
  const images = detail.images
  const image = images[index]
  if (!image) return null
  return (
    <LightboxShell
      title={t('images.nOfTotal', { n: index + 1, total: images.length })}
      taskId={detail.taskId}
      canMove={images.length > 1}
      onClose={() => useDetail.getState().setLightbox(null)}
      onMove={(delta) => useDetail.getState().setLightbox((index + delta + images.length) % images.length)}
    >
      <FullImage key={`${detail.taskId}:${index}`} taskId={detail.taskId} image={image} />
    </LightboxShell>
  )
}

export interface LightboxShellProps {
  title: string
  taskId: string
  canMove: boolean
  onClose(): void
  onMove(delta: 1 | -1): void
  /** controls in the bar (the gallery's compare modes) */
  tools?: React.ReactNode
  children: React.ReactNode
}

/** The viewer's frame, shared by the detail pane's lightbox and the gallery's: a bar with the title, the task and
 * close; the stage between previous and next; ←/→ move, Esc closes. */
export function LightboxShell({ title, taskId, canMove, onClose, onMove, tools, children }: LightboxShellProps): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <Modal
      onClose={onClose}
      labelledBy="lightbox-title"
      className="lightbox"
      onKeyDown={(e) => {
        // the slider's own arrows move the slider
        if (e.target instanceof HTMLInputElement && e.target.type === 'range') return
        if (e.key === 'ArrowRight') {
          e.preventDefault()
          onMove(1)
        } else if (e.key === 'ArrowLeft') {
          e.preventDefault()
          onMove(-1)
        }
      }}
    >
      <div className="lightbox-bar">
        <h2 id="lightbox-title" className="lightbox-title">
          {title}
        </h2>
        <span className="lightbox-task mono">{taskId}</span>
        {tools}
        <button type="button" className="icon-btn" aria-label={t('images.closeViewer')} onClick={onClose} autoFocus>
          <Icon name="close" />
        </button>
      </div>
      <div className="lightbox-stage">
        {canMove && (
          <button type="button" className="lightbox-nav lightbox-prev" aria-label={t('images.previous')} onClick={() => onMove(-1)}>
            <Icon name="left" />
          </button>
        )}
        {children}
        {canMove && (
          <button type="button" className="lightbox-nav lightbox-next" aria-label={t('images.next')} onClick={() => onMove(1)}>
            <Icon name="right" />
          </button>
        )}
      </div>
    </Modal>
  )
}

const plainFrame = (result: React.ReactNode): React.ReactNode => <div className="lightbox-frame">{result}</div>

/** The full image with its size, download state and "show in folder"; `frame` places it (the gallery puts the input
 * photo beside it, or under a slider). */
export function FullImage({ taskId, image, frame = plainFrame }: { taskId: string; image: ImageRecord; frame?: (result: React.ReactNode) => React.ReactNode }): React.JSX.Element {
  const [url, setUrl] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [size, setSize] = useState<{ w: number; h: number } | null>(image.width && image.height ? { w: image.width, h: image.height } : null)
  const [loaded, setLoaded] = useState(false)
  const { t } = useTranslation()
  useEffect(() => {
    let live = true
    call('media:url', { taskId, index: image.index, kind: 'full' }).then(
      (r) => live && setUrl(r.url),
      (e: unknown) => live && setError(errorMessage(e))
    )
    return () => {
      live = false
    }
  }, [taskId, image.index])
  return (
    <figure className="lightbox-figure">
      {frame(
        error ? (
          <p className="lightbox-error" role="alert">
            {t('images.loadFailed', { reason: error })}
          </p>
        ) : (
          <>
            {!loaded && <span className="spinner spinner-large" role="status" aria-label={t('images.loading')} />}
            {url && (
              <img
                className={`lightbox-img${loaded ? ' is-loaded' : ''}`}
                src={url}
                alt={t('images.alt', { n: image.index + 1, taskId })}
                onLoad={(e) => {
                  setLoaded(true)
                  setSize({ w: e.currentTarget.naturalWidth, h: e.currentTarget.naturalHeight })
                }}
                onError={() => setError(t('images.missingFile'))}
              />
            )}
          </>
        )
      )}
      <figcaption className="lightbox-caption">
        <span className="lightbox-size" aria-label={t('images.size')}>
          {size ? `${size.w} × ${size.h}` : t('images.sizeUnknown')}
        </span>
        <DownloadStateLabel image={image} />
        {image.downloadState === 'done' && (
          <button type="button" className="btn btn-small" onClick={() => void revealImage(taskId, image.index)}>
            <Icon name="folder" /> {t('images.showInFolder')}
          </button>
        )}
      </figcaption>
    </figure>
  )
}
