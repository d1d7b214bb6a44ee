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

/** How many rows the window holds once it has left the top: the rows that fit, one cut at each edge, and the
 * overscan on both sides. It depends on the height only, so the window keeps its size as it moves (see slotKey). */
export function windowSize(g: WindowGeometry): number {
  return Math.ceil(g.height / g.rowHeight) + 1 + 2 * g.overscan
}

/** The first and last row (inclusive) to render: windowSize rows ending `overscan` below the last visible one, fewer
 * at the top (nothing above it to hold), reaching further up at the bottom; last < first when there are no rows. */
export function windowRows(g: WindowGeometry, count: number): [number, number] {
  const last = Math.min(count - 1, Math.ceil((g.top + g.height) / g.rowHeight) + g.overscan)
  return [Math.max(0, last - windowSize(g) + 1), last]
}

/**
 * The React key of row `index`: its index modulo the window's size. The window's keys are distinct; a row that
 * stays in the window keeps its key, and a row scrolled in takes the key of the one scrolled out, so React updates
 * that DOM row in place instead of removing one and building another (dragging the scrollbar, the whole window
 * changes every frame).
 */
export function slotKey(index: number, g: WindowGeometry): number {
  return index % windowSize(g)
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
