import * as encoding from 'lib0/encoding'
import { expect, it } from 'vitest'
import { decodeRequests, encodeRequest, type WriterRequest } from './sqliteWriter.js'

it('sends a batch of writes to the thread as bytes and reads back each write as it was', () => {
  const requests: WriterRequest[] = [
    { id: 1, op: 'append', boardId: 'b1', data: new Uint8Array([0, 1, 255]) },
    { id: 2, op: 'append', boardId: 'b2', data: new Uint8Array(0) },
    {
      id: 300,
      op: 'addActivity',
      activity: {
        boardId: 'b1',
        at: '2026-01-01T09:00:00.000Z',
        actorId: 'm1',
        actorName: 'Zoë “Z” 🦊',
        cardId: 'c1',
        cardTitle: '',
        action: JSON.stringify({ kind: 'edited', fields: ['title'] }),
      },
    },
    {
      id: 2 ** 40,
      op: 'updateActivity',
      activityId: 70_000,
      at: 'now',
      cardTitle: 'Ti\u0000tle',
      action: '{}',
    },
  ]
  const encoder = encoding.createEncoder()
  for (const { id, ...write } of requests) encodeRequest(encoder, id, write)
  expect(decodeRequests(encoding.toUint8Array(encoder))).toEqual(requests)
})

it('refuses a batch naming an operation it does not know', () => {
  expect(() => decodeRequests(new Uint8Array([1, 9]))).toThrow(/unknown writer operation 9/)
})
