// The toolbar's gallery parts: the list/gallery switch (beside the search in both), how the gallery is arranged,
// and what can be done with the selected images.
import { gt } from '../galleryText'
import { BROWSE_KEYS, showBrowseToggled } from '../shortcuts'
import { useGallery, type GalleryMode } from '../stores/gallery'
import { useUi } from '../stores/ui'
import { Icon } from './Icon'

export function BrowseSwitch(): React.JSX.Element {
  const browse = useUi((s) => s.browse)
  return (
    <div className="segmented" role="group" aria-label={gt('view.switchLabel')} title={gt('view.toggleHint', { keys: BROWSE_KEYS })}>
      {(['list', 'gallery'] as const).map((b) => (
        <button key={b} type="button" className={`segmented-btn${browse === b ? ' is-on' : ''}`} aria-pressed={browse === b} onClick={() => browse !== b && showBrowseToggled()}>
          {gt(`view.${b}`)}
        </button>
      ))}
    </div>
  )
}

export function GalleryModeSelect(): React.JSX.Element {
  const mode = useGallery((s) => s.mode)
  return (
    <select className="sort" aria-label={gt('modes.label')} value={mode} onChange={(e) => useGallery.getState().setMode(e.target.value as GalleryMode)}>
      <option value="flat">{gt('modes.flat')}</option>
      <option value="grouped">{gt('modes.grouped')}</option>
    </select>
  )
}

export function GallerySelectionActions(): React.JSX.Element {
  const total = useGallery((s) => s.geometry?.total ?? null)
  const allMatching = useGallery((s) => s.allMatching)
  const count = useGallery((s) => s.selectionCount())
  if (count === 0) {
    return (
      <div className="selection">
        <span className="muted" aria-live="polite">
          {total === null ? '' : gt('selection.total', { count: total })}
        </span>
      </div>
    )
  }
  return (
    <div className="selection">
      <span className="selection-count" aria-live="polite">
        {gt('selection.count', { count })}
      </span>
      <button type="button" className="icon-btn" aria-label={gt('selection.clear')} title={gt('selection.clear')} onClick={() => useGallery.getState().clearSelection()}>
        <Icon name="close" />
      </button>
      {!allMatching && total !== null && total > count && (
        <button type="button" className="btn btn-small btn-link" onClick={() => useGallery.getState().selectAllMatching()}>
          {gt('selection.selectAll', { count: total })}
        </button>
      )}
      <button type="button" className="btn btn-small" onClick={() => useUi.getState().openDownload({ kind: 'images', count })}>
        <Icon name="download" /> {gt('selection.download')}
      </button>
    </div>
  )
}
