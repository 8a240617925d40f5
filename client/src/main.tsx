// Entry point: mounts the app. Production builds also register the offline app shell (a service
// worker); the dev server never does, so hot reload is never served from a cache.

import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import { registerAppShell } from './offline/appShell'
import { UpdatePrompt } from './offline/UpdatePrompt'
import './styles/app.css'

if (import.meta.env.PROD) registerAppShell()

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <App />
    <UpdatePrompt />
  </StrictMode>,
)
