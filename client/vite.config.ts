// Builds the single-page app into client/dist, which the server serves with an SPA fallback.
// In dev, API, health and sync traffic goes to a locally running server on port 8787.
import react from '@vitejs/plugin-react'
import { defaultClientConditions, defineConfig } from 'vite'

const server = process.env.TIDEBOARD_SERVER ?? 'http://localhost:8787'

export default defineConfig({
  plugins: [react()],
  // 'source' makes @tideboard/shared resolve to its TypeScript sources: no separate build step.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    proxy: {
      '/api': server,
      '/healthz': server,
      '/sync': { target: server, ws: true },
    },
  },
})
