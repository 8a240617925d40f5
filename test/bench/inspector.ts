// A server started with `--inspect=127.0.0.1:0` can be asked, through the inspector protocol, to run
// a full garbage collection and report its memory: what is retained, as opposed to garbage the heap
// has not collected yet and pages the allocator has not returned.

import { writeFileSync } from 'node:fs'
import WebSocket from 'ws'
import type { ServerProcess } from './serverProcess.js'

export const INSPECT_ARGS = ['--inspect=127.0.0.1:0']

export interface RetainedMemory {
  rssBytes: number
  heapUsedBytes: number
}

function call(ws: WebSocket, id: number, method: string, params: object = {}): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onMessage = (data: WebSocket.RawData) => {
      const reply = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: unknown }
      if (reply.id !== id) return
      ws.off('message', onMessage)
      if (reply.error) reject(new Error(`${method}: ${JSON.stringify(reply.error)}`))
      else resolve(reply.result)
    }
    ws.on('message', onMessage)
    ws.send(JSON.stringify({ id, method, params }))
  })
}

async function openInspector(server: ServerProcess): Promise<WebSocket> {
  const url = server.inspectorUrl
  if (!url) throw new Error(`${server.kind} server was not started with ${INSPECT_ARGS.join(' ')}`)
  const ws = new WebSocket(url)
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject))
  return ws
}

/**
 * Where BENCH_SERVER_PROFILE asks for CPU profiles of Tideboard's server during a scenario's measured
 * phase (a directory), or null. Such a server is started with INSPECT_ARGS.
 */
export const PROFILE_DIR = process.env.BENCH_SERVER_PROFILE || null

/**
 * Runs `during` while the server's V8 profiler samples, and writes the profile to `file` (summarise
 * it with profileTop.ts). Without an inspector on the server, just runs `during`.
 */
export async function profiled<T>(server: ServerProcess, file: string, during: () => Promise<T>): Promise<T> {
  if (!server.inspectorUrl) return during()
  const ws = await openInspector(server)
  try {
    await call(ws, 1, 'Profiler.enable')
    await call(ws, 2, 'Profiler.setSamplingInterval', { interval: 500 })
    await call(ws, 3, 'Profiler.start')
    const result = await during()
    const { profile } = (await call(ws, 4, 'Profiler.stop')) as { profile: unknown }
    writeFileSync(file, JSON.stringify(profile))
    console.log(`  [profile] ${file}`)
    return result
  } finally {
    ws.close()
  }
}

/** Runs a full GC in the server and reads process.memoryUsage() there. */
export async function retainedMemory(server: ServerProcess): Promise<RetainedMemory> {
  const ws = await openInspector(server)
  try {
    await call(ws, 1, 'HeapProfiler.collectGarbage')
    const result = (await call(ws, 2, 'Runtime.evaluate', {
      expression: 'JSON.stringify(process.memoryUsage())',
      returnByValue: true,
    })) as { result: { value: string } }
    const usage = JSON.parse(result.result.value) as { rss: number; heapUsed: number }
    return { rssBytes: usage.rss, heapUsedBytes: usage.heapUsed }
  } finally {
    ws.close()
  }
}
