// Builds the single-page app into client/dist, which the server serves with an SPA fallback.
// In dev, API, health and sync traffic goes to a locally running server on port 8787.
// A service worker (vite-plugin-pwa, generateSW) precaches the built app shell so a board this
// browser has joined opens, and reloads, without the network; the board itself comes from IndexedDB.
import react from '@vitejs/plugin-react'
import { defaultClientConditions, defineConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'

const server = process.env.TIDEBOARD_SERVER ?? 'http://localhost:8787'

/** Paths the server answers itself: never the app shell, never from a cache. */
const SERVER_PATHS = [/^\/api(\/|$)/, /^\/sync(\/|$)/, /^\/healthz(\/|$)/, /^\/metrics(\/|$)/]

export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      strategies: 'generateSW',
      // A new deploy waits for the person's "Reload" (src/offline/UpdatePrompt.tsx) instead of
      // swapping the app under someone typing; closing every tab also picks it up.
      registerType: 'prompt',
      // Registered from src/main.tsx, in production builds only.
      injectRegister: false,
      // The icon is precached by the glob below already.
      includeManifestIcons: false,
      manifest: {
        name: 'Tideboard',
        short_name: 'Tideboard',
        description: 'One plan to get, keep and grow customers, together.',
        theme_color: '#123a5c',
        background_color: '#ffffff',
        icons: [{ src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        globPatterns: ['**/*.{html,js,css,svg,woff,woff2}'],
        // The app's routes (/ and /b/<id>) open from the precached index.html when offline.
        navigateFallback: 'index.html',
        navigateFallbackAllowlist: [/^\/$/, /^\/b\//],
        navigateFallbackDenylist: SERVER_PATHS,
        // No runtime caching: API answers, health and metrics always come from the server.
        runtimeCaching: [],
        clientsClaim: true,
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  // 'source' makes @tideboard/shared resolve to its TypeScript sources: no separate build step.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      // lib0 (under yjs's logging) builds DOM-node schemas at load with `$.$custom(...)`, calls the
      // bundler must keep unless told they are pure: unused, they are 2.3 kB gzip. Only lib0 calls a
      // function named `$` in this bundle, and always for its value.
      treeshake: { manualPureFunctions: ['$'] },
    },
  },
  server: {
    proxy: {
      '/api': server,
      '/healthz': server,
      '/sync': { target: server, ws: true },
    },
  },
})
