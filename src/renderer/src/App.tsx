import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { resolveLanguage } from '../../shared/languages'
import { ConfirmDialog } from './components/ConfirmDialog'
import { DownloadPanel } from './components/DownloadPanel'
import { Header } from './components/Header'
import { AppIcon } from './components/AppIcon'
import { Icon } from './components/Icon'
import { DownloadDialog, GalleryLightbox, GalleryView, HistoryDialogs, Lightbox, preloadLaterParts, NewTasksView, SettingsView, SetupScreen, TaskDetail } from './later'
import { Sidebar } from './components/Sidebar'
import { StartupNotices } from './components/StartupNotices'
import { TaskTable } from './components/TaskTable'
import { Toasts } from './components/Toasts'
import { Toolbar } from './components/Toolbar'
import { applyLanguage } from './language'
import { startMenuCommands } from './menuCommands'
import { useGlobalInput } from './shortcuts'
import { useApp } from './stores/app'
import { useDetail } from './stores/detail'
import { useGallery } from './stores/gallery'
import { useUi } from './stores/ui'
import { startWiring } from './stores/wiring'

export function App(): React.JSX.Element {
  const phase = useApp((s) => s.phase)
  const theme = useApp((s) => s.settings?.theme ?? 'system')
  const languageSetting = useApp((s) => s.settings?.language)
  const systemLanguages = useApp((s) => s.systemLanguages)
  useEffect(() => {
    const root = document.documentElement
    if (theme === 'system') delete root.dataset['theme']
    else root.dataset['theme'] = theme
  }, [theme])
  useEffect(() => {
    // main's report of the OS languages (Electron's); before it arrives, the browser engine's
    void applyLanguage(resolveLanguage(languageSetting, systemLanguages.length > 0 ? systemLanguages : navigator.languages))
  }, [languageSetting, systemLanguages])
  return (
    <>
      {phase === 'ready' ? <Workspace /> : phase === 'setup' ? <SetupScreen /> : <Splash />}
      <ConfirmDialog />
      <Toasts />
      <StartupNotices />
    </>
  )
}

function Splash(): React.JSX.Element {
  const phase = useApp((s) => s.phase)
  const loadError = useApp((s) => s.loadError)
  const { t } = useTranslation()
  return (
    <main className="splash">
      <AppIcon size={48} />
      <h1 className="splash-title">{t('common.appName')}</h1>
      {phase === 'loading' && (
        <p className="muted" role="status">
          <span className="spinner" aria-hidden="true" /> {t('common.starting')}
        </p>
      )}
      {phase === 'offline' && <p className="muted">{t('common.offline')}</p>}
      {phase === 'error' && (
        <div className="notice notice-error" role="alert">
          <Icon name="alert" />
          <div>
            <p className="notice-title">{t('common.couldNotStart', { reason: loadError ?? '' })}</p>
            <button type="button" className="btn btn-small" onClick={() => void useApp.getState().boot()}>
              {t('common.tryAgain')}
            </button>
          </div>
        </div>
      )}
    </main>
  )
}

function Workspace(): React.JSX.Element {
  const view = useApp((s) => s.view)
  const dropActive = useUi((s) => s.dropActive)
  const browse = useUi((s) => s.browse)
  // what shows a part of its own chunk (later.tsx)
  const detailOpen = useDetail((s) => s.taskId !== null)
  const lightboxOpen = useDetail((s) => s.lightbox !== null)
  const galleryLightboxOpen = useGallery((s) => s.lightbox !== null)
  const downloadOpen = useUi((s) => s.downloadDialog !== null)
  const historyOpen = useUi((s) => s.exportOpen || s.clearOpen)
  const { t } = useTranslation()
  useGlobalInput()
  useEffect(() => startWiring(), [])
  useEffect(() => startMenuCommands(), [])
  useEffect(() => {
    // the other parts' chunks, once the first screen is up (later.tsx)
    const timer = window.setTimeout(preloadLaterParts, 1000)
    return () => window.clearTimeout(timer)
  }, [])
  return (
    <div className="shell">
      <Header />
      <div className="workspace" hidden={view !== 'tasks'}>
        <Sidebar />
        <main className="main" aria-label={t('common.tasksRegion')}>
          <Toolbar />
          {browse === 'gallery' && view === 'tasks' ? <GalleryView /> : <TaskTable />}
        </main>
        {detailOpen && <TaskDetail />}
      </div>
      {view === 'settings' && <SettingsView />}
      {view === 'new' && <NewTasksView />}
      <DownloadPanel />
      {downloadOpen && <DownloadDialog />}
      {historyOpen && <HistoryDialogs />}
      {lightboxOpen && <Lightbox />}
      {galleryLightboxOpen && <GalleryLightbox />}
      {dropActive && (
        <div className="drop-overlay" aria-hidden="true">
          <div className="drop-card">
            <Icon name="file" />
            <p>{view === 'new' ? t('common.dropPhotos') : t('common.dropIdFile')}</p>
          </div>
        </div>
      )}
    </div>
  )
}
