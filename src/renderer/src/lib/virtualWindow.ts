// The arithmetic of a window over fixed-height rows under a sticky header: how many fit a page, and where to scroll
// so a row is in view. (Which rows exist in the DOM is @tanstack/react-virtual's.) DOM-free (VirtualList.tsx
// applies it); unit-tested in vitest.

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
