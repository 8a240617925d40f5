// The offline app shell: registers the service worker that precaches the built app (vite-plugin-pwa,
// see vite.config.ts) and keeps one fact for the UI, whether a newer deploy is waiting. A waiting
// version takes over when the person reloads through the prompt, or when every tab has been closed.
// Registered by hand rather than through vite-plugin-pwa's registerSW: that one loads workbox-window
// (2.2 kB gzip) for what is here a few lines of the service worker API. The generated worker takes
// over when told `{ type: 'SKIP_WAITING' }`, as workbox-window's messageSkipWaiting tells it.

/** How often an open tab asks whether a new version was deployed (a planning session runs for hours). */
const UPDATE_CHECK_MS = 30 * 60_000

let updateReady = false
let started = false
let registration: ServiceWorkerRegistration | null = null
const listeners = new Set<() => void>()

function setUpdateReady(ready: boolean): void {
  updateReady = ready
  for (const l of listeners) l()
}

/** A new version counts once it is installed while an older one controls this page. */
function watch(registered: ServiceWorkerRegistration): void {
  registration = registered
  const installedOverOld = (worker: ServiceWorker | null) =>
    worker?.state === 'installed' && navigator.serviceWorker.controller !== null
  // Installed before this page opened (another tab kept the old version alive meanwhile).
  if (installedOverOld(registered.waiting)) setUpdateReady(true)
  registered.addEventListener('updatefound', () => {
    const worker = registered.installing
    worker?.addEventListener('statechange', () => {
      if (installedOverOld(worker)) setUpdateReady(true)
    })
  })
  setInterval(() => {
    // Offline or the server is restarting: the next check will do.
    if (navigator.onLine) registered.update().catch(() => {})
  }, UPDATE_CHECK_MS)
}

export function registerAppShell(): void {
  if (started || !('serviceWorker' in navigator)) return
  started = true
  // After the page has loaded, so installing the worker (which fetches the whole app) never competes
  // with opening the board.
  const register = () => {
    navigator.serviceWorker
      .register(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL })
      .then(watch)
      .catch((error: unknown) => console.error('Registering the offline app shell failed', error))
  }
  if (document.readyState === 'complete') register()
  else window.addEventListener('load', register, { once: true })
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
  const waiting = registration?.waiting
  if (!waiting) {
    location.reload()
    return
  }
  navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true })
  waiting.postMessage({ type: 'SKIP_WAITING' })
}

/** Hides the prompt for this page; the new version still arrives with the next reload of every tab. */
export function dismissUpdate(): void {
  setUpdateReady(false)
}
