// The gallery: every result image of the tasks matching the list's filter, as a grid of thumbnails windowed by
// @tanstack/react-virtual (only the rows in view plus a few exist in the DOM), flat or grouped by task. Mouse and
// keys select as in the list (lib/listSelection.ts); Enter or a double click opens the lightbox.
import { useTranslation } from 'react-i18next'
import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { columnsFor, gridRows, type GalleryRow } from '../lib/galleryLayout'
import { applyListKey, isSelected, listKeyAction } from '../lib/listSelection'
import { GALLERY_PAGE } from '../lib/startupAsks'
import { imageKey, setGalleryShown, useGallery } from '../stores/gallery'
import { useTasks } from '../stores/tasks'
import { StatusBadge } from './StatusBadge'
import { GalleryTile } from './GalleryTile'

export const TILE = 152
export const GAP = 8
const ROW_HEIGHT = TILE + GAP
const HEAD_HEIGHT = 64
const PADDING = 12
const GRID_ID = 'gallery-grid'

export function GalleryView(): React.JSX.Element {
  const { t } = useTranslation()
  const geometry = useGallery((s) => s.geometry)
  const mode = useGallery((s) => s.mode)
  const epoch = useGallery((s) => s.epoch)
  const layoutError = useGallery((s) => s.layoutError)
  const scroller = useRef<HTMLDivElement>(null)
  const [width, setWidth] = useState(900)
  useEffect(() => {
    setGalleryShown(true)
    return () => setGalleryShown(false)
  }, [])
  useLayoutEffect(() => {
    const el = scroller.current
    if (!el) return
    const measure = (): void => setWidth(el.clientWidth)
    measure()
    const ro = new ResizeObserver(measure)
    ro.observe(el)
    return () => ro.disconnect()
  }, [])
  const cols = columnsFor(width - 2 * PADDING, TILE, GAP)
  const rows = useMemo(() => (geometry ? gridRows(geometry, cols, mode === 'grouped') : null), [geometry, cols, mode])
  const virtualizer = useVirtualizer({
    count: rows?.count ?? 0,
    getScrollElement: () => scroller.current,
    estimateSize: (r) => (rows?.row(r).kind === 'head' ? HEAD_HEIGHT : ROW_HEIGHT),
    overscan: 2,
    // a scroll re-renders in React's own time rather than synchronously inside the scroll event: rows are
    // overscanned, and a frame that waits for a render shows the same rows a few px further on
    useFlushSync: false,
    paddingStart: PADDING,
    paddingEnd: PADDING,
    initialRect: { width: 900, height: 700 }
  })
  // row sizes depend on the layout and the columns: measure again when they change
  useLayoutEffect(() => virtualizer.measure(), [rows, virtualizer])
  useEffect(() => virtualizer.scrollToOffset(0), [epoch, mode, virtualizer])

  const items = virtualizer.getVirtualItems()
  const firstRow = items[0]?.index ?? 0
  const lastRow = items[items.length - 1]?.index ?? -1
  useEffect(() => {
    if (!rows || lastRow < firstRow) return
    const span = (r: GalleryRow): [number, number] => (r.kind === 'cells' ? [r.from, r.to - 1] : [useGallery.getState().geometry?.starts[r.task] ?? 0, useGallery.getState().geometry?.starts[r.task] ?? 0])
    useGallery.getState().setVisible(span(rows.row(firstRow))[0], span(rows.row(lastRow))[1])
  }, [rows, firstRow, lastRow])

  const cursor = useGallery((s) => s.cursor)
  useEffect(() => {
    if (cursor !== null && rows) virtualizer.scrollToIndex(rows.rowOf(cursor), { align: 'auto' })
  }, [cursor, rows, virtualizer])

  const pageRows = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 700) / ROW_HEIGHT) - 1)
  return (
    <div className="table-wrap">
      {layoutError && (
        <div className="banner banner-error" role="alert">
          <span>{t('gallery.grid.loadError', { error: layoutError })}</span>
          <button type="button" className="btn btn-small" onClick={() => void useGallery.getState().refresh()}>
            {t('common.tryAgain')}
          </button>
        </div>
      )}
      <div
        ref={scroller}
        id={GRID_ID}
        className="table-scroll gallery-scroll"
        role="grid"
        aria-label={t('gallery.grid.label')}
        aria-multiselectable="true"
        aria-rowcount={rows?.count ?? 0}
        aria-activedescendant={cursor !== null && items.length ? `gallery-cell-${cursor}` : undefined}
        tabIndex={0}
        onKeyDown={(e) => onGalleryKey(e, cols, pageRows)}
      >
        <div className="gallery-rows" style={{ height: `${virtualizer.getTotalSize()}px` }}>
          {rows &&
            items.map((v) => {
              const row = rows.row(v.index)
              return <GalleryRowView key={v.key} index={v.index} start={v.start} size={v.size} head={row.kind === 'head' ? row.task : null} from={row.kind === 'cells' ? row.from : 0} to={row.kind === 'cells' ? row.to : 0} />
            })}
        </div>
        <GalleryState />
      </div>
    </div>
  )
}

interface RowViewProps {
  index: number
  start: number
  size: number
  /** the task whose heading this row is, or null for a row of images from..to-1 */
  head: number | null
  from: number
  to: number
}

