// The parts of the window that are not on its first screen are chunks of their own, so a window that opens on the
// list does not parse the gallery, the settings, the new-tasks page, the detail pane or the dialogs at every start
// (npm run bench:ui, issue 14). They are fetched from the app's own folder when the window is idle after its start
// (preloadLaterParts), or when first shown if that comes sooner.
import { lazy, Suspense, useState, type ComponentType } from 'react'

interface Part<P extends object> {
  (props: P): React.JSX.Element
  /** fetches the part's chunk (once) */
  load(): Promise<unknown>
}

/**
 * A part whose code is in another chunk. Rendered before its chunk is in, it is a React.lazy in a Suspense with
 * nothing as the fallback; rendered after, the component itself: React reveals a lazy part's content only 300 ms
 * after its fallback (FALLBACK_THROTTLE_MS), which a loaded part must not wait for. Which of the two is fixed when
 * it mounts, so it never remounts.
 */
function later<P extends object>(load: () => Promise<ComponentType<P>>): Part<P> {
  let loaded: ComponentType<P> | null = null
  let loading: Promise<ComponentType<P>> | null = null
  const fetch = (): Promise<ComponentType<P>> =>
    (loading ??= load().then(
      (c) => (loaded = c),
      (e: unknown) => {
        // not kept: the next render or preload asks again
        loading = null
        throw e
      }
    ))
  const Lazy = lazy(() => fetch().then((c) => ({ default: c })))
  const part = (props: P): React.JSX.Element => {
    const [Direct] = useState(() => loaded)
    return Direct ? (
      <Direct {...props} />
    ) : (
      <Suspense fallback={null}>
        <Lazy {...props} />
      </Suspense>
    )
  }
  return Object.assign(part, { load: fetch })
}

export const GalleryView = later(() => import('./components/GalleryView').then((m) => m.GalleryView))
export const SettingsView = later(() => import('./components/SettingsView').then((m) => m.SettingsView))
export const NewTasksView = later(() => import('./components/NewTasksView').then((m) => m.NewTasksView))
export const SetupScreen = later(() => import('./components/SetupScreen').then((m) => m.SetupScreen))
export const TaskDetail = later(() => import('./components/TaskDetail').then((m) => m.TaskDetail))
export const Lightbox = later(() => import('./components/Lightbox').then((m) => m.Lightbox))
export const GalleryLightbox = later(() => import('./components/GalleryLightbox').then((m) => m.GalleryLightbox))
export const DownloadDialog = later(() => import('./components/DownloadDialog').then((m) => m.DownloadDialog))
export const HistoryDialogs = later(() => import('./components/HistoryDialogs').then((m) => m.HistoryDialogs))

const PARTS = [GalleryView, TaskDetail, DownloadDialog, Lightbox, HistoryDialogs, GalleryLightbox, SettingsView, NewTasksView, SetupScreen]

/** Fetches every part's chunk one after another once the window is idle, so a part is there before it is asked for. */
export function preloadLaterParts(): void {
  const next = (i: number): void => {
    const part = PARTS[i]
    if (!part) return
    // a chunk that cannot be had now (the window closing, the app restarting) is asked for again when shown
    requestIdleCallback(() => void part.load().then(() => next(i + 1), () => undefined), { timeout: 2000 })
  }
  next(0)
}
