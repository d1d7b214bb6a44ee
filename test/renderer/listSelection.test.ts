// The task list's selection and its virtual window as plain functions (src/renderer/src/lib/): what each click
// and key does to the selection, where the cursor goes, which rows exist and where the list scrolls.
import { describe, expect, it } from 'vitest'
import {
  allMatching,
  cursorAfterKey,
  listKeyAction,
  isSelected,
  NO_SELECTION,
  only,
  rangeBounds,
  selectionCount,
  toggled,
  withRange,
  without,
  type Selection
} from '../../src/renderer/src/lib/listSelection'
import { rowsPerPage, scrollTopToShow, slotKey, windowRows, windowSize } from '../../src/renderer/src/lib/virtualWindow'

const ids = (s: Selection): string[] => [...s.selected].sort()

describe('selection', () => {
  it('a click selects one row; ctrl-click toggles rows in and out', () => {
    let s = only('a')
    expect(ids(s)).toEqual(['a'])
    s = toggled(s, 'b')
    expect(ids(s)).toEqual(['a', 'b'])
    s = toggled(s, 'a')
    expect(ids(s)).toEqual(['b'])
    expect(isSelected(s, 'b')).toBe(true)
    expect(isSelected(s, 'a')).toBe(false)
    expect(selectionCount(s, 1000)).toBe(1)
  })

  it('"all matching" counts the filter\'s total minus exclusions, and ctrl-click excludes', () => {
    let s = allMatching()
    expect(selectionCount(s, 100_000)).toBe(100_000)
    s = toggled(toggled(s, 'x'), 'y')
    expect(isSelected(s, 'x')).toBe(false)
    expect(isSelected(s, 'never-loaded')).toBe(true)
    expect(selectionCount(s, 100_000)).toBe(99_998)
    s = toggled(s, 'x')
    expect(selectionCount(s, 100_000)).toBe(99_999)
    expect(selectionCount(s, 0)).toBe(0)
  })

  it('shift selects the range from the anchor, either way; ctrl+shift adds it to an explicit selection', () => {
    expect(rangeBounds(5, 2)).toEqual([2, 5])
    expect(rangeBounds(2, 5)).toEqual([2, 5])
    expect(rangeBounds(null, 7)).toEqual([7, 7])
    const base = only('a')
    expect(ids(withRange(base, ['c', 'd'], false))).toEqual(['c', 'd'])
    expect(ids(withRange(base, ['c', 'd'], true))).toEqual(['a', 'c', 'd'])
    // a range out of "all matching" is a plain explicit selection
    const fromAll = withRange(toggled(allMatching(), 'z'), ['c'], true)
    expect(fromAll).toEqual({ selected: new Set(['c']), allMatching: false, excluded: new Set() })
  })

  it('removed rows leave the selection and the exclusions', () => {
    expect(ids(without(withRange(NO_SELECTION, ['a', 'b', 'c'], false), ['b']))).toEqual(['a', 'c'])
    const s = without(toggled(toggled(allMatching(), 'a'), 'b'), ['a'])
    expect([...s.excluded]).toEqual(['b'])
    expect(s.allMatching).toBe(true)
  })
})

describe('the keyboard cursor', () => {
  it.each([
    ['ArrowDown', null, 0],
    ['ArrowDown', 3, 4],
    ['ArrowDown', 9, 9],
    ['ArrowUp', null, 0],
    ['ArrowUp', 3, 2],
    ['ArrowUp', 0, 0],
    ['PageDown', 2, 7],
    ['PageDown', 8, 9],
    ['PageUp', 7, 2],
    ['PageUp', 3, 0],
    ['Home', 5, 0],
    ['End', 1, 9]
  ])('%s from %s in 10 rows, 5 a page -> %s', (key, from, to) => {
    expect(cursorAfterKey(key, from, 10, 5)).toBe(to)
  })

  it('other keys, and an empty list, move nothing; a list has no left and right', () => {
    expect(cursorAfterKey('x', 1, 10, 5)).toBeNull()
    expect(cursorAfterKey('ArrowDown', null, 0, 5)).toBeNull()
    expect(cursorAfterKey('ArrowRight', 1, 10, 5)).toBeNull()
    expect(cursorAfterKey('ArrowLeft', 1, 10, 5)).toBeNull()
  })

  it('a grid (the gallery, 4 columns of 10 images) is the same list read in rows', () => {
    expect(cursorAfterKey('ArrowDown', 1, 10, 8, 4)).toBe(5)
    expect(cursorAfterKey('ArrowDown', 7, 10, 8, 4)).toBe(9)
    expect(cursorAfterKey('ArrowUp', 5, 10, 8, 4)).toBe(1)
    expect(cursorAfterKey('ArrowUp', 2, 10, 8, 4)).toBe(0)
    expect(cursorAfterKey('ArrowRight', 3, 10, 8, 4)).toBe(4)
    expect(cursorAfterKey('ArrowRight', 9, 10, 8, 4)).toBe(9)
    expect(cursorAfterKey('ArrowLeft', 4, 10, 8, 4)).toBe(3)
    expect(cursorAfterKey('ArrowDown', null, 10, 8, 4)).toBe(0)
  })
})

