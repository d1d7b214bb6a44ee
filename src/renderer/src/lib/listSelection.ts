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

/** What a key does to a list (or a grid) with a cursor, before the owner applies it to its own store. */
export type ListKeyAction =
  | { kind: 'toggle' }
  /** Enter: the list selects the row, the gallery opens the image */
  | { kind: 'activate' }
  | { kind: 'selectAll' }
  | { kind: 'clear' }
  | { kind: 'remove' }
  /** the cursor moves: 'range' (shift; added to the selection with ctrl/cmd), 'cursor' (ctrl/cmd: the selection
   * stays), 'select' (the row at the cursor becomes the selection) */
  | { kind: 'move'; target: number; mode: 'range' | 'rangeAdd' | 'cursor' | 'select' }

export interface KeyPress {
  key: string
  shiftKey: boolean
  ctrlKey: boolean
  metaKey: boolean
}

/** The one rule of the keys of a list or grid of `count` items: null when the key is not the list's. Toggle and
 * activate need a cursor; Delete is offered only where `removable`. */
export function listKeyAction(e: KeyPress, cursor: number | null, count: number, pageItems: number, cols = 1, removable = false): ListKeyAction | null {
  if (count === 0) return null
  const mod = e.ctrlKey || e.metaKey
  switch (e.key) {
    case ' ':
      return cursor === null ? null : { kind: 'toggle' }
    case 'Enter':
      return cursor === null ? null : { kind: 'activate' }
    case 'a':
    case 'A':
      return mod ? { kind: 'selectAll' } : null
    case 'Escape':
      return { kind: 'clear' }
    case 'Delete':
    case 'Backspace':
      return removable ? { kind: 'remove' } : null
  }
  const target = cursorAfterKey(e.key, cursor, count, pageItems, cols)
  if (target === null) return null
  return { kind: 'move', target, mode: e.shiftKey ? (mod ? 'rangeAdd' : 'range') : mod ? 'cursor' : 'select' }
}

/** What an owner does for each action (its store's own calls). */
export interface ListKeyHandlers {
  toggle(): void
  activate(): void
  selectAll(): void
  clear(): void
  remove?(): void
  /** shift: select from the anchor to `target` (added to the selection when `additive`) */
  range(target: number, additive: boolean): void
  /** the cursor moves; with `select`, the item there becomes the selection */
  moveCursor(target: number, select: boolean): void
}

export function applyListKey(action: ListKeyAction, h: ListKeyHandlers): void {
  switch (action.kind) {
    case 'toggle':
      return h.toggle()
    case 'activate':
      return h.activate()
    case 'selectAll':
      return h.selectAll()
    case 'clear':
      return h.clear()
    case 'remove':
      return h.remove?.()
    case 'move':
      if (action.mode === 'range' || action.mode === 'rangeAdd') h.range(action.target, action.mode === 'rangeAdd')
      else h.moveCursor(action.target, action.mode === 'select')
  }
}
