// An initiative's hypotheses with their status and outcome; each opens in the detail panel. Editors
// can add a new hypothesis under the initiative from here.

import { type Card, iceScore } from '@tideboard/shared'
import { useId, useState } from 'react'
import { FieldError } from '../ui/FieldError'
import { HypothesisIcon, PlusIcon } from '../ui/icons'
import { STATUS_LABELS } from './cardLabels'
import { OUTCOME_LABELS, OUTCOME_MARKS } from './outcomeLabels'

export interface ChildHypothesesProps {
  hypotheses: readonly Card[]
  canEdit: boolean
  onOpen(cardId: string): void
  /** Adds a hypothesis under this initiative; returns an error message or null. */
  onAdd(title: string): string | null
}

export function ChildHypotheses({ hypotheses, canEdit, onOpen, onAdd }: ChildHypothesesProps) {
  const id = useId()
  const [draft, setDraft] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  return (
    <section className="detail-section" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} className="detail-heading">
        Hypotheses{' '}
        <span className="hint">{hypotheses.length === 0 ? 'none yet' : `${hypotheses.length}`}</span>
      </h3>
      {hypotheses.length > 0 && (
        <ul className="child-list">
          {hypotheses.map((c) => {
            const ice = iceScore(c.hypothesis)
            const outcome = c.hypothesis?.result?.outcome
            return (
              <li key={c.id} className="child-row">
                <HypothesisIcon size={14} />
                <button type="button" className="link-button child-title" onClick={() => onOpen(c.id)}>
                  {c.title || 'Untitled card'}
                </button>
                <span className={`status status-${c.status}`}>{STATUS_LABELS[c.status]}</span>
                {outcome && (
                  <span className={`outcome outcome-${outcome}`}>
                    <span aria-hidden="true">{OUTCOME_MARKS[outcome]}</span> {OUTCOME_LABELS[outcome]}
                  </span>
                )}
                {ice !== null && (
                  <span className="chip ice-chip">
                    ICE <strong>{ice}</strong>
                  </span>
                )}
              </li>
            )
          })}
        </ul>
      )}
      {canEdit && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault()
            const problemText = onAdd(draft)
            setProblem(problemText)
            if (problemText === null) setDraft('')
          }}
        >
          <input
            className="input"
            aria-label="New hypothesis title"
            placeholder="A hypothesis to test under this initiative"
            value={draft}
            maxLength={200}
            onChange={(e) => setDraft(e.target.value)}
          />
          <button type="submit" className="button small" disabled={draft.trim() === ''}>
            <PlusIcon size={14} /> Add hypothesis
          </button>
        </form>
      )}
      <FieldError>{problem}</FieldError>
    </section>
  )
}
