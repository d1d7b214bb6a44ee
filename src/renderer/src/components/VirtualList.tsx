// A virtual window over fixed-height rows, reusable by any long list (the task table; the gallery uses the same
// virtualizer over its rows): only the rows in view plus overscan exist in the DOM. Which rows those are is
// @tanstack/react-virtual's (measured against the hand-written window it replaced with npm run bench:ui); this
// reports the rendered range so the owner can fetch those rows, keeps one row (the keyboard cursor) in view under
// the sticky header, and goes back to the top when its resetKey changes (lib/virtualWindow.ts has that
// arithmetic). What a row looks like, where it sits (index * rowHeight in the rows element) and what keys do is the
// owner's.
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef, type HTMLAttributes, type ReactNode, type RefObject } from 'react'
import { rowsPerPage, scrollTopToShow, type WindowGeometry } from '../lib/virtualWindow'

export interface VirtualListProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children' | 'onKeyDown' | 'onScroll'> {
  count: number
  rowHeight: number
  overscan?: number
  /** a sticky header rendered inside the scroller, above the rows */
  header?: ReactNode
  headerHeight?: number
  /** rendered after the rows (empty and loading states) */
  footer?: ReactNode
  renderRow(index: number): ReactNode
  /** the rows rendered changed: first..last inclusive (last < first when there are none) */
  onRangeChange?(first: number, last: number): void
  /** a row kept in view (the keyboard cursor) */
  keepInView?: number | null
  /** the DOM id of a row: with keepInView, the scroller's aria-activedescendant while that row is rendered */
  rowId?(index: number): string
  /** when this changes, the list scrolls back to the top (a new filter) */
  resetKey?: unknown
  /** keys, with how many rows a page moves at the current size */
  onKeyDown?(e: React.KeyboardEvent<HTMLDivElement>, pageRows: number): void
  scrollerRef?: RefObject<HTMLDivElement | null>
  rowsClassName?: string
}

export function VirtualList(props: VirtualListProps): React.JSX.Element {
  const { count, rowHeight, overscan = 12, header, headerHeight = 0, footer, renderRow, onRangeChange, keepInView = null, rowId, resetKey, onKeyDown, scrollerRef, rowsClassName, ...rest } = props
  const own = useRef<HTMLDivElement>(null)
  const scroller = scrollerRef ?? own
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan,
    // the rows start below the sticky header
    scrollMargin: headerHeight,
    // a scroll renders in React's own time, not synchronously inside the scroll event (the rows are overscanned)
    useFlushSync: false,
    // rows on the first render, before the scroller is measured
    initialRect: { width: 0, height: 800 }
  })
  const geometry = (): WindowGeometry => {
    const el = scroller.current
    return { top: el?.scrollTop ?? 0, height: el?.clientHeight ?? 800, rowHeight, overscan: 0, headerHeight }
  }

  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0
  }, [resetKey, scroller])

  const items = virtualizer.getVirtualItems()
  const first = items[0]?.index ?? 0
  const last = items.length ? (items[items.length - 1]?.index ?? -1) : -1
  useEffect(() => {
    onRangeChange?.(first, Math.max(first, last))
  }, [first, last, resetKey, onRangeChange])

  useEffect(() => {
    const el = scroller.current
    if (!el || keepInView === null) return
    const to = scrollTopToShow(geometry(), keepInView)
    if (to !== null) el.scrollTop = to
    // geometry() reads the scroller now; the cursor moving is what asks for it
  }, [keepInView, rowHeight, headerHeight, scroller])

  const activeDescendant = rowId && keepInView !== null && keepInView >= first && keepInView <= last ? rowId(keepInView) : undefined
  return (
    <div ref={scroller} {...rest} aria-activedescendant={activeDescendant} onKeyDown={onKeyDown ? (e) => onKeyDown(e, rowsPerPage(geometry())) : undefined}>
      {header}
      <div role="rowgroup" className={rowsClassName} style={{ height: `${count * rowHeight}px` }}>
        {items.map((v) => renderRow(v.index))}
      </div>
      {footer}
    </div>
  )
}
