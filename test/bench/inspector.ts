// A server started with `--inspect=127.0.0.1:0` can be asked, through the inspector protocol, to run
// a full garbage collection and report its memory: what is retained, as opposed to garbage the heap
// has not collected yet and pages the allocator has not returned.

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

/** Runs a full GC in the server and reads process.memoryUsage() there. */
export async function retainedMemory(server: ServerProcess): Promise<RetainedMemory> {
  const url = server.inspectorUrl
  if (!url) throw new Error(`${server.kind} server was not started with ${INSPECT_ARGS.join(' ')}`)
  const ws = new WebSocket(url)
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject))
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
