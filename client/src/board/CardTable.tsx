// The list view: every card that matches the filters in one table, sortable by column (ICE ranks the
// experiments). Sort order lives in the URL next to the filters; a title opens the card's details.

import { type Board, type Card, iceScore, PHASE_LABELS } from '@tideboard/shared'
import { setQuery } from '../app/route'
import { KIND_LABELS, STATUS_LABELS } from '../cards/cardLabels'
import { Avatar } from '../people/Avatar'
import { HypothesisIcon, InitiativeIcon } from '../ui/icons'
import { type CardSort, type SortKey, sortCards, sortToQuery } from './sortCards'

export interface CardTableProps {
  board: Board
  cards: readonly Card[]
  sort: CardSort
  onOpen(cardId: string): void
}

const COLUMNS: readonly { key: SortKey | null; label: string; className?: string }[] = [
  { key: 'title', label: 'Title', className: 'col-title' },
  { key: 'kind', label: 'Kind' },
  { key: 'stage', label: 'Stage' },
  { key: 'status', label: 'Status' },
  { key: null, label: 'Owners' },
  { key: null, label: 'KPIs' },
  { key: 'ice', label: 'ICE', className: 'col-number' },
  { key: null, label: 'Comments', className: 'col-number' },
]

export function CardTable({ board, cards, sort, onOpen }: CardTableProps) {
  const rows = sortCards(board, cards, sort)
  const stages = new Map(board.stages.map((s) => [s.id, s]))
  const people = new Map(board.people.map((p) => [p.id, p]))
  const kpis = new Map(board.kpis.map((k) => [k.id, k]))
  const cardsById = new Map(board.cards.map((c) => [c.id, c]))
  const commentCounts = new Map<string, number>()
  for (const comment of board.comments) {
    commentCounts.set(comment.cardId, (commentCounts.get(comment.cardId) ?? 0) + 1)
  }

  function sortBy(key: SortKey): void {
    const dir = sort.key === key ? (sort.dir === 'asc' ? 'desc' : 'asc') : key === 'ice' ? 'desc' : 'asc'
    setQuery(sortToQuery({ key, dir }, location.search))
  }

  return (
    <div className="list-view">
      <div className="view-header">
        <h2 className="view-title">All cards</h2>
        {sort.key !== 'board' && (
          <button
            type="button"
            className="button ghost small"
            onClick={() => setQuery(sortToQuery({ key: 'board', dir: 'asc' }, location.search))}
          >
            Back to board order
          </button>
        )}
      </div>
      {rows.length === 0 ? (
        <p className="empty-state">
          {board.cards.length === 0 ? 'No cards on this board yet.' : 'No cards match these filters.'}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="card-table">
            <caption className="sr-only">
              Cards
              {sort.key === 'board'
                ? ' in board order'
                : `, sorted by ${sort.key} ${sort.dir === 'asc' ? 'ascending' : 'descending'}`}
            </caption>
            <thead>
              <tr>
                {COLUMNS.map((col) => {
                  const active = col.key !== null && sort.key === col.key
                  return (
                    <th
                      key={col.label}
                      scope="col"
                      className={col.className}
                      aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
                    >
                      {col.key === null ? (
                        col.label
                      ) : (
                        <button
                          type="button"
                          className="sort-button"
                          onClick={() => sortBy(col.key as SortKey)}
                        >
                          {col.label}
                          <span className="sort-mark" aria-hidden="true">
                            {active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
                          </span>
                        </button>
                      )}
                    </th>
                  )
                })}
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => {
                const stage = stages.get(c.stageId)
                const ice = c.kind === 'hypothesis' ? iceScore(c.hypothesis) : null
                const parent = c.parentId ? cardsById.get(c.parentId) : undefined
                return (
                  <tr key={c.id} className={`kind-${c.kind}`}>
                    <th scope="row" className="col-title">
                      <button
                        type="button"
                        className="link-button row-title"
                        data-open-card={c.id}
                        onClick={() => onOpen(c.id)}
                      >
                        {c.title || 'Untitled card'}
                      </button>
                      {parent && <span className="parent-line">↳ {parent.title}</span>}
                    </th>
                    <td>
                      <span className={`kind kind-${c.kind}`}>
                        {c.kind === 'hypothesis' ? (
                          <HypothesisIcon size={13} />
                        ) : (
                          <InitiativeIcon size={13} />
                        )}
                        {KIND_LABELS[c.kind]}
                      </span>
                    </td>
                    <td>{stage ? `${PHASE_LABELS[stage.phase]} · ${stage.name}` : ''}</td>
                    <td>
                      <span className={`status status-${c.status}`}>{STATUS_LABELS[c.status]}</span>
                    </td>
                    <td>
                      <span className="table-owners">
                        {Object.entries(c.owners).flatMap(([fn, pid]) => {
                          const p = people.get(pid)
                          return p
                            ? [
                                <span key={fn} className="table-owner">
                                  <Avatar person={p} fn={fn} size="sm" />
                                  <span className="sr-only">
                                    {p.name} ({fn})
                                  </span>
                                </span>,
                              ]
                            : []
                        })}
                      </span>
                    </td>
                    <td>
                      <span className="table-kpis">
                        {c.kpiIds.flatMap((k) => kpis.get(k)?.name ?? []).join(', ')}
                      </span>
                    </td>
                    <td className="col-number">{ice ?? <span className="muted">—</span>}</td>
                    <td className="col-number">
                      {commentCounts.get(c.id) ?? <span className="muted">—</span>}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}
