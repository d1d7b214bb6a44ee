import { memo } from 'react'
import type { TaskRecord } from '../../../shared/history'
import { formatDateTime, formatTime } from '../format'
import { t } from '../i18n'
import { perLanguage, template } from '../i18n/perLanguage'
import { Icon } from './Icon'
import { StatusBadge, statusLabel } from './StatusBadge'

export const ROW_HEIGHT = 40

// A row's words, compiled once per language: rows are rendered by the dozen per frame while the list scrolls.
const rowLabel = template<'taskId' | 'status'>((v) => t('list.rowLabel', { taskId: v('taskId'), status: v('status') }))
const rowLabelImages = template<'taskId' | 'status' | 'done' | 'total'>((v) =>
  t('list.rowLabelImages', { taskId: v('taskId'), status: v('status'), done: v('done'), total: v('total') })
)
const selectTask = template<'taskId'>((v) => t('list.selectTask', { taskId: v('taskId') }))
const someDownloaded = template<'done' | 'total'>((v) => t('list.someDownloaded', { done: v('done'), total: v('total') }))
const allDownloaded = perLanguage(() => t('list.allDownloaded'))

interface RowProps {
  /** the window's language: a row re-renders when it changes (its words come from the modules above, not a hook) */
  language: string
  index: number
  task: TaskRecord
  selected: boolean
  cursor: boolean
  active: boolean
  onRowClick(index: number, task: TaskRecord, e: React.MouseEvent): void
  onToggle(index: number, task: TaskRecord): void
}

export const TaskRow = memo(function TaskRow({ index, task, selected, cursor, active, onRowClick, onToggle }: RowProps): React.JSX.Element {
  const cls = `row${selected ? ' is-selected' : ''}${cursor ? ' is-cursor' : ''}${active ? ' is-active' : ''}`
  return (
    <div
      id={`task-row-${index}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      aria-label={
        task.imageCount
          ? rowLabelImages({ taskId: task.taskId, status: statusLabel(task.displayStatus), done: task.imagesDownloaded, total: task.imageCount })
          : rowLabel({ taskId: task.taskId, status: statusLabel(task.displayStatus) })
      }
      className={cls}
      style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }}
      onMouseDown={(e) => {
        // no text selection on shift-click
        if (e.shiftKey) e.preventDefault()
      }}
      onClick={(e) => onRowClick(index, task, e)}
    >
      <div role="gridcell" className="cell cell-check">
        <input
          type="checkbox"
          tabIndex={-1}
          checked={selected}
          aria-label={selectTask({ taskId: task.taskId })}
          onClick={(e) => e.stopPropagation()}
          onChange={() => onToggle(index, task)}
        />
      </div>
      <div role="gridcell" className="cell cell-status">
        <StatusBadge status={task.displayStatus} />
      </div>
      <div role="gridcell" className="cell cell-id">
        <span className="task-id mono" title={task.taskId}>
          {task.taskId}
        </span>
        {task.message && (
          <span className="task-message" title={task.message}>
            {task.message}
          </span>
        )}
      </div>
      <div role="gridcell" className="cell cell-time" title={formatDateTime(task.addedAt)}>
        {formatTime(task.addedAt)}
      </div>
      <div role="gridcell" className="cell cell-time" title={task.finishedAt ? formatDateTime(task.finishedAt) : undefined}>
        {formatTime(task.finishedAt)}
      </div>
      <div role="gridcell" className="cell cell-num">
        {task.imageCount || '—'}
      </div>
      <div role="gridcell" className="cell cell-dl">
        <DownloadState task={task} />
      </div>
    </div>
  )
})

function DownloadState({ task }: { task: TaskRecord }): React.JSX.Element {
  if (task.imageCount === 0) return <span className="muted">—</span>
  if (task.imagesDownloaded >= task.imageCount) {
    return (
      <span className="dl-done" title={allDownloaded()}>
        <Icon name="check" /> {task.imagesDownloaded}/{task.imageCount}
      </span>
    )
  }
  return (
    <span className={task.imagesDownloaded ? 'dl-partial' : 'muted'} title={someDownloaded({ done: task.imagesDownloaded, total: task.imageCount })}>
      {task.imagesDownloaded}/{task.imageCount}
    </span>
  )
}

export function PlaceholderRow({ index }: { index: number }): React.JSX.Element {
  return (
    <div role="row" aria-rowindex={index + 2} aria-busy="true" className="row row-placeholder" style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }}>
      <div role="gridcell" className="cell cell-check" />
      <div role="gridcell" className="cell cell-status">
        <span className="skeleton skeleton-badge" />
      </div>
      <div role="gridcell" className="cell cell-id">
        <span className="skeleton skeleton-text" />
      </div>
      <div role="gridcell" className="cell cell-time" />
      <div role="gridcell" className="cell cell-time" />
      <div role="gridcell" className="cell cell-num" />
      <div role="gridcell" className="cell cell-dl" />
    </div>
  )
}
