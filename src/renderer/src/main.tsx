import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { pickLanguage } from '../../shared/languages'
import { App } from './App'
import { applyLanguage } from './language'
import './styles/tokens.css'
import './styles.css'
import './styles/layout.css'
import './styles/table.css'
import './styles/detail.css'
import './styles/overlays.css'
import './styles/submit.css'
import './styles/gallery.css'

// until main reports the OS's languages, the browser engine's idea of them (in Electron: the app's locale)
void applyLanguage(pickLanguage(navigator.languages))

const root = document.getElementById('root')
if (!root) throw new Error('The page has no #root element')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>
)
