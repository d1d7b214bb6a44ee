// Above the list: search, sort, and what can be done with the selection.
import { useEffect, useRef, useState } from 'react'
import type { TaskSort } from '../../../shared/history'
import { formatCount, plural } from '../format'
import { removeSelected } from '../stores/actions'
import { useTasks } from '../stores/tasks'
import { searchFocus, useUi } from '../stores/ui'
import { BrowseSwitch, GalleryModeSelect, GallerySelectionActions } from './GalleryTools'
import { Icon } from './Icon'

const SEARCH_DEBOUNCE_MS = 250

export function Toolbar(): React.JSX.Element {
  const gallery = useUi((s) => s.browse === 'gallery')
  return (
    <div className="toolbar" role="toolbar" aria-label="List tools">
      <BrowseSwitch />
      <SearchBox />
      <SortSelect />
      {gallery && <GalleryModeSelect />}
      {gallery ? <GallerySelectionActions /> : <SelectionActions />}
    </div>
  )
}

function SearchBox(): React.JSX.Element {
  const search = useTasks((s) => s.filter.search)
  const [value, setValue] = useState(search)
  const input = useRef<HTMLInputElement>(null)
  useEffect(() => {
    searchFocus.current = () => {
      input.current?.focus()
      input.current?.select()
    }
    return () => {
      searchFocus.current = null
    }
  }, [])
  // the filter may be reset elsewhere (Clear filters)
  useEffect(() => setValue(search), [search])
  useEffect(() => {
    if (value === useTasks.getState().filter.search) return
    const t = window.setTimeout(() => useTasks.getState().setFilter({ search: value }), SEARCH_DEBOUNCE_MS)
    return () => window.clearTimeout(t)
  }, [value])
  return (
    <div className="search">
      <Icon name="search" />
      <input
        ref={input}
        type="search"
        aria-label="Search tasks by id or message"
        placeholder="Search id or message"
        value={value}
        maxLength={200}
        spellCheck={false}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && value) {
            e.stopPropagation()
            setValue('')
          }
        }}
      />
      <kbd className="search-kbd" aria-hidden="true">
        {navigator.platform.startsWith('Mac') ? '⌘F' : 'Ctrl F'}
      </kbd>
    </div>
  )
}

function SortSelect(): React.JSX.Element {
  const sort = useTasks((s) => s.filter.sort)
  return (
    <select className="sort" aria-label="Sort" value={sort} onChange={(e) => useTasks.getState().setFilter({ sort: e.target.value as TaskSort })}>
      <option value="addedDesc">Newest first</option>
      <option value="addedAsc">Oldest first</option>
      <option value="finishedDesc">Recently finished</option>
    </select>
  )
}

function SelectionActions(): React.JSX.Element {
  const total = useTasks((s) => s.total)
  const allMatching = useTasks((s) => s.allMatching)
  const count = useTasks((s) => s.selectionCount())
  const finished = useTasks((s) => s.counts?.byStatus['finished'] ?? 0)
  if (count === 0) {
    return (
      <div className="selection">
        <span className="muted" aria-live="polite">
          {total === null ? '' : plural(total, 'task')}
        </span>
        <button type="button" className="btn" disabled={finished === 0} onClick={() => useUi.getState().openDownload({ kind: 'finished' })}>
          <Icon name="download" /> Download finished…
        </button>
      </div>
    )
  }
  return (
    <div className="selection">
      <span className="selection-count" aria-live="polite">
        {formatCount(count)} selected
      </span>
      <button type="button" className="icon-btn" aria-label="Clear selection" title="Clear selection (Esc)" onClick={() => useTasks.getState().clearSelection()}>
        <Icon name="close" />
      </button>
      {!allMatching && total !== null && total > count && (
        <button type="button" className="btn btn-small btn-link" onClick={() => useTasks.getState().selectAllMatching()}>
          Select all {formatCount(total)}
        </button>
      )}
      <button type="button" className="btn btn-small" onClick={() => useUi.getState().openDownload({ kind: 'selection', count })}>
        <Icon name="download" /> Download…
      </button>
      <button type="button" className="btn btn-small btn-danger-ghost" onClick={() => void removeSelected()}>
        <Icon name="trash" /> Remove
      </button>
    </div>
  )
}
