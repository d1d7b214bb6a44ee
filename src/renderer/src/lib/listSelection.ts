// Selection and keyboard movement over a list that is never fully loaded, as plain functions (the idea of GitHub
// Desktop's list selection helpers): "these ids", or "every row matching the filter except these". The tasks
// store keeps the state; these say what the next state is. DOM-free: unit-tested in vitest.

export interface Selection {
  selected: ReadonlySet<string>
  /** every row matching the filter is selected, except `excluded` */
  allMatching: boolean
  excluded: ReadonlySet<string>
}

const EMPTY: ReadonlySet<string> = new Set()

export const NO_SELECTION: Selection = { selected: EMPTY, allMatching: false, excluded: EMPTY }

export function isSelected(s: Selection, id: string): boolean {
  return s.allMatching ? !s.excluded.has(id) : s.selected.has(id)
}

/** How many rows are selected, out of `total` matching the filter. */
export function selectionCount(s: Selection, total: number): number {
  return s.allMatching ? Math.max(0, total - s.excluded.size) : s.selected.size
}

export function only(id: string): Selection {
  return { selected: new Set([id]), allMatching: false, excluded: EMPTY }
}

export function allMatching(): Selection {
  return { selected: EMPTY, allMatching: true, excluded: EMPTY }
}

/** One row in or out (ctrl/cmd-click, space): in "all matching", it is an exclusion. */
export function toggled(s: Selection, id: string): Selection {
  const flip = (set: ReadonlySet<string>): Set<string> => {
    const next = new Set(set)
    if (next.has(id)) next.delete(id)
    else next.add(id)
    return next
  }
  return s.allMatching ? { ...s, excluded: flip(s.excluded) } : { ...s, selected: flip(s.selected) }
}

/** A shift-range: the ids of rows anchor..index; added to the explicit selection when `additive` (ctrl+shift). */
export function withRange(s: Selection, rangeIds: readonly string[], additive: boolean): Selection {
  const base = additive && !s.allMatching ? s.selected : EMPTY
  return { selected: new Set([...base, ...rangeIds]), allMatching: false, excluded: EMPTY }
}

/** The rows between the anchor (or the index itself, without one) and the index, inclusive, in order. */
export function rangeBounds(anchor: number | null, index: number): [number, number] {
  const a = anchor ?? index
  return a <= index ? [a, index] : [index, a]
}

/** Removed rows leave the selection (and the exclusions). */
export function without(s: Selection, ids: readonly string[]): Selection {
  const gone = new Set(ids)
  return { ...s, selected: new Set([...s.selected].filter((id) => !gone.has(id))), excluded: new Set([...s.excluded].filter((id) => !gone.has(id))) }
}

/** Where a navigation key moves the cursor in a list of `count` rows showing `pageRows` at once; null: not one.
 * A grid of `cols` columns (the gallery) is the same list read in rows: up and down move a row, left and right one. */
export function cursorAfterKey(key: string, cursor: number | null, count: number, pageRows: number, cols = 1): number | null {
  if (count === 0) return null
  const cur = cursor ?? -1
  switch (key) {
    case 'ArrowDown':
      return cur < 0 ? 0 : Math.min(count - 1, cur + cols)
    case 'ArrowUp':
      return Math.max(0, cur < 0 ? 0 : cur - cols)
    case 'ArrowRight':
      return cols > 1 ? Math.min(count - 1, cur + 1) : null
    case 'ArrowLeft':
      return cols > 1 ? Math.max(0, cur - 1) : null
    case 'PageDown':
      return Math.min(count - 1, cur + pageRows)
    case 'PageUp':
      return Math.max(0, cur - pageRows)
    case 'Home':
      return 0
    case 'End':
      return count - 1
    default:
      return null
  }
}
