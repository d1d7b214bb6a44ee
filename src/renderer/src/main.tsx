import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { pickLanguage } from '../../shared/languages'
import { App } from './App'
import { GalleryView, SetupScreen } from './later'
import { warmFormatters } from './format'
import { applyLanguage } from './language'
import { useApp } from './stores/app'
import { useNotices } from './stores/notices'
import { setGalleryShown } from './stores/gallery'
import { useTasks } from './stores/tasks'
import { useUi } from './stores/ui'
import './styles/tokens.css'
import './styles.css'
import './styles/layout.css'
import './styles/table.css'
import './styles/detail.css'
import './styles/overlays.css'
import './styles/submit.css'
import './styles/gallery.css'

// until main reports the OS's languages, the browser engine's idea of them (in Electron: the app's locale); a
// language other than English is a chunk of its own (i18n/index.ts), which the first render waits for
const language = applyLanguage(pickLanguage(navigator.languages))

// What the first screen needs: early.ts asked main for it before the bundle's modules ran (lib/startupAsks.ts), and
// the stores take those answers here: the settings, credentials and app info that pick the screen, the start-up
// notices, and the list's first page and counts (the start waits for them, briefly, so the list renders once, with
// its rows) or the gallery's layout and first page (not waited for: main may take longer over the layout than the
// window over its first render, which goes on meanwhile).
let booted: Promise<void>
if (useUi.getState().browse === 'gallery') {
  // the start waits for the gallery's chunk (later.tsx: a part rendered before its chunk is in is revealed late); its
  // data is on its way (early.ts)
  const view = GalleryView.load()
  booted = useApp.getState().boot(view)
  setGalleryShown(true)
} else {
  booted = useApp.getState().boot(useTasks.getState().refresh())
}
void useNotices.getState().load()

// Intl's number and date data (~45 ms the first time in a window), which the first screen needs, while the answers
// come in
warmFormatters()

/** The first render waits this long for the start's answers: with them in it is the first screen itself, not a splash
 * rendered, laid out and painted only to be replaced a moment later. */
const SPLASH_AFTER_MS = 150

const root = document.getElementById('root')
if (!root) throw new Error('The page has no #root element')
const firstRender = (): void =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>
  )
// a first run shows the setup screen: its chunk too (later.tsx), so it is not revealed late
const firstScreen = booted.then(() => (useApp.getState().phase === 'setup' ? SetupScreen.load() : undefined)).catch(() => undefined)
void language.finally(() => void Promise.race([firstScreen, new Promise((r) => window.setTimeout(r, SPLASH_AFTER_MS))]).finally(firstRender))
