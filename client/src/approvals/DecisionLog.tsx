// The board's decision log, newest first: who decided what for which function and why, filterable by
// function and verdict. Decisions that no longer count are marked, never hidden: the record stays.

import type { Board } from '@tideboard/shared'
import { useId, useState } from 'react'
import { FunctionTag } from '../people/FunctionTag'
import { fullTime } from '../ui/timeAgo'
import { staleReason, VerdictBadge } from './DecisionsSection'

export function DecisionLog({ board, onOpenCard }: { board: Board; onOpenCard(cardId: string): void }) {
  const id = useId()
  const [fn, setFn] = useState('')
  const [verdict, setVerdict] = useState('')
  const cards = new Map(board.cards.map((c) => [c.id, c]))
  const functions = [...new Set(board.decisions.map((d) => d.function))].sort()
  const shown = board.decisions
    .filter((d) => (fn === '' || d.function === fn) && (verdict === '' || d.verdict === verdict))
    .reverse()

  return (
    <section className="decision-log" aria-labelledby={`${id}-h`}>
      <div className="section-header">
        <h2 id={`${id}-h`} className="section-title">
          Decision log
        </h2>
        <div className="view-filters" role="group" aria-label="Filter decisions">
          <label className="field" htmlFor={`${id}-fn`}>
            <span className="field-label">Function</span>
            <select id={`${id}-fn`} className="input" value={fn} onChange={(e) => setFn(e.target.value)}>
              <option value="">All functions</option>
              {functions.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
          </label>
          <label className="field" htmlFor={`${id}-verdict`}>
            <span className="field-label">Verdict</span>
            <select
              id={`${id}-verdict`}
              className="input"
              value={verdict}
              onChange={(e) => setVerdict(e.target.value)}
            >
              <option value="">Approved and declined</option>
              <option value="approve">Approved</option>
              <option value="decline">Declined</option>
            </select>
          </label>
        </div>
      </div>
      {shown.length === 0 ? (
        <div className="empty-state">
          <p className="hint">
            {board.decisions.length === 0
              ? 'No decisions yet. When a leader approves or declines a bet, it is recorded here.'
              : 'No decisions match these filters.'}
          </p>
        </div>
      ) : (
        <table className="decision-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Bet</th>
              <th scope="col">Function</th>
              <th scope="col">Verdict</th>
              <th scope="col">By</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((d) => {
              const card = cards.get(d.cardId)
              const stale = card ? staleReason(d, card, board.rounds[card.id]?.round ?? 0) : null
              return (
                <tr key={d.id} className={stale ? 'is-stale' : undefined}>
                  <td>
                    <time dateTime={d.at}>{fullTime(d.at)}</time>
                  </td>
                  <td>
                    {card ? (
                      <button type="button" className="link-button" onClick={() => onOpenCard(card.id)}>
                        {card.title || 'Untitled card'}
                      </button>
                    ) : (
                      <span className="muted">A deleted card</span>
                    )}
                  </td>
                  <td>
                    <FunctionTag fn={d.function} />
                  </td>
                  <td>
                    <VerdictBadge verdict={d.verdict} />
                    {stale && <span className="stale-note">{stale}</span>}
                  </td>
                  <td>{d.byName}</td>
                  <td className="reason-cell">
                    {d.reason || <span className="muted">No reason given</span>}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </section>
  )
}
