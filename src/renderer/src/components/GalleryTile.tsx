// One tile of the gallery: a thumbnail loaded through the thumbnail loader (a few at once, given up when the tile
// leaves the window), a clear placeholder when it cannot be had, and the selection mark.
import { useTranslation } from 'react-i18next'
import { memo, useEffect, useRef, useState } from 'react'
import { call } from '../api'
import { createThumbLoader } from '../lib/thumbLoader'
import type { GalleryItem } from '../stores/gallery'
import { Icon } from './Icon'

/** Fetches and decodes one thumbnail off the main thread (decode()), so showing it costs no decode on a scrolling
 * frame; an abort empties src, which cancels the request in flight. */
function decodeImage(url: string, signal: AbortSignal): Promise<HTMLImageElement> {
  const img = new Image()
  img.decoding = 'async'
  signal.addEventListener('abort', () => img.removeAttribute('src'), { once: true })
  img.src = url
  return img.decode().then(() => img)
}

/** One loader for the window: at most four thumbnails fetched and decoded at once. */
export const thumbLoader = createThumbLoader(decodeImage, 4)

interface TileProps {
  flat: number
  item: GalleryItem | undefined
  selected: boolean
  cursor: boolean
  /** bumps after a re-query: ask for the thumbnail again */
  retry: number
  onClick(flat: number, e: React.MouseEvent): void
  onOpen(flat: number, failed: boolean): void
}

export const GalleryTile = memo(function GalleryTile({ flat, item, selected, cursor, retry, onClick, onOpen }: TileProps): React.JSX.Element {
  const { t } = useTranslation()
  const [failed, setFailed] = useState(false)
  if (!item) {
    return (
      <div role="gridcell" className="gtile gtile-placeholder" aria-busy="true">
        <span className="gtile-thumb skeleton" />
      </div>
    )
  }
  const { task, image } = item
  const n = image.index + 1
  return (
    <div
      role="gridcell"
      id={`gallery-cell-${flat}`}
      className={`gtile${selected ? ' is-selected' : ''}${cursor ? ' is-cursor' : ''}`}
      aria-selected={selected}
      aria-label={t('gallery.grid.image', { n, taskId: task.taskId })}
      onClick={(e) => onClick(flat, e)}
      onDoubleClick={() => onOpen(flat, failed)}
    >
      <Thumb key={`${task.taskId}#${image.index}#${retry}`} taskId={task.taskId} index={image.index} onFailed={setFailed} />
      <span className="gtile-mark" aria-hidden="true">
        {selected ? <Icon name="check" /> : null}
      </span>
      {image.downloadState === 'done' && (
        <span className="gtile-done" aria-hidden="true">
          <Icon name="download" />
        </span>
      )}
      <button type="button" className="gtile-open" tabIndex={-1} aria-label={t('gallery.grid.open', { n, taskId: task.taskId })} onClick={(e) => {
        e.stopPropagation()
        onOpen(flat, failed)
      }}>
        <Icon name="search" />
      </button>
    </div>
  )
})

function Thumb({ taskId, index, onFailed }: { taskId: string; index: number; onFailed(failed: boolean): void }): React.JSX.Element {
  const { t } = useTranslation()
  const holder = useRef<HTMLSpanElement>(null)
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading')
  useEffect(() => {
    const ctl = new AbortController()
    const source = (): Promise<string> => call('media:url', { taskId, index, kind: 'thumb' }).then((r) => r.url)
    thumbLoader.load(source, ctl.signal).then(
      (img) => {
        img.className = 'gtile-img'
        img.alt = ''
        img.draggable = false
        holder.current?.replaceChildren(img)
        setState('ready')
        onFailed(false)
      },
      () => {
        if (ctl.signal.aborted) return
        setState('failed')
        onFailed(true)
      }
    )
    return () => ctl.abort()
  }, [taskId, index, onFailed])
  if (state === 'failed') {
    return (
      <span className="gtile-thumb gtile-missing" title={t('gallery.grid.noPreviewHint')}>
        <Icon name="image" />
        <span>{t('gallery.grid.noPreview')}</span>
      </span>
    )
  }
  return <span ref={holder} className={`gtile-thumb${state === 'loading' ? ' skeleton' : ''}`} />
}
