// Which comments mention this person and are still new to them, and what each card shows about its
// comments. "Seen" is a set of comment ids kept per board and member in this browser: a comment
// becomes seen when its card's comments are open after it arrived. Ids, not times, so one person's
// clock being off never hides or repeats someone else's mention.

import type { Comment } from '@tideboard/shared'

/** Comments that mention `me` (not by `me`) and were not seen yet, newest first. */
export function unseenMentions(
  comments: readonly Comment[],
  me: string | null,
  seen: ReadonlySet<string>,
): Comment[] {
  if (me === null) return []
  return comments.filter((c) => c.author !== me && c.mentions.includes(me) && !seen.has(c.id)).reverse()
}

/**
 * `seen` with the mentions of `me` on `cardId` added; the same set when nothing is new, so a caller
 * can skip storing it. Ids of comments no longer on the board are dropped on the way.
 */
export function markCardSeen(
  seen: ReadonlySet<string>,
  comments: readonly Comment[],
  cardId: string,
  me: string | null,
): ReadonlySet<string> {
  const fresh = unseenMentions(comments, me, seen).filter((c) => c.cardId === cardId)
  if (fresh.length === 0) return seen
  const existing = new Set(comments.map((c) => c.id))
  return new Set([...[...seen].filter((id) => existing.has(id)), ...fresh.map((c) => c.id)])
}

export interface CardComments {
  count: number
  /** Comments on the card that mention this person and are not seen yet. */
  unseenMentions: number
}

/** Per card with comments: how many, and how many mention this person unseen. */
export function commentsByCard(
  comments: readonly Comment[],
  me: string | null,
  seen: ReadonlySet<string>,
): Record<string, CardComments> {
  const byCard: Record<string, CardComments> = {}
  const unseen = new Set(unseenMentions(comments, me, seen).map((c) => c.id))
  for (const c of comments) {
    const entry = byCard[c.cardId] ?? { count: 0, unseenMentions: 0 }
    entry.count += 1
    if (unseen.has(c.id)) entry.unseenMentions += 1
    byCard[c.cardId] = entry
  }
  return byCard
}
