// A virtual window over fixed-height rows for the task table: only the rows in view plus overscan exist in the DOM.
// It measures its scroller, reports the rendered range so the owner can fetch those rows, keeps one row (the
// keyboard cursor) in view, and goes back to the top when its resetKey changes. The arithmetic is
// lib/virtualWindow.ts; what a row looks like and what keys do is the owner's. Kept over @tanstack/react-virtual
// (which the gallery uses for its mixed-height rows) because the list measured worse on it with npm run bench:ui:
// at 100,000 tasks a slower p95 frame, and rows still placeholders 10 s after a fast scroll reached the bottom.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type HTMLAttributes, type ReactNode, type RefObject } from 'react'
import { rowsPerPage, scrollTopToShow, slotKey, windowRows, type WindowGeometry } from '../lib/virtualWindow'

export interface VirtualListProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children' | 'onKeyDown' | 'onScroll'> {
  count: number
  rowHeight: number
  overscan?: number
  /** a sticky header rendered inside the scroller, above the rows */
  header?: ReactNode
  headerHeight?: number
  /** rendered after the rows (empty and loading states) */
  footer?: ReactNode
  /** row `index`, with `slot` as its React key (see slotKey: the DOM row is reused as the window moves) */
  renderRow(index: number, slot: number): ReactNode
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
  const [view, setView] = useState({ top: 0, height: 800 })
  const geometry = (top: number, height: number): WindowGeometry => ({ top, height, rowHeight, overscan, headerHeight })

  const measure = useCallback(() => {
    const el = scroller.current
    if (el) setView((v) => (v.top === el.scrollTop && v.height === el.clientHeight ? v : { top: el.scrollTop, height: el.clientHeight }))
  }, [scroller])
  useLayoutEffect(() => {
    const el = scroller.current
    if (!el) return
    measure()
    const ro = new ResizeObserver(measure)
    ro.observe(el)
    return () => ro.disconnect()
  }, [measure, scroller])
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0
  }, [resetKey, scroller])

  const [first, last] = windowRows(geometry(view.top, view.height), count)
  useEffect(() => {
    onRangeChange?.(first, Math.max(first, last))
  }, [first, last, resetKey, onRangeChange])

  useEffect(() => {
    const el = scroller.current
    if (!el || keepInView === null) return
    const to = scrollTopToShow({ top: el.scrollTop, height: el.clientHeight, rowHeight, overscan: 0, headerHeight }, keepInView)
    if (to !== null) el.scrollTop = to
  }, [keepInView, rowHeight, headerHeight, scroller])

  const rows: ReactNode[] = []
  const g = geometry(view.top, view.height)
  for (let i = first; i <= last; i++) rows.push(renderRow(i, slotKey(i, g)))
  const activeDescendant = rowId && keepInView !== null && keepInView >= first && keepInView <= last ? rowId(keepInView) : undefined
  return (
    <div ref={scroller} {...rest} aria-activedescendant={activeDescendant} onScroll={measure} onKeyDown={onKeyDown ? (e) => onKeyDown(e, rowsPerPage(geometry(view.top, view.height))) : undefined}>
      {header}
      <div role="rowgroup" className={rowsClassName} style={{ height: `${count * rowHeight}px` }}>
        {rows}
      </div>
      {footer}
    </div>
  )
}
