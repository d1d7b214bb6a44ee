// The task list: rows of the current filter in a VirtualList (only the rows in view plus overscan exist; their
// pages are fetched on demand), with the list's keyboard and mouse selection.
import { useCallback, useRef } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import type { TaskRecord, TaskSort } from '../../../shared/history'
import { reportError } from '../api'
import { applyListKey, isSelected, listKeyAction } from '../lib/listSelection'
import { removeSelected } from '../stores/actions'
import { useDetail } from '../stores/detail'
import { PAGE_SIZE } from '../lib/startupAsks'
import { useTasks } from '../stores/tasks'
import { statusWord } from './StatusBadge'
import { PlaceholderRow, ROW_HEIGHT, TaskRow } from './TaskRow'
import { VirtualList } from './VirtualList'

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
  const { t, i18n } = useTranslation()
  const count = total ?? 0
  const onRange = useCallback((first: number, last: number) => useTasks.getState().setVisible(first, last), [])

  const onRowClick = useCallback((index: number, task: TaskRecord, e: React.MouseEvent) => {
    const s = useTasks.getState()
    scroller.current?.focus({ preventScroll: true })
    if (e.shiftKey) void s.selectRange(index, e.ctrlKey || e.metaKey)
    else if (e.ctrlKey || e.metaKey) s.toggle(index, task.taskId)
    else s.selectOnly(index, task.taskId)
  }, [])
  const onToggle = useCallback((index: number, task: TaskRecord) => useTasks.getState().toggle(index, task.taskId), [])

  const renderRow = (i: number, slot: number): React.JSX.Element => {
    const task = pages.get(Math.floor(i / PAGE_SIZE))?.[i % PAGE_SIZE]
    if (!task) return <PlaceholderRow key={slot} index={i} />
    const isSel = isSelected({ selected, allMatching, excluded }, task.taskId)
    return <TaskRow key={slot} language={i18n.language} index={i} task={task} selected={isSel} cursor={cursor === i} active={activeId === task.taskId} onRowClick={onRowClick} onToggle={onToggle} />
  }
  const allChecked = allMatching && excluded.size === 0 && count > 0

  return (
    <div className="table-wrap">
      {listError && (
        <div className="banner banner-error" role="alert">
          <span>{t('list.loadFailed', { reason: listError })}</span>
          <button type="button" className="btn btn-small" onClick={() => void useTasks.getState().refresh()}>
            {t('common.tryAgain')}
          </button>
        </div>
      )}
      <VirtualList
        scrollerRef={scroller}
        className="table-scroll"
        rowsClassName="rows"
        role="grid"
        aria-label={t('list.table')}
        aria-rowcount={count + 1}
        aria-colcount={7}
        aria-multiselectable="true"
        tabIndex={0}
        count={count}
        rowHeight={ROW_HEIGHT}
        overscan={OVERSCAN}
        headerHeight={HEADER_HEIGHT}
        renderRow={renderRow}
        onRangeChange={onRange}
        keepInView={cursor}
        rowId={(i) => `task-row-${i}`}
        resetKey={epoch}
        onKeyDown={(e, pageRows) => onListKey(e, count, pageRows)}
        header={
          <div role="row" aria-rowindex={1} className="row row-head">
            <div role="columnheader" className="cell cell-check">
              <input
                type="checkbox"
                aria-label={allChecked ? t('list.clearSelection') : t('list.selectAllTasks', { count })}
                checked={allChecked}
                disabled={count === 0}
                onChange={() => (allChecked ? useTasks.getState().clearSelection() : useTasks.getState().selectAllMatching())}
              />
            </div>
            <Header cell="status" label={t('list.colStatus')} />
            <Header cell="id" label={t('list.colTask')} />
            <SortHeader label={t('list.colAdded')} order={sort === 'addedDesc' ? 'descending' : sort === 'addedAsc' ? 'ascending' : 'none'} next={sort === 'addedDesc' ? 'addedAsc' : 'addedDesc'} />
            <SortHeader label={t('list.colFinished')} order={sort === 'finishedDesc' ? 'descending' : 'none'} next="finishedDesc" />
            <Header cell="num" label={t('list.colImages')} />
            <Header cell="dl" label={t('list.colDownloaded')} />
          </div>
        }
        footer={
          <>
            {total === 0 && <EmptyState />}
            {total === null && !listError && (
              <div className="list-state" role="status">
                <span className="spinner" aria-hidden="true" /> {t('list.loading')}
              </div>
            )}
          </>
        }
      />
    </div>
  )
}

