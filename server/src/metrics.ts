// Prometheus metrics for one server instance, in their own registry (no global state, so tests
// can create as many apps as they like).

import { Counter, Gauge, Histogram, Registry } from 'prom-client'

export interface Metrics {
  registry: Registry
  roomsLoaded: Gauge
  connectionsOpen: Gauge
  updatesReceived: Counter
  updatesApplied: Counter
  updatesRefused: Counter<'reason'>
  bytesReceived: Counter
  bytesSent: Counter
  storageAppendSeconds: Histogram
  compactions: Counter
  busConnected: Gauge
  busReconnects: Counter
  busResyncs: Counter
  busMessages: Counter<'direction'>
  busPublishFailures: Counter
  corruptStored: Counter<'kind'>
  snapshotFallbacks: Counter
  earlySyncs: Counter
}

export function createMetrics(): Metrics {
  const registry = new Registry()
  const registers = [registry]
  return {
    registry,
    roomsLoaded: new Gauge({ name: 'tideboard_rooms_loaded', help: 'Boards loaded in memory', registers }),
    connectionsOpen: new Gauge({
      name: 'tideboard_connections_open',
      help: 'Open sync websocket connections',
      registers,
    }),
    updatesReceived: new Counter({
      name: 'tideboard_updates_received_total',
      help: 'Document updates received from clients',
      registers,
    }),
    updatesApplied: new Counter({
      name: 'tideboard_updates_applied_total',
      help: 'Document updates stored and applied',
      registers,
    }),
    updatesRefused: new Counter({
      name: 'tideboard_updates_refused_total',
      help: 'Document updates refused, by reason',
      labelNames: ['reason'] as const,
      registers,
    }),
    bytesReceived: new Counter({
      name: 'tideboard_sync_bytes_received_total',
      help: 'Websocket payload bytes received',
      registers,
    }),
    bytesSent: new Counter({
      name: 'tideboard_sync_bytes_sent_total',
      help: 'Websocket payload bytes sent',
      registers,
    }),
    storageAppendSeconds: new Histogram({
      name: 'tideboard_storage_append_seconds',
      help: 'Latency of durable update appends',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    }),
    compactions: new Counter({
      name: 'tideboard_compactions_total',
      help: 'Update logs compacted into snapshots',
      registers,
    }),
    busConnected: new Gauge({
      name: 'tideboard_bus_connected',
      help: '1 while the fan-out bus to other instances is connected',
      registers,
    }),
    busReconnects: new Counter({
      name: 'tideboard_bus_reconnects_total',
      help: 'Times the bus came back after being down',
      registers,
    }),
    busResyncs: new Counter({
      name: 'tideboard_bus_resyncs_total',
      help: 'Boards that caught up from storage with updates the bus had not delivered',
      registers,
    }),
    busMessages: new Counter({
      name: 'tideboard_bus_messages_total',
      help: 'Bus messages published (out) and received (in)',
      labelNames: ['direction'] as const,
      registers,
    }),
    corruptStored: new Counter({
      name: 'tideboard_storage_corrupt_total',
      help: 'Stored snapshots and update rows found damaged on load, by kind (snapshot, row)',
      labelNames: ['kind'] as const,
      registers,
    }),
    snapshotFallbacks: new Counter({
      name: 'tideboard_snapshot_fallbacks_total',
      help: 'Boards served from the previous snapshot generation because the newest was damaged',
      registers,
    }),
    earlySyncs: new Counter({
      name: 'tideboard_early_syncs_total',
      help: 'Fresh clients sent a board’s stored snapshot as their sync step 2 while the board was still loading',
      registers,
    }),
    busPublishFailures: new Counter({
      name: 'tideboard_bus_publish_failures_total',
      help: 'Bus messages that could not be published (bus down); storage has the updates',
      registers,
    }),
  }
}
