import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { pickLanguage } from '../../shared/languages'
import { App } from './App'
import { GalleryView } from './later'
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

// What the first screen needs is asked for now, while React renders the splash, not from effects that wait for a
// render and its paint: the settings, credentials and app info that pick the screen, the start-up notices, and the
// list's first page and counts (the start waits for them, briefly, so the list renders once, with its rows) or the
// gallery's layout and first page (after the settings, which main would answer only after the layout; and not
// waited for: main takes longer over the layout than the window over its first render, which goes on meanwhile).
if (useUi.getState().browse === 'gallery') {
  // its chunk first: main answers in order, and the layout query would hold up the file; the start waits for it
  // (later.tsx), and the gallery's data is asked for once it is in
  const view = GalleryView.load()
  void useApp.getState().boot(view)
  void view.finally(() => setGalleryShown(true))
} else {
  void useApp.getState().boot(useTasks.getState().refresh())
}
void useNotices.getState().load()

const root = document.getElementById('root')
if (!root) throw new Error('The page has no #root element')
void language.finally(() => {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>
  )
  // after the splash is on its way, before the answers are
  window.setTimeout(warmFormatters, 0)
})