/** The list's keys (lib/listSelection.ts) applied to the tasks store; Enter selects the row. */
function onListKey(e: React.KeyboardEvent, count: number, pageRows: number): void {
  const s = useTasks.getState()
  const action = listKeyAction(e, s.cursor, count, pageRows, 1, true)
  if (!action) return
  if (action.kind !== 'clear') e.preventDefault()
  const atCursor = (fn: (index: number, taskId: string) => void) => () => {
    const cur = s.cursor as number
    const row = s.rowAt(cur)
    if (row) fn(cur, row.taskId)
  }
  applyListKey(action, {
    toggle: atCursor((i, id) => s.toggle(i, id)),
    activate: atCursor((i, id) => s.selectOnly(i, id)),
    selectAll: () => s.selectAllMatching(),
    clear: () => s.clearSelection(),
    remove: () => {
      e.stopPropagation()
      void removeSelected()
    },
    range: (target, additive) => void s.selectRange(target, additive),
    moveCursor: (target, select) => {
      s.setCursor(target)
      if (!select) return
      s.fetchRow(target).then(
        (row) => {
          if (row && useTasks.getState().cursor === target) useTasks.getState().selectOnly(target, row.taskId)
        },
        (err: unknown) => reportError(err)
      )
    }
  })
}

function Header({ cell, label }: { cell: string; label: string }): React.JSX.Element {
  return (
    <div role="columnheader" className={`cell cell-${cell}`}>
      {label}
    </div>
  )
}

/** A column that sorts the list: its current order, and the sort a click asks for. */
function SortHeader({ label, order, next }: { label: string; order: 'ascending' | 'descending' | 'none'; next: TaskSort }): React.JSX.Element {
  return (
    <div role="columnheader" className="cell cell-time" aria-sort={order}>
      <button type="button" className="th-btn" onClick={() => useTasks.getState().setFilter({ sort: next })}>
        {label}
        <span aria-hidden="true">{order === 'descending' ? ' ↓' : order === 'ascending' ? ' ↑' : ''}</span>
      </button>
    </div>
  )
}

function EmptyState(): React.JSX.Element {
  const filter = useTasks((s) => s.filter)
  const counts = useTasks((s) => s.counts)
  const { t } = useTranslation()
  const filtered = filter.status !== null || filter.search.trim() !== ''
  if (filtered && (counts?.total ?? 0) > 0) {
    return (
      <div className="list-state">
        <p className="list-state-title">{t('list.noMatch')}</p>
        <p className="muted">
          {filter.search
            ? filter.status
              ? t('list.nothingMatchesIn', { search: filter.search, status: statusWord(filter.status) })
              : t('list.nothingMatches', { search: filter.search })
            : t('list.noneWithStatus', { status: statusWord(filter.status ?? '') })}
        </p>
        <button type="button" className="btn" onClick={() => useTasks.getState().setFilter({ status: null, search: '' })}>
          {t('list.clearFilters')}
        </button>
      </div>
    )
  }
  return (
    <div className="list-state">
      <p className="list-state-title">{t('list.empty')}</p>
      <p className="muted">
        <Trans i18nKey="list.emptyText" values={{ mod: navigator.platform.startsWith('Mac') ? '⌘' : 'Ctrl' }} components={{ key: <kbd /> }} />
      </p>
    </div>
  )
}
