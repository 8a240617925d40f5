// The reference y-websocket server (@y/websocket-server 0.1.1, the last release for yjs 13) as its
// own README runs it: ws's WebSocketServer on a plain HTTP server, setupWSConnection per socket,
// no persistence. The benchmark runs it as a child process on a loopback port.

import http from 'node:http'
import { setupWSConnection } from '@y/websocket-server/utils'
import { WebSocketServer } from 'ws'

const host = process.env.HOST || '127.0.0.1'
const port = Number(process.env.PORT || 0)

const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' })
  res.end('okay')
})
const wss = new WebSocketServer({ noServer: true })
wss.on('connection', setupWSConnection)
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request))
})
server.listen(port, host, () => {
  const address = server.address()
  process.stdout.write(`reference server listening on http://${host}:${address.port}\n`)
})
process.on('SIGTERM', () => process.exit(0))
