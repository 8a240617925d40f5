// A comment on a card, with @mentions of members. Comments live in the document so everyone sees
// them live; the server lets only a comment's author write or delete it (see writePolicy.ts).

import * as Y from 'yjs'
import { newRepairs, note, type Repairs, readNullableString, readString, readStringList } from './read.js'

export interface Comment {
  id: string
  cardId: string
  /** Identity of the author: a member id, or an invite id for someone who has not joined by name. */
  author: string
  authorName: string
  text: string
  /** Member ids mentioned with @name. */
  mentions: string[]
  createdAt: string
  editedAt: string | null
}

export const MAX_COMMENT_LENGTH = 5_000

export function readComment(id: string, raw: unknown, repairs: Repairs = newRepairs()): Comment | null {
  if (!(raw instanceof Y.Map)) {
    note(repairs, `comment ${id}`, 'not a record; skipped')
    return null
  }
  const r = raw.toJSON() as Record<string, unknown>
  const path = `comment ${id}`
  const cardId = readString(r.cardId, '', `${path}.cardId`, repairs)
  const author = readString(r.author, '', `${path}.author`, repairs)
  if (cardId === '' || author === '') {
    note(repairs, path, 'comment without card or author; skipped')
    return null
  }
  return {
    id,
    cardId,
    author,
    authorName: readString(r.authorName, 'Someone', `${path}.authorName`, repairs),
    text: readString(r.text, '', `${path}.text`, repairs).slice(0, MAX_COMMENT_LENGTH),
    mentions: readStringList(r.mentions, `${path}.mentions`, repairs),
    createdAt: readString(r.createdAt, '', `${path}.createdAt`, repairs),
    editedAt: readNullableString(r.editedAt, `${path}.editedAt`, repairs),
  }
}
