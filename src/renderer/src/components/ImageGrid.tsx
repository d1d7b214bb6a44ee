import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ImageRecord } from '../../../shared/history'
import { formatBytes } from '../format'
import { revealImage } from '../stores/actions'
import { useDetail } from '../stores/detail'
import { Icon } from './Icon'

export function ImageGrid({ taskId, images }: { taskId: string; images: ImageRecord[] }): React.JSX.Element {
  const thumbs = useDetail((s) => s.thumbs)
  const { t } = useTranslation()
  return (
    <ul className="thumbs" aria-label={t('images.images')}>
      {images.map((img) => (
        <li key={img.index} className="thumb">
          <button type="button" className="thumb-btn" aria-label={t('images.open', { n: img.index + 1 })} onClick={() => useDetail.getState().setLightbox(img.index)}>
            <Thumb url={thumbs[img.index]} index={img.index} />
          </button>
          <div className="thumb-meta">
            <span className="thumb-size">{img.width && img.height ? `${img.width}×${img.height}` : t('images.image', { n: img.index + 1 })}</span>
            {img.downloadState === 'done' ? (
              <button type="button" className="icon-btn" aria-label={t('images.showInFolderOf', { n: img.index + 1 })} title={t('images.showInFolder')} onClick={() => void revealImage(taskId, img.index)}>
                <Icon name="folder" />
              </button>
            ) : null}
          </div>
          <DownloadStateLabel image={img} compact />
        </li>
      ))}
    </ul>
  )
}

function Thumb({ url, index }: { url: string | null | undefined; index: number }): React.JSX.Element {
  const [failed, setFailed] = useState(false)
  const { t } = useTranslation()
  if (url === undefined) return <span className="thumb-img skeleton" aria-hidden="true" />
  if (url === null || failed) {
    return (
      <span className="thumb-img thumb-missing">
        <Icon name="image" />
        <span>{t('images.noPreview')}</span>
      </span>
    )
  }
  return <img className="thumb-img" src={url} alt={t('images.preview', { n: index + 1 })} loading="lazy" onError={() => setFailed(true)} />
}

export function DownloadStateLabel({ image, compact }: { image: ImageRecord; compact?: boolean }): React.JSX.Element {
  const { t } = useTranslation()
  switch (image.downloadState) {
    case 'done':
      return (
        <span className="dl-state dl-done" title={image.localPath ?? undefined}>
          <Icon name="check" /> {!compact && image.bytes ? t('images.downloadedSize', { size: formatBytes(image.bytes) }) : t('images.downloaded')}
        </span>
      )
    case 'pending':
      return <span className="dl-state dl-pending">{t('images.downloading')}</span>
    case 'failed':
      return (
        <span className="dl-state dl-failed" title={image.downloadError ?? undefined}>
          <Icon name="alert" /> {!compact && image.downloadError ? t('images.failedWhy', { reason: image.downloadError }) : t('images.failed')}
        </span>
      )
    default:
      return <span className="dl-state muted">{t('images.notDownloaded')}</span>
  }
}
