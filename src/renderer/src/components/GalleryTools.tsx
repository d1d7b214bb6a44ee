// The toolbar's gallery parts: the list/gallery switch (beside the search in both), how the gallery is arranged,
// and what can be done with the selected images.
import { useTranslation } from 'react-i18next'
import { BROWSE_KEYS, showBrowseToggled } from '../shortcuts'
import { useGallery, type GalleryMode } from '../stores/gallery'
import { useUi } from '../stores/ui'
import { Icon } from './Icon'

export function BrowseSwitch(): React.JSX.Element {
  const { t } = useTranslation()
  const browse = useUi((s) => s.browse)
  return (
    <div className="segmented" role="group" aria-label={t('gallery.view.switchLabel')} title={t('gallery.view.toggleHint', { keys: BROWSE_KEYS })}>
      {(['list', 'gallery'] as const).map((b) => (
        <button key={b} type="button" className={`segmented-btn${browse === b ? ' is-on' : ''}`} aria-pressed={browse === b} onClick={() => browse !== b && showBrowseToggled()}>
          {t(`gallery.view.${b}`)}
        </button>
      ))}
    </div>
  )
}

export function GalleryModeSelect(): React.JSX.Element {
  const { t } = useTranslation()
  const mode = useGallery((s) => s.mode)
  return (
    <select className="sort gallery-mode" aria-label={t('gallery.modes.label')} value={mode} onChange={(e) => useGallery.getState().setMode(e.target.value as GalleryMode)}>
      <option value="flat">{t('gallery.modes.flat')}</option>
      <option value="grouped">{t('gallery.modes.grouped')}</option>
    </select>
  )
}

export function GallerySelectionActions(): React.JSX.Element {
  const { t } = useTranslation()
  const total = useGallery((s) => s.geometry?.total ?? null)
  const allMatching = useGallery((s) => s.allMatching)
  const count = useGallery((s) => s.selectionCount())
  if (count === 0) {
    return (
      <div className="selection">
        <span className="muted" aria-live="polite">
          {total === null ? '' : t('gallery.selection.total', { count: total })}
        </span>
      </div>
    )
  }
  return (
    <div className="selection">
      <span className="selection-count" aria-live="polite">
        {t('gallery.selection.count', { count })}
      </span>
      <button type="button" className="icon-btn" aria-label={t('gallery.selection.clear')} title={t('gallery.selection.clear')} onClick={() => useGallery.getState().clearSelection()}>
        <Icon name="close" />
      </button>
      {!allMatching && total !== null && total > count && (
        <button type="button" className="btn btn-small btn-link" onClick={() => useGallery.getState().selectAllMatching()}>
          {t('gallery.selection.selectAll', { count: total })}
        </button>
      )}
      <button type="button" className="btn btn-small" onClick={() => useUi.getState().openDownload({ kind: 'images', count })}>
        <Icon name="download" /> {t('gallery.selection.download')}
      </button>
    </div>
  )
}
