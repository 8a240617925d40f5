// A card's owners as people, in board order of functions: what the exports and readouts list.

import type { Board } from './board.js'
import type { Card } from './records/card.js'
import { compareFunctions } from './records/person.js'

export interface CardOwner {
  function: string
  personId: string
  name: string
}

export function cardOwners(board: Pick<Board, 'people'>, card: Pick<Card, 'owners'>): CardOwner[] {
  const names = new Map(board.people.map((p) => [p.id, p.name]))
  return Object.entries(card.owners)
    .sort(([a], [b]) => compareFunctions(a, b))
    .map(([fn, personId]) => ({ function: fn, personId, name: names.get(personId) ?? personId }))
}

/** "Function: Name" for each owner, the form both exports use. */
export function ownerLabels(board: Pick<Board, 'people'>, card: Pick<Card, 'owners'>): string[] {
  return cardOwners(board, card).map((o) => `${o.function}: ${o.name}`)
}
