// The funnel for viewers (and boards this client cannot edit): everything live, nothing to drag,
// add, edit or delete. Cards open into read-only details; filters dim or hide cards.

import type { Board, Kpi, Person } from '@tideboard/shared'
import type { CardApproval } from '../approvals/cardApprovals'
import { StaticCard } from '../cards/StaticCard'
import type { CardComments } from '../comments/unseenMentions'
import { FunnelLayout } from './FunnelLayout'
import { StageColumn } from './StageColumn'

export interface ReadOnlyFunnelProps {
  board: Board
  peopleById: ReadonlyMap<string, Person>
  kpisById: ReadonlyMap<string, Kpi>
  approvals: Readonly<Record<string, CardApproval>>
  comments: Readonly<Record<string, CardComments>>
  matches: ReadonlySet<string> | null
  hideNonMatching: boolean
  onOpen(cardId: string): void
}

export function ReadOnlyFunnel({
  board,
  peopleById,
  kpisById,
  approvals,
  comments,
  matches,
  hideNonMatching,
  onOpen,
}: ReadOnlyFunnelProps) {
  const titles = new Map(board.cards.map((c) => [c.id, c.title]))
  return (
    <FunnelLayout
      stages={board.stages}
      renderStage={(stage) => {
        const all = board.cardsByStage[stage.id] ?? []
        const cards = hideNonMatching && matches ? all.filter((c) => matches.has(c.id)) : all
        const matching = matches === null ? null : all.filter((c) => matches.has(c.id)).length
        return (
          <StageColumn
            key={stage.id}
            stage={stage}
            count={cards.length}
            matching={matching}
            total={all.length}
            footer={
              cards.length === 0 ? (
                <p className="empty-stage">
                  {all.length === 0 ? 'No cards yet.' : 'No matching cards here.'}
                </p>
              ) : null
            }
          >
            {cards.map((card) => (
              <StaticCard
                key={card.id}
                card={card}
                peopleById={peopleById}
                kpisById={kpisById}
                approval={approvals[card.id] ?? null}
                comments={comments[card.id] ?? null}
                parentTitle={card.parentId ? (titles.get(card.parentId) ?? null) : null}
                dimmed={matches !== null && !matches.has(card.id)}
                onOpen={onOpen}
              />
            ))}
          </StageColumn>
        )
      }}
    />
  )
}
