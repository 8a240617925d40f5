// The people comments are about and by: the board's members (not revoked), each with the function
// that colours their avatar: a leader's own, else that of the person on the board with their name.

import type { Board, Member, Person } from '@tideboard/shared'

export interface Commenter {
  id: string
  name: string
  fn: string | null
}

function functionOf(member: Pick<Member, 'name' | 'function'>, people: readonly Person[]): string | null {
  if (member.function) return member.function
  const name = member.name.toLowerCase()
  return people.find((p) => p.name.toLowerCase() === name)?.function ?? null
}

/** Everyone who can be mentioned: members not revoked, by name. */
export function commentersOf(board: Pick<Board, 'members' | 'people'>): Commenter[] {
  return board.members
    .filter((m) => m.revokedAt === null)
    .map((m) => ({ id: m.id, name: m.name, fn: functionOf(m, board.people) }))
}

/** The function to colour a comment's author by, also for someone no longer a member. */
export function authorFunction(
  board: Pick<Board, 'members' | 'people'>,
  author: string,
  authorName: string,
): string | null {
  const member = board.members.find((m) => m.id === author)
  return functionOf(member ?? { name: authorName, function: null }, board.people)
}
