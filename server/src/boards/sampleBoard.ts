// The sample board every installation starts with: imported once when storage holds no board,
// remembered in meta so GET /api/sample can hand out an owner link to it.

import { SAMPLE_BOARD } from '@tideboard/shared'
import { authorize, issueInvite } from '../auth/access.js'
import { randomId } from '../ids.js'
import type { Storage } from '../storage/storage.js'
import { createBoard } from './createBoard.js'

const SAMPLE_ID_KEY = 'sample_board_id'
const SAMPLE_TOKEN_KEY = 'sample_owner_token'
/** Instances starting together on an empty database: only the one whose claim is stored creates it. */
const SAMPLE_CLAIM_KEY = 'sample_board_claim'

/** Creates the sample board on first start; returns its id and an owner token when it was created. */
export async function ensureSampleBoard(
  storage: Storage,
  secret: Uint8Array,
): Promise<{ id: string; ownerToken: string } | null> {
  if ((await storage.countBoards()) > 0 || (await storage.getMeta(SAMPLE_ID_KEY)) !== null) return null
  const claim = randomId()
  if ((await storage.getOrCreateMeta(SAMPLE_CLAIM_KEY, claim)) !== claim) return null
  const board = await createBoard(storage, secret, { kind: 'file', file: SAMPLE_BOARD })
  await storage.setMeta(SAMPLE_ID_KEY, board.id)
  await storage.setMeta(SAMPLE_TOKEN_KEY, board.invites.owner)
  return { id: board.id, ownerToken: board.invites.owner }
}

/** The sample board and a working owner token for it, or null when there is none. */
export async function sampleBoardAccess(
  storage: Storage,
  secret: Uint8Array,
): Promise<{ id: string; ownerToken: string } | null> {
  const id = await storage.getMeta(SAMPLE_ID_KEY)
  if (id === null || !(await storage.getBoard(id))) return null
  const token = await storage.getMeta(SAMPLE_TOKEN_KEY)
  if (token !== null) {
    const access = await authorize(storage, secret, id, token)
    if (access.ok && access.value.role === 'owner') return { id, ownerToken: token }
  }
  // The remembered link was revoked (or never stored): issue a fresh one.
  const fresh = await issueInvite(storage, secret, { boardId: id, role: 'owner' })
  await storage.setMeta(SAMPLE_TOKEN_KEY, fresh.token)
  return { id, ownerToken: fresh.token }
}
