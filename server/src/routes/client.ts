// Serves the built client (client/dist): hashed assets cached for a year, index.html never cached,
// and the single-page app's routes (/ and /b/*) answered with index.html.

import { readFile, stat } from 'node:fs/promises'
import { extname, resolve, sep } from 'node:path'
import { type Context, Hono } from 'hono'
import { ApiError } from '../http/apiError.js'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
}

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tideboard</title></head>
<body><h1>Tideboard</h1><p>The client is not built. Run <code>pnpm run build</code>, then restart the server.</p></body></html>
`

/** Vite puts content-hashed files under assets/ (name-<hash>.ext): safe to cache forever. */
function isHashed(path: string): boolean {
  return path.startsWith('/assets/') || /[.-][A-Za-z0-9_-]{8,}\.[a-z0-9]+$/.test(path)
}

async function readIfFile(file: string): Promise<Buffer | null> {
  try {
    if (!(await stat(file)).isFile()) return null
    return await readFile(file)
  } catch {
    return null
  }
}

export function clientRoutes(deps: { clientDir: string | null }): Hono {
  const app = new Hono()
  const root = deps.clientDir === null ? null : resolve(deps.clientDir)

  const index = async (c: Context) => {
    const html = root === null ? null : await readIfFile(resolve(root, 'index.html'))
    c.header('Cache-Control', 'no-cache')
    if (html === null) return c.html(NOT_BUILT)
    c.header('Content-Type', CONTENT_TYPES['.html'])
    return c.body(new Uint8Array(html))
  }

  app.get('/', index)
  app.get('/b/*', index)
  app.get('*', async (c) => {
    const path = c.req.path
    if (root === null || path.startsWith('/api/') || path.startsWith('/sync/')) return notFound(path)
    let decoded: string
    try {
      decoded = decodeURIComponent(path)
    } catch {
      return notFound(path)
    }
    const file = resolve(root, `.${decoded}`)
    if (!file.startsWith(root + sep) || decoded.includes('\0')) return notFound(path)
    const body = await readIfFile(file)
    if (body === null) return notFound(path)
    c.header('Content-Type', CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream')
    c.header('Cache-Control', isHashed(decoded) ? 'public, max-age=31536000, immutable' : 'no-cache')
    return c.body(new Uint8Array(body))
  })
  return app
}

function notFound(path: string): never {
  throw new ApiError(404, 'not_found', `no such file: ${path}`)
}
