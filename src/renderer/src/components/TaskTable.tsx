// The virtualized task list: only the rows in view (plus overscan) exist; their pages are fetched on demand.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'
import type { TaskRecord } from '../../../shared/history'
import { reportError } from '../api'
import { formatCount } from '../format'
import { removeSelected } from '../stores/actions'
import { useDetail } from '../stores/detail'
import { PAGE_SIZE, useTasks } from '../stores/tasks'
import { PlaceholderRow, ROW_HEIGHT, TaskRow } from './TaskRow'

const OVERSCAN = 12
const HEADER_HEIGHT = 34

export function TaskTable(): React.JSX.Element {
  const total = useTasks((s) => s.total)
  const pages = useTasks((s) => s.pages)
  const listError = useTasks((s) => s.listError)
  const selected = useTasks((s) => s.selected)
  const allMatching = useTasks((s) => s.allMatching)
  const excluded = useTasks((s) => s.excluded)
  const cursor = useTasks((s) => s.cursor)
  const activeId = useDetail((s) => s.taskId)
  const sort = useTasks((s) => s.filter.sort)
  const epoch = useTasks((s) => s.epoch)
  const scroller = useRef<HTMLDivElement>(null)
  const [view, setView] = useState({ top: 0, height: 800 })

  const measure = useCallback(() => {
    const el = scroller.current
    if (el) setView((v) => (v.top === el.scrollTop && v.height === el.clientHeight ? v : { top: el.scrollTop, height: el.clientHeight }))
  }, [])
  useLayoutEffect(() => {
    const el = scroller.current
    if (!el) return
    measure()
    const ro = new ResizeObserver(measure)
    ro.observe(el)
    return () => ro.disconnect()
  }, [measure])
  // a new filter starts at the top
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0
  }, [epoch])

  const count = total ?? 0
  const first = Math.max(0, Math.floor(view.top / ROW_HEIGHT) - OVERSCAN)
  const last = Math.min(count - 1, Math.ceil((view.top + view.height) / ROW_HEIGHT) + OVERSCAN)
  useEffect(() => {
    useTasks.getState().setVisible(first, Math.max(first, last))
  }, [first, last, epoch])

  // keep the keyboard cursor in view
  useEffect(() => {
    const el = scroller.current
    if (!el || cursor === null) return
    const top = cursor * ROW_HEIGHT
    const visibleHeight = el.clientHeight - HEADER_HEIGHT
    if (top < el.scrollTop) el.scrollTop = top
    else if (top + ROW_HEIGHT > el.scrollTop + visibleHeight) el.scrollTop = top + ROW_HEIGHT - visibleHeight
  }, [cursor])

  const onRowClick = useCallback((index: number, task: TaskRecord, e: React.MouseEvent) => {
    const s = useTasks.getState()
    scroller.current?.focus({ preventScroll: true })
    if (e.shiftKey) void s.selectRange(index, e.ctrlKey || e.metaKey)
    else if (e.ctrlKey || e.metaKey) s.toggle(index, task.taskId)
    else s.selectOnly(index, task.taskId)
  }, [])
  const onToggle = useCallback((index: number, task: TaskRecord) => useTasks.getState().toggle(index, task.taskId), [])

  const onKeyDown = (e: React.KeyboardEvent): void => {
    const s = useTasks.getState()
    if (count === 0) return
    const pageRows = Math.max(1, Math.floor((view.height - HEADER_HEIGHT) / ROW_HEIGHT) - 1)
    const cur = s.cursor ?? -1
    let next: number
    switch (e.key) {
      case 'ArrowDown':
        next = Math.min(count - 1, cur + 1)
        break
      case 'ArrowUp':
        next = Math.max(0, cur < 0 ? 0 : cur - 1)
        break
      case 'PageDown':
        next = Math.min(count - 1, cur + pageRows)
        break
      case 'PageUp':
        next = Math.max(0, cur - pageRows)
        break
      case 'Home':
        next = 0
        break
      case 'End':
        next = count - 1
        break
      case ' ':
      case 'Enter': {
        e.preventDefault()
        if (cur < 0) return
        const row = s.rowAt(cur)
        if (!row) return
        if (e.key === ' ') s.toggle(cur, row.taskId)
        else s.selectOnly(cur, row.taskId)
        return
      }
      case 'a':
      case 'A':
        if (e.ctrlKey || e.metaKey) {
          e.preventDefault()
          s.selectAllMatching()
        }
        return
      case 'Escape':
        s.clearSelection()
        return
      case 'Delete':
      case 'Backspace':
        e.preventDefault()
        e.stopPropagation()
        void removeSelected()
        return
      default:
        return
    }
    e.preventDefault()
    const target = next
    if (e.shiftKey) void s.selectRange(target, e.ctrlKey || e.metaKey)
    else if (e.ctrlKey || e.metaKey) s.setCursor(target)
    else {
      s.setCursor(target)
      s.fetchRow(target).then(
        (row) => {
          if (row && useTasks.getState().cursor === target) useTasks.getState().selectOnly(target, row.taskId)
        },
        (err: unknown) => reportError(err)
      )
    }
  }

  const rows: React.JSX.Element[] = []
  for (let i = first; i <= last; i++) {
    const task = pages.get(Math.floor(i / PAGE_SIZE))?.[i % PAGE_SIZE]
    if (!task) {
      rows.push(<PlaceholderRow key={`p${i}`} index={i} />)
      continue
    }
    const isSel = allMatching ? !excluded.has(task.taskId) : selected.has(task.taskId)
    rows.push(
      <TaskRow key={task.taskId} index={i} task={task} selected={isSel} cursor={cursor === i} active={activeId === task.taskId} onRowClick={onRowClick} onToggle={onToggle} />
    )
  }
  const activeDescendant = cursor !== null && cursor >= first && cursor <= last ? `task-row-${cursor}` : undefined
  const allChecked = allMatching && excluded.size === 0 && count > 0

  return (
    <div className="table-wrap">
      {listError && (
        <div className="banner banner-error" role="alert">
          <span>The list could not be loaded: {listError}</span>
          <button type="button" className="btn btn-small" onClick={() => void useTasks.getState().refresh()}>
            Try again
          </button>
        </div>
      )}
      <div
        ref={scroller}
        className="table-scroll"
        role="grid"
        aria-label="Tasks"
        aria-rowcount={count + 1}
        aria-colcount={7}
        aria-multiselectable="true"
        aria-activedescendant={activeDescendant}
        tabIndex={0}
        onScroll={measure}
        onKeyDown={onKeyDown}
      >
        <div role="row" aria-rowindex={1} className="row row-head">
          <div role="columnheader" className="cell cell-check">
            <input
              type="checkbox"
              aria-label={allChecked ? 'Clear selection' : `Select all ${formatCount(count)} tasks`}
              checked={allChecked}
              disabled={count === 0}
              onChange={() => (allChecked ? useTasks.getState().clearSelection() : useTasks.getState().selectAllMatching())}
            />
          </div>
          <div role="columnheader" className="cell cell-status">
            Status
          </div>
          <div role="columnheader" className="cell cell-id">
            Task
          </div>
          <div role="columnheader" className="cell cell-time" aria-sort={sort === 'addedDesc' ? 'descending' : sort === 'addedAsc' ? 'ascending' : 'none'}>
            <button type="button" className="th-btn" onClick={() => useTasks.getState().setFilter({ sort: sort === 'addedDesc' ? 'addedAsc' : 'addedDesc' })}>
              Added<span aria-hidden="true">{sort === 'addedDesc' ? ' ↓' : sort === 'addedAsc' ? ' ↑' : ''}</span>
            </button>
          </div>
          <div role="columnheader" className="cell cell-time" aria-sort={sort === 'finishedDesc' ? 'descending' : 'none'}>
            <button type="button" className="th-btn" onClick={() => useTasks.getState().setFilter({ sort: 'finishedDesc' })}>
              Finished<span aria-hidden="true">{sort === 'finishedDesc' ? ' ↓' : ''}</span>
            </button>
          </div>
          <div role="columnheader" className="cell cell-num">
            Images
          </div>
          <div role="columnheader" className="cell cell-dl">
            Downloaded
          </div>
        </div>
        <div role="rowgroup" className="rows" style={{ height: `${count * ROW_HEIGHT}px` }}>
          {rows}
        </div>
        {total === 0 && <EmptyState />}
        {total === null && !listError && (
          <div className="list-state" role="status">
            <span className="spinner" aria-hidden="true" /> Loading tasks…
          </div>
        )}
      </div>
    </div>
  )
}

function EmptyState(): React.JSX.Element {
  const filter = useTasks((s) => s.filter)
  const counts = useTasks((s) => s.counts)
  const filtered = filter.status !== null || filter.search.trim() !== ''
  if (filtered && (counts?.total ?? 0) > 0) {
    return (
      <div className="list-state">
        <p className="list-state-title">No tasks match</p>
        <p className="muted">{filter.search ? `Nothing matches “${filter.search}”${filter.status ? ` among ${filter.status} tasks` : ''}.` : `No ${filter.status} tasks.`}</p>
        <button type="button" className="btn" onClick={() => useTasks.getState().setFilter({ status: null, search: '' })}>
          Clear filters
        </button>
      </div>
    )
  }
  return (
    <div className="list-state">
      <p className="list-state-title">No tasks yet</p>
      <p className="muted">
        Paste task ids into the box on the left, drop a .txt, .csv or .json file here, or press <kbd>{navigator.platform.startsWith('Mac') ? '⌘' : 'Ctrl'}</kbd>+<kbd>V</kbd> anywhere.
      </p>
    </div>
  )
}
