// The task list's selection as store state: explicit ids, or "every task matching the filter" minus exclusions.
// What each action does to it is a plain function in lib/listSelection.ts; ranges (shift) are resolved by index
// here, fetching the ids of rows that are not cached.
import type { StateCreator } from 'zustand'
import { reportError } from '../api'
import { allMatching, isSelected, NO_SELECTION, only, rangeBounds, selectionCount, toggled, withRange, without, type Selection } from '../lib/listSelection'
import { useDetail } from './detail'
import type { TasksState } from './tasks'
import { t } from '../i18n'

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

const selectionOf = (s: TasksState): Selection => ({ selected: s.selected, allMatching: s.allMatching, excluded: s.excluded })

export const createSelectionSlice: StateCreator<TasksState, [], [], SelectionSlice> = (set, get) => ({
  ...NO_SELECTION,
  anchor: null,
  cursor: null,
  isSelected(taskId) {
    return isSelected(selectionOf(get()), taskId)
  },
  selectionCount() {
    return selectionCount(selectionOf(get()), get().total ?? 0)
  },
  selectOnly(index, taskId) {
    set({ ...only(taskId), anchor: index, cursor: index })
    // the current task has one owner: the detail store
    useDetail.getState().open(taskId)
  },
  toggle(index, taskId) {
    set({ ...toggled(selectionOf(get()), taskId), anchor: index, cursor: index })
  },
  async selectRange(index, additive) {
    const s = get()
    const [a, b] = rangeBounds(s.anchor, index)
    const anchor = s.anchor ?? index
    set({ cursor: index })
    try {
      const epoch = s.epoch
      const ids = await get().idsInRange(a, b)
      if (get().epoch !== epoch) return
      set({ ...withRange(selectionOf(get()), ids, additive), anchor })
    } catch (e) {
      reportError(e, t('messages.couldNotSelect'))
    }
  },
  selectAllMatching() {
    set(allMatching())
  },
  clearSelection() {
    if (get().allMatching || get().selected.size > 0) set(NO_SELECTION)
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
    set(without(selectionOf(get()), taskIds))
  }
})
