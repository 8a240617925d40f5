// The offline app shell: registers the service worker that precaches the built app (vite-plugin-pwa,
// see vite.config.ts) and keeps one fact for the UI, whether a newer deploy is waiting. A waiting
// version takes over when the person reloads through the prompt, or when every tab has been closed.
/// <reference types="vite-plugin-pwa/client" />

import { registerSW } from 'virtual:pwa-register'

/** How often an open tab asks whether a new version was deployed (a planning session runs for hours). */
const UPDATE_CHECK_MS = 30 * 60_000

let updateReady = false
let activate: (() => Promise<void>) | null = null
let registration: ServiceWorkerRegistration | null = null
const listeners = new Set<() => void>()

function setUpdateReady(ready: boolean): void {
  updateReady = ready
  for (const l of listeners) l()
}

export function registerAppShell(): void {
  if (activate !== null || !('serviceWorker' in navigator)) return
  activate = registerSW({
    onNeedRefresh: () => setUpdateReady(true),
    // Only the tab whose person chose "Reload" reloads (reloadToUpdate); other tabs keep their prompt.
    onNeedReload: () => {},
    onRegisteredSW(_url, registered) {
      if (!registered) return
      registration = registered
      setInterval(() => {
        // Offline or the server is restarting: the next check will do.
        if (navigator.onLine) registered.update().catch(() => {})
      }, UPDATE_CHECK_MS)
    },
    onRegisterError: (error: unknown) => console.error('Registering the offline app shell failed', error),
  })
}

export function isUpdateReady(): boolean {
  return updateReady
}

export function subscribeUpdateReady(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/**
 * Lets the waiting version take over and reloads once it controls this page. When another tab already
 * let it in, there is nothing waiting any more and a plain reload loads it.
 */
export function reloadToUpdate(): void {
  if (!registration?.waiting || !activate) {
    location.reload()
    return
  }
  navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true })
  void activate()
}

/** Hides the prompt for this page; the new version still arrives with the next reload of every tab. */
export function dismissUpdate(): void {
  setUpdateReady(false)
}
