// "A new version of Tideboard is available — Reload": shown when a deploy is waiting, never forced.
// Edits are kept in this browser, so reloading loses nothing that was typed and committed.

import { useSyncExternalStore } from 'react'
import { dismissUpdate, isUpdateReady, reloadToUpdate, subscribeUpdateReady } from './appShell'
import './updatePrompt.css'

export function UpdatePrompt() {
  const ready = useSyncExternalStore(subscribeUpdateReady, isUpdateReady)
  if (!ready) return null
  return (
    <div className="toast toast-update" role="status">
      <span>A new version of Tideboard is available.</span>
      <button type="button" className="toast-action" onClick={reloadToUpdate}>
        Reload
      </button>
      <button type="button" className="toast-close" aria-label="Later" title="Later" onClick={dismissUpdate}>
        <span aria-hidden="true">×</span>
      </button>
    </div>
  )
}
