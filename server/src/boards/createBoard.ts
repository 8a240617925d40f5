// Creating a board: fill a fresh document (default funnel, or an imported file), store it as the
// board's first snapshot, and issue the owner, member and viewer invites. An imported file's decisions
// go into the board's decision log and, written by the server, into the document.

import {
  approvalFingerprint,
  type BoardFile,
  type DecisionRecord,
  importBoardFile,
  initBoard,
  readBoard,
  writeDecision,
} from '@tideboard/shared'
import * as Y from 'yjs'
import { issueInvite } from '../auth/access.js'
import { randomId } from '../ids.js'
import type { Storage } from '../storage/storage.js'
import { SERVER_OWNER } from '../sync/clientOwners.js'
import { SERVER_ORIGIN } from '../sync/origin.js'

export interface NewBoard {
  id: string
  title: string
  invites: { owner: string; member: string; viewer: string }
}

export type BoardSource =
  | { kind: 'new'; title: string; description?: string | undefined }
  | { kind: 'file'; file: BoardFile }

export async function createBoard(
  storage: Storage,
  secret: Uint8Array,
  source: BoardSource,
  now: Date = new Date(),
): Promise<NewBoard> {
  const doc = new Y.Doc()
  try {
    if (source.kind === 'new') {
      const filled = initBoard(
        doc,
        {
          title: source.title,
          ...(source.description === undefined ? {} : { description: source.description }),
        },
        SERVER_ORIGIN,
      )
      // Titles are validated at the edge; reaching this is a bug, not bad input.
      if (!filled.ok) throw new Error(`initBoard refused a validated title: ${filled.error}`)
    }
    const decisions = source.kind === 'file' ? importFile(doc, source.file, now) : []
    const id = randomId()
    const title = readBoard(doc).meta.title
    await storage.createBoard({ id, title, createdAt: now.toISOString() }, Y.encodeStateAsUpdate(doc))
    // The first snapshot's structs are the server's: no client may write more under that client id.
    await storage.claimClientIds(id, [doc.clientID], SERVER_OWNER)
    for (const decision of decisions) await storage.appendDecision({ ...decision, boardId: id })
    const invite = async (role: 'owner' | 'member' | 'viewer') =>
      (await issueInvite(storage, secret, { boardId: id, role }, now)).token
    return {
      id,
      title,
      invites: {
        owner: await invite('owner'),
        member: await invite('member'),
        viewer: await invite('viewer'),
      },
    }
  } finally {
    doc.destroy()
  }
}

/** Imports the file and writes its decisions, counting for the card as the file has it (round 0). */
function importFile(doc: Y.Doc, file: BoardFile, now: Date): DecisionRecord[] {
  importBoardFile(doc, file, SERVER_ORIGIN, now)
  const board = readBoard(doc)
  const decisions = file.decisions.map((d): DecisionRecord => {
    const card = board.cards.find((c) => c.id === d.cardId)
    return {
      id: randomId(),
      cardId: d.cardId,
      function: d.function,
      verdict: d.verdict,
      reason: d.reason,
      by: d.by ?? '',
      byName: board.people.find((p) => p.id === d.by)?.name ?? 'A leader',
      at: d.at,
      fingerprint: card ? approvalFingerprint(card) : '',
      round: 0,
    }
  })
  doc.transact(() => {
    for (const decision of decisions) writeDecision(doc, decision, SERVER_ORIGIN)
  }, SERVER_ORIGIN)
  return decisions
}

export function boardUrl(origin: string, boardId: string, token: string): string {
  return `${origin}/b/${boardId}#token=${token}`
}
