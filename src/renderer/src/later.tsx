// The parts of the window that are not on its first screen are chunks of their own, loaded when first shown, so a
// window that opens on the list does not parse the gallery, the settings, the new-tasks page, the detail pane or the
// dialogs at every start (npm run bench:ui, issue 14). The built renderer serves them from its own folder.
import { lazy, Suspense, type ReactNode } from 'react'

/** The gallery's chunk; main.tsx asks for it at start when the window opens on the gallery. */
export const loadGalleryView = () => import('./components/GalleryView')

export const GalleryView = lazy(() => loadGalleryView().then((m) => ({ default: m.GalleryView })))
export const SettingsView = lazy(() => import('./components/SettingsView').then((m) => ({ default: m.SettingsView })))
export const NewTasksView = lazy(() => import('./components/NewTasksView').then((m) => ({ default: m.NewTasksView })))
export const SetupScreen = lazy(() => import('./components/SetupScreen').then((m) => ({ default: m.SetupScreen })))
export const TaskDetail = lazy(() => import('./components/TaskDetail').then((m) => ({ default: m.TaskDetail })))
export const Lightbox = lazy(() => import('./components/Lightbox').then((m) => ({ default: m.Lightbox })))
export const GalleryLightbox = lazy(() => import('./components/GalleryLightbox').then((m) => ({ default: m.GalleryLightbox })))
export const DownloadDialog = lazy(() => import('./components/DownloadDialog').then((m) => ({ default: m.DownloadDialog })))
export const HistoryDialogs = lazy(() => import('./components/HistoryDialogs').then((m) => ({ default: m.HistoryDialogs })))

/** Renders a lazy part only while `when` holds (nothing is loaded before), with nothing in its place while its
 * chunk loads (a few milliseconds: it comes from the app's own folder). */
export function Later({ when, children }: { when: boolean; children: ReactNode }): React.JSX.Element | null {
  return when ? <Suspense fallback={null}>{children}</Suspense> : null
}
