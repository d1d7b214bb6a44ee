// The task list as the screen sees it: the filter, the total and counts, and a small cache of pages around what is
// visible (never the whole history). Pages are fetched on demand; live updates patch cached rows at once and
// refresh counts and visible pages at most once a second.
import { create } from 'zustand'
import type { StatusCounts, TaskRecord } from '../../../shared/history'
import { call, errorMessage } from '../api'
import { DEFAULT_FILTER, filterQuery, PAGE_SIZE, pageQuery, type ListFilter } from '../lib/startupAsks'
import { useDetail } from './detail'
import { createSelectionSlice, type SelectionSlice } from './selection'

/** pages kept on each side of the visible ones */
const KEEP_AROUND = 3
const REFRESH_EVERY_MS = 1000
/** While the window jumps (the scrollbar dragged faster than a window a frame), its pages are asked for at most this
 * often: each ask is a query in main, and at drag speed its rows would be gone before they arrived. */
const JUMP_FETCH_MS = 80


export interface ListSlice {
  filter: ListFilter
  /** rows matching the filter; null until the first page arrives */
  total: number | null
  counts: StatusCounts | null
  pages: ReadonlyMap<number, TaskRecord[]>
  listError: string | null
  /** bumps when the filter changes: answers for an older epoch are dropped */
  epoch: number
  visible: readonly [number, number]
  setFilter(patch: Partial<ListFilter>): void
  setVisible(first: number, last: number): void
  rowAt(index: number): TaskRecord | undefined
  /** the row at an index, fetching its page when needed */
  fetchRow(index: number): Promise<TaskRecord | undefined>
  /** the ids of rows first..last (inclusive) of the current filter, fetched as needed */
  idsInRange(first: number, last: number): Promise<string[]>
  /** every id matching the current filter (pages of 1000) */
  allMatchingIds(): Promise<string[]>
  refresh(): Promise<void>
  scheduleRefresh(): void
  applyUpdates(records: readonly TaskRecord[]): void
  /** a live update ('task:updated'): gathered for FLUSH_MS, then applied to the list and the task on show */
  taskUpdated(record: TaskRecord): void
  /** stops applying gathered updates (the window's wiring is torn down) */
  stopUpdates(): void
  reset(): void
}

export type TasksState = ListSlice & SelectionSlice


/** Live updates are gathered this long, then applied to the list and the detail at once. */
const FLUSH_MS = 150