/** One row, re-rendered only when its place or content changes (a scroll moves rows, it does not change them). */
const GalleryRowView = memo(function GalleryRowView({ index, start, size, head, from, to }: RowViewProps): React.JSX.Element {
  const tiles: React.JSX.Element[] = []
  if (head === null) for (let flat = from; flat < to; flat++) tiles.push(<TileAt key={flat} flat={flat} />)
  return (
    <div role="row" aria-rowindex={index + 1} className="gallery-row" style={{ transform: `translateY(${start}px)`, height: `${size}px`, paddingInline: `${PADDING}px` }}>
      {head === null ? tiles : <GroupHead task={head} />}
    </div>
  )
})

function TileAt({ flat }: { flat: number }): React.JSX.Element {
  // the task (a stable object of a cached page), then its image: a new object per render would never settle
  const task = useGallery((s) => s.taskOf(flat))
  const k = useGallery((s) => s.placeOf(flat))
  const image = task?.images[k]
  const item = useMemo(() => (task && image ? { task, image } : undefined), [task, image])
  const key = item ? imageKey(item.task.taskId, item.image.index) : ''
  const selected = useGallery((s) => key !== '' && isSelected(s, key))
  const cursor = useGallery((s) => s.cursor === flat)
  const retry = useGallery((s) => s.retries.get(key) ?? 0)
  return <GalleryTile flat={flat} item={item} selected={selected} cursor={cursor} retry={retry} onClick={onTileClick} onOpen={openTile} />
}

function GroupHead({ task: place }: { task: number }): React.JSX.Element {
  const { t } = useTranslation()
  const task = useGallery((s) => s.pages.get(Math.floor(place / GALLERY_PAGE))?.[place % GALLERY_PAGE])
  const input = useGallery((s) => (task ? s.inputs.get(task.taskId) : undefined))
  useEffect(() => {
    if (task?.hasInput) useGallery.getState().loadInput(task.taskId)
  }, [task])
  if (!task) return <div className="gallery-head skeleton-text" aria-busy="true" />
  return (
    <div role="rowheader" className="gallery-head">
      {task.hasInput && (input ? <img className="gallery-input" src={input} alt={t('gallery.compare.inputAlt', { taskId: task.taskId })} title={t('gallery.grid.input')} /> : <span className="gallery-input skeleton" />)}
      <StatusBadge status={task.displayStatus} />
      <span className="mono gallery-head-id">{task.taskId}</span>
      <span className="muted">{t('gallery.grid.images', { count: task.images.length })}</span>
      {task.message && <span className="muted gallery-head-msg">{task.message}</span>}
    </div>
  )
}

function GalleryState(): React.JSX.Element | null {
  const { t } = useTranslation()
  const geometry = useGallery((s) => s.geometry)
  const layoutError = useGallery((s) => s.layoutError)
  const filter = useTasks((s) => s.filter)
  if (geometry === null && !layoutError) {
    return (
      <div className="list-state" role="status">
        <span className="spinner" aria-hidden="true" /> {t('gallery.grid.loading')}
      </div>
    )
  }
  if (geometry?.total !== 0) return null
  const filtered = filter.status !== null || filter.search.trim() !== ''
  return (
    <div className="list-state">
      <p className="list-state-title">{filtered ? t('gallery.grid.noMatch') : t('gallery.grid.empty')}</p>
      {!filtered && <p className="muted">{t('gallery.grid.emptyHint')}</p>}
    </div>
  )
}

function onTileClick(flat: number, e: React.MouseEvent): void {
  const s = useGallery.getState()
  document.getElementById(GRID_ID)?.focus({ preventScroll: true })
  if (e.shiftKey) void s.selectRange(flat, e.ctrlKey || e.metaKey)
  else if (e.ctrlKey || e.metaKey) s.toggle(flat)
  else s.selectOnly(flat)
}

/** Opens the lightbox; a tile whose thumbnail could not be had has its task re-queried first (fresh links). */
export function openTile(flat: number, failed: boolean): void {
  const s = useGallery.getState()
  const item = s.itemAt(flat)
  if (failed && item) void s.requeryImage(item.task.taskId, item.image.index)
  s.openLightbox(flat)
}

/** The gallery's keys (lib/listSelection.ts, over a grid: up and down move a row) applied to the gallery store;
 * Enter opens the lightbox. */
function onGalleryKey(e: React.KeyboardEvent, cols: number, pageRows: number): void {
  const s = useGallery.getState()
  const action = listKeyAction(e, s.cursor, s.geometry?.total ?? 0, pageRows * cols, cols)
  if (!action) return
  if (action.kind !== 'clear') e.preventDefault()
  const cur = s.cursor as number
  applyListKey(action, {
    toggle: () => s.toggle(cur),
    activate: () => openTile(cur, false),
    selectAll: () => s.selectAllMatching(),
    clear: () => s.clearSelection(),
    range: (target, additive) => void s.selectRange(target, additive),
    moveCursor: (target, select) => {
      s.setCursor(target)
      if (!select) return
      void s.fetchItem(target).then(() => {
        if (useGallery.getState().cursor === target) useGallery.getState().selectOnly(target)
      })
    }
  })
}
