// Selection over a list that is never fully loaded: explicit ids, or "every task matching the filter" minus
// exclusions. Ranges (shift) are resolved by index, fetching ids of rows that are not cached.
import type { StateCreator } from 'zustand'
import { reportError } from '../api'
import { useDetail } from './detail'
import type { TasksState } from './tasks'

export interface SelectionSlice {
  selected: ReadonlySet<string>
  /** every task matching the filter is selected, except `excluded` */
  allMatching: boolean
  excluded: ReadonlySet<string>
  /** where shift-ranges start */
  anchor: number | null
  /** the keyboard cursor (row index) */
  cursor: number | null
  isSelected(taskId: string): boolean
  selectionCount(): number
  selectOnly(index: number, taskId: string): void
  toggle(index: number, taskId: string): void
  selectRange(index: number, additive: boolean): Promise<void>
  selectAllMatching(): void
  clearSelection(): void
  setCursor(index: number | null): void
  /** the selected ids, resolving "all matching" through the history */
  selectedIds(): Promise<string[]>
  /** forget removed tasks */
  forget(taskIds: readonly string[]): void
}

const EMPTY: ReadonlySet<string> = new Set()

export const createSelectionSlice: StateCreator<TasksState, [], [], SelectionSlice> = (set, get) => ({
  selected: EMPTY,
  allMatching: false,
  excluded: EMPTY,
  anchor: null,
  cursor: null,
  isSelected(taskId) {
    const s = get()
    return s.allMatching ? !s.excluded.has(taskId) : s.selected.has(taskId)
  },
  selectionCount() {
    const s = get()
    return s.allMatching ? Math.max(0, (s.total ?? 0) - s.excluded.size) : s.selected.size
  },
  selectOnly(index, taskId) {
    set({ selected: new Set([taskId]), allMatching: false, excluded: EMPTY, anchor: index, cursor: index })
    // the current task has one owner: the detail store
    useDetail.getState().open(taskId)
  },
  toggle(index, taskId) {
    const s = get()
    if (s.allMatching) {
      const excluded = new Set(s.excluded)
      if (excluded.has(taskId)) excluded.delete(taskId)
      else excluded.add(taskId)
      set({ excluded, anchor: index, cursor: index })
      return
    }
    const selected = new Set(s.selected)
    if (selected.has(taskId)) selected.delete(taskId)
    else selected.add(taskId)
    set({ selected, anchor: index, cursor: index })
  },
  async selectRange(index, additive) {
    const s = get()
    const anchor = s.anchor ?? index
    const [a, b] = anchor <= index ? [anchor, index] : [index, anchor]
    set({ cursor: index })
    try {
      const epoch = s.epoch
      const ids = await get().idsInRange(a, b)
      if (get().epoch !== epoch) return
      const base = additive && !get().allMatching ? get().selected : EMPTY
      set({ selected: new Set([...base, ...ids]), allMatching: false, excluded: EMPTY, anchor })
    } catch (e) {
      reportError(e, 'Could not select the range')
    }
  },
  selectAllMatching() {
    set({ allMatching: true, excluded: EMPTY, selected: EMPTY })
  },
  clearSelection() {
    if (get().allMatching || get().selected.size > 0) set({ allMatching: false, excluded: EMPTY, selected: EMPTY })
  },
  setCursor(index) {
    set({ cursor: index })
  },
  async selectedIds() {
    const s = get()
    if (!s.allMatching) return [...s.selected]
    const all = await get().allMatchingIds()
    return s.excluded.size ? all.filter((id) => !s.excluded.has(id)) : all
  },
  forget(taskIds) {
    const gone = new Set(taskIds)
    const s = get()
    set({
      selected: new Set([...s.selected].filter((id) => !gone.has(id))),
      excluded: new Set([...s.excluded].filter((id) => !gone.has(id)))
    })
  }
})
