// One KPI in the tree: where it stands (baseline → current → target, progress in a bar and in words),
// its trend, the cards that move it (each once, including cards on KPIs below it) and the functions
// sharing the credit, listed by name and never ranked. Editors edit, delete, star and check in here.

import { type Card, type Kpi, type KpiNode, kpiCredit, kpiProgress, PHASE_LABELS } from '@tideboard/shared'
import { useId, useState } from 'react'
import { FunctionTag } from '../people/FunctionTag'
import type { BoardActions } from '../state/boardSession'
import { FieldError } from '../ui/FieldError'
import { ArrowDownIcon, ArrowUpIcon, StarIcon } from '../ui/icons'
import { useProblem } from '../ui/useProblem'
import { CheckInForm } from './CheckInForm'
import { formatValue } from './formatValue'
import { TrendChart } from './TrendChart'

export interface KpiItemProps {
  node: KpiNode
  kpis: readonly Kpi[]
  cards: readonly Card[]
  northStarId: string | null
  canEdit: boolean
  actions: BoardActions
  onEdit(kpi: Kpi): void
  onOpenCard(cardId: string): void
}

export function KpiItem(props: KpiItemProps) {
  const { node, kpis, cards, northStarId, canEdit, actions, onEdit, onOpenCard } = props
  const { kpi } = node
  const id = useId()
  const [confirming, setConfirming] = useState(false)
  const [problem, check] = useProblem()
  const { current, progress, onTrack } = kpiProgress(kpi)
  const credit = kpiCredit(kpis, cards, kpi.id)
  const isNorthStar = kpi.id === northStarId
  const percent = progress === null ? null : Math.round(progress * 100)
  const DirectionIcon = kpi.direction === 'down' ? ArrowDownIcon : ArrowUpIcon
  const value = (v: number | null) => (v === null ? '—' : formatValue(v, kpi.unit))

  return (
    <li className="kpi-node" data-kpi-id={kpi.id}>
      <article className={`kpi-item${isNorthStar ? ' is-north-star' : ''}`} aria-labelledby={`${id}-name`}>
        <header className="kpi-head">
          <div className="kpi-title">
            {isNorthStar && (
              <span className="north-star-mark">
                <StarIcon size={14} /> North Star
              </span>
            )}
            <h3 id={`${id}-name`} className="kpi-name">
              {kpi.name}
            </h3>
            {kpi.phase && <span className={`phase-badge phase-${kpi.phase}`}>{PHASE_LABELS[kpi.phase]}</span>}
            <span className="hint direction">
              <DirectionIcon size={13} /> {kpi.direction === 'down' ? 'lower is better' : 'higher is better'}
            </span>
          </div>
          {canEdit && !confirming && (
            <div className="kpi-actions">
              {!isNorthStar && (
                <button
                  type="button"
                  className="button ghost small"
                  onClick={() => check(actions.setNorthStar(kpi.id))}
                >
                  <StarIcon size={14} /> Make North Star
                </button>
              )}
              <button
                type="button"
                className="button ghost small"
                aria-label={`Edit ${kpi.name}`}
                onClick={() => onEdit(kpi)}
              >
                Edit
              </button>
              <button
                type="button"
                className="button ghost small danger"
                aria-label={`Delete ${kpi.name}`}
                onClick={() => setConfirming(true)}
              >
                Delete
              </button>
            </div>
          )}
          {canEdit && confirming && (
            <div className="kpi-actions confirm" role="group" aria-label={`Delete ${kpi.name}?`}>
              <span className="hint">
                {node.children.length > 0 ? 'KPIs below it move up a level. ' : ''}Cards lose the link.
              </span>
              <button
                type="button"
                className="button danger small"
                // biome-ignore lint/a11y/noAutofocus: confirming is the next thing to do
                autoFocus
                onClick={() => check(actions.deleteKpi(kpi.id))}
              >
                Delete KPI
              </button>
              <button type="button" className="button ghost small" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </div>
          )}
        </header>
        <FieldError>{problem}</FieldError>

        <div className="kpi-figures">
          <dl className="kpi-values">
            <div>
              <dt>Baseline</dt>
              <dd>{value(kpi.baseline)}</dd>
            </div>
            <span className="kpi-arrow" aria-hidden="true">
              →
            </span>
            <div>
              <dt>Current</dt>
              <dd className="kpi-current">{value(current)}</dd>
            </div>
            <span className="kpi-arrow" aria-hidden="true">
              →
            </span>
            <div>
              <dt>Target</dt>
              <dd>{value(kpi.target)}</dd>
            </div>
          </dl>
          <div className="kpi-progress">
            {percent === null ? (
              <p className="hint">Set a baseline and a target to see progress.</p>
            ) : (
              <>
                <div
                  className={`progress${onTrack === false ? ' is-behind' : ''}`}
                  role="progressbar"
                  aria-label={`${kpi.name}: progress to target`}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={percent}
                >
                  <span style={{ width: `${percent}%` }} />
                </div>
                <p className="progress-text">
                  <strong>{percent}%</strong> of the way to target
                  {onTrack === false && <span className="behind"> · moving the wrong way</span>}
                </p>
              </>
            )}
          </div>
          <TrendChart kpi={kpi} />
        </div>

        <div className="kpi-credit">
          <div className="credit-cards">
            <h4 className="credit-heading">
              {credit.cards.length === 0
                ? 'No cards move it yet'
                : `Moved by ${credit.cards.length} ${credit.cards.length === 1 ? 'card' : 'cards'}`}
              {credit.cards.length > credit.directCards.length && (
                <span className="hint">
                  {' '}
                  ({credit.directCards.length} linked here, the rest through KPIs below)
                </span>
              )}
            </h4>
            {credit.cards.length > 0 && (
              <ul className="chip-list">
                {credit.cards.map((c) => (
                  <li key={c.id}>
                    <button
                      type="button"
                      className={`card-link kind-${c.kind}`}
                      data-open-card={c.id}
                      onClick={() => onOpenCard(c.id)}
                    >
                      {c.title}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div className="credit-functions">
            <h4 className="credit-heading">Credit shared by</h4>
            {credit.functions.length === 0 ? (
              <p className="hint">
                No functions yet: link cards with owners, or name the functions that share it.
              </p>
            ) : (
              <ul className="chip-list" aria-label={`Functions sharing the credit for ${kpi.name}`}>
                {credit.functions.map((fn) => (
                  <li key={fn} className="chip">
                    <FunctionTag fn={fn} />
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>

        {canEdit && (
          <CheckInForm
            kpiName={kpi.name}
            unit={kpi.unit}
            onAdd={(date, v) => actions.addCheckIn(kpi.id, date, v)}
          />
        )}
      </article>
      {node.children.length > 0 && (
        <ul className="kpi-children" aria-label={`KPIs under ${kpi.name}`}>
          {node.children.map((child) => (
            <KpiItem key={child.kpi.id} {...props} node={child} />
          ))}
        </ul>
      )}
    </li>
  )
}
