// Where the built pieces live, for tests that run them as real processes.

import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
export const SERVER_MAIN = fileURLToPath(new URL('../../server/dist/main.js', import.meta.url))
export const CLIENT_INDEX = fileURLToPath(new URL('../../client/dist/index.html', import.meta.url))
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
