import type { Comment } from '@tideboard/shared'
import { describe, expect, it } from 'vitest'
import { commentsByCard, markCardSeen, unseenMentions } from './unseenMentions'

function comment(id: string, cardId: string, author: string, mentions: string[] = []): Comment {
  return {
    id,
    cardId,
    author,
    authorName: author,
    text: 'text',
    mentions,
    createdAt: '2026-11-20T10:00:00.000Z',
    editedAt: null,
  }
}

const comments = [
  comment('c1', 'card-a', 'maya', ['diego']),
  comment('c2', 'card-a', 'priya'),
  comment('c3', 'card-b', 'priya', ['diego', 'maya']),
  comment('c4', 'card-b', 'diego', ['diego']),
]

describe('unseen mentions', () => {
  it('are the comments mentioning me by someone else that I have not seen, newest first', () => {
    expect(unseenMentions(comments, 'diego', new Set()).map((c) => c.id)).toEqual(['c3', 'c1'])
    expect(unseenMentions(comments, 'diego', new Set(['c3'])).map((c) => c.id)).toEqual(['c1'])
    expect(unseenMentions(comments, null, new Set())).toEqual([])
  })

  it('become seen for the card whose comments were opened, and only that card', () => {
    const seen = markCardSeen(new Set(), comments, 'card-a', 'diego')
    expect([...seen]).toEqual(['c1'])
    expect(unseenMentions(comments, 'diego', seen).map((c) => c.id)).toEqual(['c3'])
  })

  it('returns the same set when nothing on the card is new, so nothing is stored', () => {
    const seen = new Set(['c1'])
    expect(markCardSeen(seen, comments, 'card-a', 'diego')).toBe(seen)
    expect(markCardSeen(seen, comments, 'card-c', 'diego')).toBe(seen)
  })

  it('drops ids of deleted comments when it stores new ones', () => {
    const seen = markCardSeen(new Set(['gone', 'c1']), comments, 'card-b', 'diego')
    expect([...seen].sort()).toEqual(['c1', 'c3'])
  })

  it('counts each card’s comments and its unseen mentions of me', () => {
    expect(commentsByCard(comments, 'diego', new Set(['c3']))).toEqual({
      'card-a': { count: 2, unseenMentions: 1 },
      'card-b': { count: 2, unseenMentions: 0 },
    })
    expect(commentsByCard(comments, 'maya', new Set())['card-b']).toEqual({ count: 2, unseenMentions: 1 })
  })
})