describe('list keys, one rule for the list and the gallery', () => {
  const key = (k: string, mods: Partial<{ shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }> = {}) => ({ key: k, shiftKey: false, ctrlKey: false, metaKey: false, ...mods })
  it('moves select, extend with shift (added with ctrl), and only move the cursor with ctrl or cmd', () => {
    expect(listKeyAction(key('ArrowDown'), 2, 10, 5)).toEqual({ kind: 'move', target: 3, mode: 'select' })
    expect(listKeyAction(key('ArrowDown', { shiftKey: true }), 2, 10, 5)).toEqual({ kind: 'move', target: 3, mode: 'range' })
    expect(listKeyAction(key('End', { shiftKey: true, metaKey: true }), 2, 10, 5)).toEqual({ kind: 'move', target: 9, mode: 'rangeAdd' })
    expect(listKeyAction(key('ArrowUp', { ctrlKey: true }), 2, 10, 5)).toEqual({ kind: 'move', target: 1, mode: 'cursor' })
    expect(listKeyAction(key('ArrowDown'), 2, 10, 8, 4)).toEqual({ kind: 'move', target: 6, mode: 'select' })
  })
  it('space toggles and Enter activates at the cursor; select all needs ctrl or cmd; Delete only where rows can go', () => {
    expect(listKeyAction(key(' '), 4, 10, 5)).toEqual({ kind: 'toggle' })
    expect(listKeyAction(key(' '), null, 10, 5)).toBeNull()
    expect(listKeyAction(key('Enter'), 4, 10, 5)).toEqual({ kind: 'activate' })
    expect(listKeyAction(key('a', { ctrlKey: true }), null, 10, 5)).toEqual({ kind: 'selectAll' })
    expect(listKeyAction(key('a'), null, 10, 5)).toBeNull()
    expect(listKeyAction(key('Escape'), null, 10, 5)).toEqual({ kind: 'clear' })
    expect(listKeyAction(key('Delete'), 1, 10, 5, 1, true)).toEqual({ kind: 'remove' })
    expect(listKeyAction(key('Delete'), 1, 10, 5)).toBeNull()
    expect(listKeyAction(key('ArrowDown'), null, 0, 5)).toBeNull()
  })
})

describe('the virtual window', () => {
  const g = { top: 0, height: 340, rowHeight: 34, overscan: 2, headerHeight: 34 }

  it('renders the rows in view plus overscan, as many wherever it is, never past the ends', () => {
    expect(windowSize(g)).toBe(15)
    // at the top, only the overscan below
    expect(windowRows(g, 1000)).toEqual([0, 12])
    expect(windowRows({ ...g, top: 3400 }, 1000)).toEqual([98, 112])
    expect(windowRows({ ...g, top: 3417 }, 1000)).toEqual([99, 113])
    // at the bottom the window reaches further up instead of shrinking
    expect(windowRows({ ...g, top: 3400 }, 105)).toEqual([90, 104])
    expect(windowRows(g, 9)).toEqual([0, 8])
    expect(windowRows(g, 0)).toEqual([0, -1])
  })

  it('a page is what fits under the header, less one row', () => {
    expect(rowsPerPage(g)).toBe(8)
    expect(rowsPerPage({ ...g, height: 40 })).toBe(1)
  })

  it('scrolls a row into view from above or below, and not when it is in view', () => {
    const at = { ...g, top: 340 }
    expect(scrollTopToShow(at, 5)).toBe(170)
    expect(scrollTopToShow(at, 12)).toBeNull()
    // row 20's bottom (714) must clear the visible height under the header (306)
    expect(scrollTopToShow(at, 20)).toBe(714 - 306)
  })

  it('keys rows by slot: distinct within a window, kept by rows that stay, handed on to rows scrolled in', () => {
    const keys = (top: number, count: number): number[] => {
      const [first, last] = windowRows({ ...g, top }, count)
      return Array.from({ length: last - first + 1 }, (_, i) => slotKey(first + i, { ...g, top }))
    }
    expect(new Set(keys(0, 3000)).size).toBe(13)
    for (const top of [1234, 3400, 99_000]) expect(new Set(keys(top, 3000)).size).toBe(15)
    // leaving the top, the rows there keep their keys
    expect(keys(34, 3000).slice(0, 12)).toEqual(keys(0, 3000).slice(0, 12))
    // scrolled by 3 rows: 12 rows keep their keys, the 3 scrolled in take the keys of the 3 scrolled out
    const before = keys(3400, 1000)
    const after = keys(3400 + 3 * 34, 1000)
    expect(after.slice(0, 12)).toEqual(before.slice(3))
    expect(new Set(after.slice(12))).toEqual(new Set(before.slice(0, 3)))
    // a jump keeps the same keys: every DOM row is reused
    expect(new Set(keys(50_000, 3000))).toEqual(new Set(before))
  })
})
