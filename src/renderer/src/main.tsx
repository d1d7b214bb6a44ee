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

// What the first screen needs: early.ts has asked main for most of it before this bundle ran (startupAsks.ts); the
// stores take those answers here: the settings, credentials and app info that pick the screen, the start-up notices,
// and the list's first page and counts (the start waits for them, briefly, so the list renders once, with its rows)
// or the gallery's layout and first page (after the settings, which main would answer only after the layout; and not
// waited for: main takes longer over the layout than the window over its first render, which goes on meanwhile).
let booted: Promise<void>
if (useUi.getState().browse === 'gallery') {
  // its chunk first: main answers in order, and the layout query would hold up the file; the start waits for it
  // (later.tsx), and the gallery's data is asked for once it is in
  const view = GalleryView.load()
  booted = useApp.getState().boot(view)
  void view.finally(() => setGalleryShown(true))
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
const firstScreen = booted.then(() => (useApp.getState().phase === 'setup' ? SetupScreen.load() : undefined))
void language.finally(() => void Promise.race([firstScreen, new Promise((r) => window.setTimeout(r, SPLASH_AFTER_MS))]).finally(firstRender))
