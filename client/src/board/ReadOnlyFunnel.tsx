// The funnel for viewers (and boards this client cannot edit): everything live, nothing to drag,
// add, edit or delete.

import type { Board, Kpi, Person } from '@tideboard/shared'
import { StaticCard } from '../cards/StaticCard'
import { FunnelLayout } from './FunnelLayout'
import { StageColumn } from './StageColumn'

export interface ReadOnlyFunnelProps {
  board: Board
  peopleById: ReadonlyMap<string, Person>
  kpisById: ReadonlyMap<string, Kpi>
}

export function ReadOnlyFunnel({ board, peopleById, kpisById }: ReadOnlyFunnelProps) {
  return (
    <FunnelLayout
      stages={board.stages}
      renderStage={(stage) => {
        const cards = board.cardsByStage[stage.id] ?? []
        return (
          <StageColumn
            key={stage.id}
            stage={stage}
            count={cards.length}
            footer={cards.length === 0 ? <p className="empty-stage">No cards yet.</p> : null}
          >
            {cards.map((card) => (
              <StaticCard key={card.id} card={card} peopleById={peopleById} kpisById={kpisById} />
            ))}
          </StageColumn>
        )
      }}
    />
  )
}
