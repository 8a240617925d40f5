import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { BoardConnection } from '../sync/connectBoard'
import { fakeConnection } from '../sync/fakeConnection'
import { discardPreloaded, preloadConnection, takePreloaded } from './preloadedConnection'

function tracked(): { connection: BoardConnection; destroyed: () => boolean } {
  let destroyed = false
  const connection = { ...fakeConnection(new Y.Doc()), destroy: () => (destroyed = true) }
  return { connection, destroyed: () => destroyed }
}

describe('preloaded connection', () => {
  it('hands the connection to the board it was made for, once', () => {
    const made = tracked()
    preloadConnection('b1', 't1', () => made.connection)
    expect(takePreloaded('b1', 't1')).toBe(made.connection)
    expect(takePreloaded('b1', 't1')).toBeNull()
    expect(made.destroyed()).toBe(false)
  })

  it('throws away a connection made for another board or token, or discarded', () => {
    const other = tracked()
    preloadConnection('b1', 't1', () => other.connection)
    expect(takePreloaded('b1', 't2')).toBeNull()
    expect(other.destroyed()).toBe(true)

    const replaced = tracked()
    const next = tracked()
    preloadConnection('b1', 't1', () => replaced.connection)
    preloadConnection('b2', 't1', () => next.connection)
    expect(replaced.destroyed()).toBe(true)
    discardPreloaded()
    expect(next.destroyed()).toBe(true)
  })
})
