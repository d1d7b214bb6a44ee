import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import './styles/tokens.css'
import './styles.css'
import './styles/layout.css'
import './styles/table.css'
import './styles/detail.css'
import './styles/overlays.css'
import './styles/submit.css'
import './styles/gallery.css'

const root = document.getElementById('root')
if (!root) throw new Error('The page has no #root element')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>
)
