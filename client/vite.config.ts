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
    rolldownOptions: {
      // @tideboard/shared's modules only declare things. Saying so lets the bundle drop the parts the
      // client never uses (the board-file validators, and zod with them).
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]shared[\\/]src[\\/]/.test(id) },
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
