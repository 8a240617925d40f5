// One Vitest run for every test: shared unit tests, server tests through app.request, and the
// end-to-end suites in test/ that start real server processes and real Chromium.
import { defineConfig } from 'vitest/config'
import SummaryReporter from './test/support/summaryReporter.js'

export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    reporters: ['default', new SummaryReporter()],
    projects: [
      {
        extends: true,
        test: { name: 'shared', include: ['shared/src/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: { name: 'server', include: ['server/src/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: { name: 'client', include: ['client/src/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/globalSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
