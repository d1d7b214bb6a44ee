// The lightbox the detail pane uses, walking the whole gallery: ←/→ cross from one task's images to the next
// task's. For a task submitted from the app, the input photo can sit beside the result or under a slider that
// wipes between them (before/after).
import { useTranslation } from 'react-i18next'
import { useEffect, useState } from 'react'
import { useGallery, type CompareMode, type GalleryItem } from '../stores/gallery'
import { FullImage, LightboxShell } from './Lightbox'

export function GalleryLightbox(): React.JSX.Element | null {
  const { t } = useTranslation()
  const flat = useGallery((s) => s.lightbox)
  const total = useGallery((s) => s.geometry?.total ?? 0)
  const task = useGallery((s) => (flat === null ? undefined : s.taskOf(flat)))
  const k = useGallery((s) => (flat === null ? -1 : s.placeOf(flat)))
  const compare = useGallery((s) => s.compare)
  const input = useGallery((s) => (task ? s.inputs.get(task.taskId) : undefined))
  // the image may be on a page not fetched yet (the lightbox walked past what is cached)
  useEffect(() => {
    if (flat !== null && !task) void useGallery.getState().fetchItem(flat)
  }, [flat, task])
  useEffect(() => {
    if (task?.hasInput) useGallery.getState().loadInput(task.taskId)
  }, [task])
  if (flat === null) return null
  const image = task?.images[k]
  const item: GalleryItem | undefined = task && image ? { task, image } : undefined
  const move = (delta: 1 | -1): void => useGallery.getState().openLightbox((flat + delta + total) % total)
  const mode: CompareMode = item?.task.hasInput ? compare : 'result'
  return (
    <LightboxShell
      title={t('gallery.lightbox.of', { n: flat + 1, total })}
      taskId={item?.task.taskId ?? ''}
      canMove={total > 1}
      onClose={() => useGallery.getState().openLightbox(null)}
      onMove={move}
      tools={item?.task.hasInput ? <CompareSwitch mode={compare} /> : null}
    >
      {item ? (
        <FullImage key={`${item.task.taskId}:${item.image.index}`} taskId={item.task.taskId} image={item.image} frame={mode === 'result' ? undefined : (result) => <CompareFrame mode={mode} input={input ?? null} taskId={item.task.taskId} result={result} />} />
      ) : (
        <figure className="lightbox-figure">
          <div className="lightbox-frame">
            <span className="spinner spinner-large" role="status" aria-label={t('gallery.grid.loading')} />
          </div>
        </figure>
      )}
    </LightboxShell>
  )
}

function CompareSwitch({ mode }: { mode: CompareMode }): React.JSX.Element {
  const { t } = useTranslation()
  const modes: CompareMode[] = ['result', 'side', 'slider']
  return (
    <div className="segmented" role="group" aria-label={t('gallery.compare.label')}>
      {modes.map((m) => (
        <button key={m} type="button" className={`segmented-btn${mode === m ? ' is-on' : ''}`} aria-pressed={mode === m} onClick={() => useGallery.getState().setCompare(m)}>
          {t(`gallery.compare.${m}`)}
        </button>
      ))}
    </div>
  )
}

function CompareFrame({ mode, input, taskId, result }: { mode: 'side' | 'slider'; input: string | null; taskId: string; result: React.ReactNode }): React.JSX.Element {
  const { t } = useTranslation()
  const [wipe, setWipe] = useState(50)
  const before = input ? <img className="lightbox-img is-loaded compare-before" src={input} alt={t('gallery.compare.inputAlt', { taskId })} /> : <p className="muted">{t('gallery.compare.noInput')}</p>
  if (mode === 'side') {
    return (
      <div className="compare-side">
        <div className="compare-pane">
          <div className="lightbox-frame">{before}</div>
          <span className="compare-label">{t('gallery.compare.before')}</span>
        </div>
        <div className="compare-pane">
          <div className="lightbox-frame">{result}</div>
          <span className="compare-label">{t('gallery.compare.after')}</span>
        </div>
      </div>
    )
  }
  return (
    <div className="compare-slider">
      <div className="lightbox-frame compare-stack">
        <div className="compare-layer">{before}</div>
        {/* the result covers the input from the wipe line rightwards */}
        <div className="compare-layer compare-after" style={{ clipPath: `inset(0 0 0 ${wipe}%)` }} data-testid="compare-after">
          {result}
        </div>
        <span className="compare-line" style={{ left: `${wipe}%` }} aria-hidden="true" />
      </div>
      <div className="compare-range">
        <span className="compare-label">{t('gallery.compare.before')}</span>
        <input type="range" min={0} max={100} step={1} value={wipe} aria-label={t('gallery.compare.position')} onChange={(e) => setWipe(Number(e.target.value))} />
        <span className="compare-label">{t('gallery.compare.after')}</span>
      </div>
    </div>
  )
}
