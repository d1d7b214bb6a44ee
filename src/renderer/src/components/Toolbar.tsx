// Above the list: search, sort, and what can be done with the selection.
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TaskSort } from '../../../shared/history'
import { removeSelected } from '../stores/actions'
import { useTasks } from '../stores/tasks'
import { searchFocus, useUi } from '../stores/ui'
import { BrowseSwitch, GalleryModeSelect, GallerySelectionActions } from './GalleryTools'
import { Icon } from './Icon'

const SEARCH_DEBOUNCE_MS = 250

export function Toolbar(): React.JSX.Element {
  const gallery = useUi((s) => s.browse === 'gallery')
  const { t } = useTranslation()
  return (
    <div className="toolbar" role="toolbar" aria-label={t('list.tools')}>
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
  const { t } = useTranslation()
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
    const timer = window.setTimeout(() => useTasks.getState().setFilter({ search: value }), SEARCH_DEBOUNCE_MS)
    return () => window.clearTimeout(timer)
  }, [value])
  return (
    <div className="search">
      <Icon name="search" />
      <input
        ref={input}
        type="search"
        aria-label={t('list.searchLabel')}
        placeholder={t('list.searchPlaceholder')}
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
  const { t } = useTranslation()
  return (
    <select className="sort" aria-label={t('list.sort')} value={sort} onChange={(e) => useTasks.getState().setFilter({ sort: e.target.value as TaskSort })}>
      <option value="addedDesc">{t('list.newest')}</option>
      <option value="addedAsc">{t('list.oldest')}</option>
      <option value="finishedDesc">{t('list.recentlyFinished')}</option>
    </select>
  )
}

function SelectionActions(): React.JSX.Element {
  const total = useTasks((s) => s.total)
  const allMatching = useTasks((s) => s.allMatching)
  const count = useTasks((s) => s.selectionCount())
  const finished = useTasks((s) => s.counts?.byStatus['finished'] ?? 0)
  const { t } = useTranslation()
  if (count === 0) {
    return (
      <div className="selection">
        <span className="muted" aria-live="polite">
          {total === null ? '' : t('common.tasks', { count: total })}
        </span>
        <button type="button" className="btn" disabled={finished === 0} onClick={() => useUi.getState().openDownload({ kind: 'finished' })}>
          <Icon name="download" /> {t('list.downloadFinished')}
        </button>
      </div>
    )
  }
  return (
    <div className="selection">
      <span className="selection-count" aria-live="polite">
        {t('list.selected', { count })}
      </span>
      <button type="button" className="icon-btn" aria-label={t('list.clearSelection')} title={t('list.clearSelectionEsc')} onClick={() => useTasks.getState().clearSelection()}>
        <Icon name="close" />
      </button>
      {!allMatching && total !== null && total > count && (
        <button type="button" className="btn btn-small btn-link" onClick={() => useTasks.getState().selectAllMatching()}>
          {t('list.selectAll', { count: total })}
        </button>
      )}
      <button type="button" className="btn btn-small" onClick={() => useUi.getState().openDownload({ kind: 'selection', count })}>
        <Icon name="download" /> {t('list.download')}
      </button>
      <button type="button" className="btn btn-small btn-danger-ghost" onClick={() => void removeSelected()}>
        <Icon name="trash" /> {t('list.remove')}
      </button>
    </div>
  )
}
