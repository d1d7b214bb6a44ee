import { useState } from 'react'
import type { ImageRecord } from '../../../shared/history'
import { formatBytes } from '../format'
import { revealImage } from '../stores/actions'
import { useDetail } from '../stores/detail'
import { Icon } from './Icon'

export function ImageGrid({ taskId, images }: { taskId: string; images: ImageRecord[] }): React.JSX.Element {
  const thumbs = useDetail((s) => s.thumbs)
  return (
    <ul className="thumbs" aria-label="Images">
      {images.map((img) => (
        <li key={img.index} className="thumb">
          <button type="button" className="thumb-btn" aria-label={`Open image ${img.index + 1}`} onClick={() => useDetail.getState().setLightbox(img.index)}>
            <Thumb url={thumbs[img.index]} index={img.index} />
          </button>
          <div className="thumb-meta">
            <span className="thumb-size">{img.width && img.height ? `${img.width}×${img.height}` : `Image ${img.index + 1}`}</span>
            {img.downloadState === 'done' ? (
              <button type="button" className="icon-btn" aria-label={`Show image ${img.index + 1} in folder`} title="Show in folder" onClick={() => void revealImage(taskId, img.index)}>
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
  if (url === undefined) return <span className="thumb-img skeleton" aria-hidden="true" />
  if (url === null || failed) {
    return (
      <span className="thumb-img thumb-missing">
        <Icon name="image" />
        <span>No preview</span>
      </span>
    )
  }
  return <img className="thumb-img" src={url} alt={`Preview of image ${index + 1}`} loading="lazy" onError={() => setFailed(true)} />
}

export function DownloadStateLabel({ image, compact }: { image: ImageRecord; compact?: boolean }): React.JSX.Element {
  switch (image.downloadState) {
    case 'done':
      return (
        <span className="dl-state dl-done" title={image.localPath ?? undefined}>
          <Icon name="check" /> Downloaded{!compact && image.bytes ? ` · ${formatBytes(image.bytes)}` : ''}
        </span>
      )
    case 'pending':
      return <span className="dl-state dl-pending">Downloading…</span>
    case 'failed':
      return (
        <span className="dl-state dl-failed" title={image.downloadError ?? undefined}>
          <Icon name="alert" /> {compact ? 'Download failed' : `Download failed${image.downloadError ? `: ${image.downloadError}` : ''}`}
        </span>
      )
    default:
      return <span className="dl-state muted">Not downloaded</span>
  }
}
