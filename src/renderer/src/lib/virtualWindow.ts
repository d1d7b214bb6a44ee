// The arithmetic of a virtual window over fixed-height rows: which rows exist in the DOM, how many fit a page, and
// where to scroll so a row is in view. DOM-free (VirtualList.tsx applies it); unit-tested in vitest.

export interface WindowGeometry {
  /** scrollTop of the scrolling element */
  top: number
  /** its clientHeight */
  height: number
  rowHeight: number
  /** rows rendered above and below the visible ones */
  overscan: number
  /** height of a sticky header inside the scroller, which hides rows under it */
  headerHeight?: number
}

/** The first and last row (inclusive) to render; last < first when there are no rows. */
export function windowRows(g: WindowGeometry, count: number): [number, number] {
  const first = Math.max(0, Math.floor(g.top / g.rowHeight) - g.overscan)
  const last = Math.min(count - 1, Math.ceil((g.top + g.height) / g.rowHeight) + g.overscan)
  return [first, last]
}

/** Rows a PageUp/PageDown moves: what fits under the header, less one so a row stays for context. */
export function rowsPerPage(g: WindowGeometry): number {
  return Math.max(1, Math.floor((g.height - (g.headerHeight ?? 0)) / g.rowHeight) - 1)
}

/** The scrollTop that brings row `index` fully into view, or null when it is already. */
export function scrollTopToShow(g: WindowGeometry, index: number): number | null {
  const rowTop = index * g.rowHeight
  const visible = g.height - (g.headerHeight ?? 0)
  if (rowTop < g.top) return rowTop
  if (rowTop + g.rowHeight > g.top + visible) return rowTop + g.rowHeight - visible
  return null
}
