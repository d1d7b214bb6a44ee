import { useEffect } from 'react'
import { ConfirmDialog } from './components/ConfirmDialog'
import { DownloadDialog } from './components/DownloadDialog'
import { DownloadPanel } from './components/DownloadPanel'
import { Header } from './components/Header'
import { HistoryDialogs } from './components/HistoryDialogs'
import { Icon } from './components/Icon'
import { GalleryLightbox } from './components/GalleryLightbox'
import { GalleryView } from './components/GalleryView'
import { Lightbox } from './components/Lightbox'
import { NewTasksView } from './components/NewTasksView'
import { SettingsView } from './components/SettingsView'
import { SetupScreen } from './components/SetupScreen'
import { Sidebar } from './components/Sidebar'
import { StartupNotices } from './components/StartupNotices'
import { TaskDetail } from './components/TaskDetail'
import { TaskTable } from './components/TaskTable'
import { Toasts } from './components/Toasts'
import { Toolbar } from './components/Toolbar'
import { startMenuCommands } from './menuCommands'
import { useGlobalInput } from './shortcuts'
import { useApp } from './stores/app'
import { useNotices } from './stores/notices'
import { useUi } from './stores/ui'
import { startWiring } from './stores/wiring'

export function App(): React.JSX.Element {
  const phase = useApp((s) => s.phase)
  const theme = useApp((s) => s.settings?.theme ?? 'system')
  useEffect(() => {
    void useApp.getState().boot()
    void useNotices.getState().load()
  }, [])
  useEffect(() => {
    const root = document.documentElement
    if (theme === 'system') delete root.dataset['theme']
    else root.dataset['theme'] = theme
  }, [theme])
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
  return (
    <main className="splash">
      <img src="./icon.svg" alt="" width="48" height="48" />
      <h1 className="splash-title">Aidge Task Desk</h1>
      {phase === 'loading' && (
        <p className="muted" role="status">
          <span className="spinner" aria-hidden="true" /> Starting…
        </p>
      )}
      {phase === 'offline' && <p className="muted">Track Virtual Model Alternation tasks, browse their results, download them in batches. This window is not connected to the app: start Aidge Task Desk from its launcher.</p>}
      {phase === 'error' && (
        <div className="notice notice-error" role="alert">
          <Icon name="alert" />
          <div>
            <p className="notice-title">The app could not start: {loadError}</p>
            <button type="button" className="btn btn-small" onClick={() => void useApp.getState().boot()}>
              Try again
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
  useGlobalInput()
  useEffect(() => startWiring(), [])
  useEffect(() => startMenuCommands(), [])
  return (
    <div className="shell">
      <Header />
      <div className="workspace" hidden={view !== 'tasks'}>
        <Sidebar />
        <main className="main" aria-label="Tasks">
          <Toolbar />
          {browse === 'gallery' && view === 'tasks' ? <GalleryView /> : <TaskTable />}
        </main>
        <TaskDetail />
      </div>
      {view === 'settings' && <SettingsView />}
      {view === 'new' && <NewTasksView />}
      <DownloadPanel />
      <DownloadDialog />
      <HistoryDialogs />
      <Lightbox />
      <GalleryLightbox />
      {dropActive && (
        <div className="drop-overlay" aria-hidden="true">
          <div className="drop-card">
            <Icon name="file" />
            <p>{view === 'new' ? 'Drop garment photos or a folder of them' : 'Drop a .txt, .csv or .json file to add its task ids'}</p>
          </div>
        </div>
      )}
    </div>
  )
}