export const useTasks = create<TasksState>()((set, get, store) => {
  // The store's own bookkeeping (not rendered): pages being fetched, the throttled refresh, gathered updates.
  const inflight = new Map<string, Promise<void>>()
  let refreshTimer: number | null = null
  let lastRefreshAt = 0
  let refreshing: Promise<void> | null = null
  let gathered = new Map<string, TaskRecord>()
  let flushTimer: number | null = null
  let jumpTimer: number | null = null
  const flush = (): void => {
    flushTimer = null
    const records = [...gathered.values()]
    gathered = new Map()
    get().applyUpdates(records)
    const detail = useDetail.getState()
    for (const r of records) detail.taskUpdated(r)
  }
  const pageRange = (): [number, number] => {
    const [first, last] = get().visible
    return [Math.floor(Math.max(0, first) / PAGE_SIZE), Math.floor(Math.max(0, last) / PAGE_SIZE)]
  }

  const loadPage = (page: number): Promise<void> => {
    const { epoch, filter } = get()
    const key = `${epoch}:${page}`
    const existing = inflight.get(key)
    if (existing) return existing
    const p = (async () => {
      try {
        const res = await call('tasks:list', pageQuery(filter, page))
        if (get().epoch !== epoch) return
        const pages = new Map(get().pages)
        pages.set(page, res.rows)
        const totalChanged = get().total !== null && get().total !== res.total
        set({ pages, total: res.total, listError: null })
        // rows moved under the cached pages (tasks added or removed elsewhere): realign them
        if (totalChanged) get().scheduleRefresh()
      } catch (e) {
        if (get().epoch === epoch) set({ listError: errorMessage(e) })
      } finally {
        inflight.delete(key)
      }
    })()
    inflight.set(key, p)
    return p
  }

  const ensureVisible = (): void => {
    const [a, b] = pageRange()
    const { pages, total } = get()
    const lastPage = total === null ? a : Math.max(0, Math.ceil(total / PAGE_SIZE) - 1)
    for (let p = a; p <= Math.min(b, lastPage); p++) if (!pages.has(p)) void loadPage(p)
    // forget pages far from the view
    const keepFrom = a - KEEP_AROUND
    const keepTo = b + KEEP_AROUND
    if ([...pages.keys()].some((p) => p < keepFrom || p > keepTo)) {
      const next = new Map([...pages].filter(([p]) => p >= keepFrom && p <= keepTo))
      set({ pages: next })
    }
  }

  const doRefresh = async (): Promise<void> => {
    const { epoch, filter } = get()
    const [a, b] = pageRange()
    const wanted: number[] = []
    for (let p = a; p <= b; p++) wanted.push(p)
    try {
      const [counts, ...results] = await Promise.all([
        call('tasks:counts'),
        ...wanted.map((p) => call('tasks:list', pageQuery(filter, p)))
      ])
      if (get().epoch !== epoch) {
        set({ counts })
        return
      }
      const pages = new Map<number, TaskRecord[]>()
      let total = get().total ?? 0
      results.forEach((r, i) => {
        pages.set(wanted[i] as number, r.rows)
        total = r.total
      })
      set({ counts, pages, total, listError: null })
    } catch (e) {
      if (get().epoch === epoch) set({ listError: errorMessage(e) })
    }
  }

  return {
    filter: { ...DEFAULT_FILTER },
    total: null,
    counts: null,
    pages: new Map(),
    listError: null,
    epoch: 0,
    visible: [0, 40],
    setFilter(patch) {
      const filter = { ...get().filter, ...patch }
      if (JSON.stringify(filter) === JSON.stringify(get().filter)) return
      set({ filter, epoch: get().epoch + 1, pages: new Map(), total: null, listError: null })
      get().clearSelection()
      set({ cursor: null, anchor: null })
      void loadPage(pageRange()[0]).then(ensureVisible)
    },
    setVisible(first, last) {
      const [f, l] = get().visible
      if (f === first && l === last) return ensureVisible()
      set({ visible: [first, last] })
      // a window that shares rows with the last one (reading, wheel, keys) gets its pages now; one that jumped past
      // it (dragging the scrollbar) gets the pages where it is when the throttle fires
      if (first <= l && last >= f) return ensureVisible()
      jumpTimer ??= window.setTimeout(() => {
        jumpTimer = null
        ensureVisible()
      }, JUMP_FETCH_MS)
    },
    rowAt(index) {
      return get().pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE]
    },
    async fetchRow(index) {
      const page = Math.floor(index / PAGE_SIZE)
      if (!get().pages.has(page)) await loadPage(page)
      return get().rowAt(index)
    },
    async idsInRange(first, last) {
      const ids: string[] = []
      const { epoch, filter } = get()
      let i = first
      while (i <= last) {
        const row = get().rowAt(i)
        if (row) {
          ids.push(row.taskId)
          i++
          continue
        }
        const limit = Math.min(1000, last - i + 1)
        const res = await call('tasks:list', { ...filterQuery(filter), limit, offset: i })
        if (get().epoch !== epoch) return []
        if (res.rows.length === 0) break
        for (const r of res.rows) ids.push(r.taskId)
        i += res.rows.length
      }
      return ids
    },
    async allMatchingIds() {
      const { filter } = get()
      const ids: string[] = []
      for (let offset = 0; ; offset += 1000) {
        const res = await call('tasks:list', { ...filterQuery(filter), limit: 1000, offset })
        for (const r of res.rows) ids.push(r.taskId)
        if (res.rows.length < 1000 || offset + 1000 >= res.total) break
      }
      return ids
    },
    refresh() {
      if (refreshTimer !== null) {
        window.clearTimeout(refreshTimer)
        refreshTimer = null
      }
      lastRefreshAt = Date.now()
      const p = doRefresh()
      refreshing = p.finally(() => {
        refreshing = null
      })
      return p
    },
    scheduleRefresh() {
      if (refreshTimer !== null) return
      const wait = Math.max(0, lastRefreshAt + REFRESH_EVERY_MS - Date.now())
      refreshTimer = window.setTimeout(() => {
        refreshTimer = null
        // one refresh at a time: a slow one delays the next rather than piling up
        if (refreshing) void refreshing.then(() => get().scheduleRefresh())
        else void get().refresh()
      }, wait)
    },
    applyUpdates(records) {
      if (records.length === 0) return
      const byId = new Map(records.map((r) => [r.taskId, r]))
      let changed = false
      const pages = new Map<number, TaskRecord[]>()
      for (const [p, rows] of get().pages) {
        let copy: TaskRecord[] | null = null
        rows.forEach((row, i) => {
          const next = byId.get(row.taskId)
          if (next && next !== row) {
            copy ??= rows.slice()
            copy[i] = next
          }
        })
        if (copy) changed = true
        pages.set(p, copy ?? rows)
      }
      if (changed) set({ pages })
      get().scheduleRefresh()
    },
    taskUpdated(record) {
      gathered.set(record.taskId, record)
      flushTimer ??= window.setTimeout(flush, FLUSH_MS)
    },
    stopUpdates() {
      if (flushTimer !== null) window.clearTimeout(flushTimer)
      flushTimer = null
      gathered = new Map()
    },
    reset() {
      set({ epoch: get().epoch + 1, pages: new Map(), total: null, listError: null })
      void get().refresh()
    },
    ...createSelectionSlice(set, get, store)
  }
})
