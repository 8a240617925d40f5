// Comments on cards: add, edit and delete your own. The text is plain (mentions are stored as member
// ids next to it); each comment is its own record so concurrent comments never collide.

import * as Y from 'yjs'
import { MAX_COMMENT_LENGTH } from '../records/comment.js'
import { fail, ok, type Result } from '../result.js'
import { recordIn, roots, yRecord } from '../schema.js'
import { newId } from './newId.js'

export interface CommentAuthor {
  id: string
  name: string
}

function cleanText(text: unknown): Result<string> {
  if (typeof text !== 'string') return fail('a comment is text')
  const trimmed = text.trim()
  if (trimmed === '') return fail('a comment cannot be empty')
  if (trimmed.length > MAX_COMMENT_LENGTH)
    return fail(`a comment has at most ${MAX_COMMENT_LENGTH} characters`)
  return ok(trimmed)
}

export function addComment(
  doc: Y.Doc,
  args: { cardId: string; text: string; mentions?: string[]; author: CommentAuthor },
  origin: unknown = null,
  now: Date = new Date(),
  id: string = newId(),
): Result<string> {
  const text = cleanText(args.text)
  if (!text.ok) return text
  const r = roots(doc)
  if (!recordIn(r.cards, args.cardId)) return fail(`unknown card ${args.cardId}`)
  if (r.comments.has(id)) return fail(`comment ${id} already exists`)
  const mentions = new Y.Array<string>()
  mentions.push([...new Set(args.mentions ?? [])])
  doc.transact(() => {
    r.comments.set(
      id,
      yRecord({
        cardId: args.cardId,
        author: args.author.id,
        authorName: args.author.name,
        text: text.value,
        mentions,
        createdAt: now.toISOString(),
        editedAt: null,
      }),
    )
  }, origin)
  return ok(id)
}

export function editComment(
  doc: Y.Doc,
  id: string,
  args: { text: string; mentions?: string[]; by: string },
  origin: unknown = null,
  now: Date = new Date(),
): Result<undefined> {
  const comment = recordIn(roots(doc).comments, id)
  if (!comment) return fail(`unknown comment ${id}`)
  if (comment.get('author') !== args.by) return fail('only its author edits a comment')
  const text = cleanText(args.text)
  if (!text.ok) return text
  doc.transact(() => {
    comment.set('text', text.value)
    if (args.mentions) {
      const mentions = new Y.Array<string>()
      mentions.push([...new Set(args.mentions)])
      comment.set('mentions', mentions)
    }
    comment.set('editedAt', now.toISOString())
  }, origin)
  return ok(undefined)
}

export function deleteComment(doc: Y.Doc, id: string, by: string, origin: unknown = null): Result<undefined> {
  const { comments } = roots(doc)
  const comment = recordIn(comments, id)
  if (!comment) return fail(`unknown comment ${id}`)
  if (comment.get('author') !== by) return fail('only its author deletes a comment')
  doc.transact(() => comments.delete(id), origin)
  return ok(undefined)
}

/** Looks up the author of an existing comment, for the write policy. */
export function commentAuthorIn(doc: Y.Doc): (commentId: string) => string | null {
  return (id) => {
    const author = recordIn(roots(doc).comments, id)?.get('author')
    return typeof author === 'string' ? author : null
  }
}
