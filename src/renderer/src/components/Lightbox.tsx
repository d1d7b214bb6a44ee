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
  const close = () => useDetail.getState().setLightbox(null)
  const go = (delta: number) => useDetail.getState().setLightbox((index + delta + images.length) % images.length)
  return (
    <Modal
      onClose={close}
      labelledBy="lightbox-title"
      className="lightbox"
      onKeyDown={(e) => {
        if (e.key === 'ArrowRight') {
          e.preventDefault()
          go(1)
        } else if (e.key === 'ArrowLeft') {
          e.preventDefault()
          go(-1)
        }
      }}
    >
      <div className="lightbox-bar">
        <h2 id="lightbox-title" className="lightbox-title">
          {t('images.nOfTotal', { n: index + 1, total: images.length })}
        </h2>
        <span className="lightbox-task mono">{detail.taskId}</span>
        <button type="button" className="icon-btn" aria-label={t('images.closeViewer')} onClick={close} autoFocus>
          <Icon name="close" />
        </button>
      </div>
      <div className="lightbox-stage">
        {images.length > 1 && (
          <button type="button" className="lightbox-nav lightbox-prev" aria-label={t('images.previous')} onClick={() => go(-1)}>
            <Icon name="left" />
          </button>
        )}
        <FullImage key={`${detail.taskId}:${index}`} taskId={detail.taskId} image={image} />
        {images.length > 1 && (
          <button type="button" className="lightbox-nav lightbox-next" aria-label={t('images.next')} onClick={() => go(1)}>
            <Icon name="right" />
          </button>
        )}
      </div>
    </Modal>
  )
}

function FullImage({ taskId, image }: { taskId: string; image: ImageRecord }): React.JSX.Element {
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
      <div className="lightbox-frame">
        {error ? (
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
        )}
      </div>
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
