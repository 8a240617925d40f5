// The result of a hypothesis once it has run: outcome (validated / invalidated / inconclusive),
// measured impact and what was learned. Choosing "Not recorded" removes the result.

import {
  type CardUpdate,
  type HypothesisPlan,
  type HypothesisResult,
  OUTCOMES,
  type Outcome,
  type Result,
} from '@tideboard/shared'
import { useId } from 'react'
import { asSentence } from '../ui/asSentence'
import { CommitField } from '../ui/CommitField'
import { Field, ReadField } from '../ui/Field'
import { useProblem } from '../ui/useProblem'
import { OUTCOME_LABELS, OUTCOME_MARKS } from './outcomeLabels'

export interface ResultSectionProps {
  plan: HypothesisPlan
  canEdit: boolean
  update(update: CardUpdate): Result<undefined>
}

export function ResultSection({ plan, canEdit, update }: ResultSectionProps) {
  const id = useId()
  const [problem, check] = useProblem()
  const result = plan.result
  const save = (patch: Partial<HypothesisResult>) => {
    if (!result) return null
    const r = update({ hypothesis: { result: { ...result, ...patch } } })
    return r.ok ? null : asSentence(r.error)
  }

  if (!canEdit) {
    return (
      <section className="detail-section" aria-labelledby={`${id}-h`}>
        <h3 id={`${id}-h`} className="detail-heading">
          Result
        </h3>
        {result ? (
          <dl className="detail-grid">
            <ReadField label="Outcome">
              <span className={`outcome outcome-${result.outcome}`}>
                <span aria-hidden="true">{OUTCOME_MARKS[result.outcome]}</span>{' '}
                {OUTCOME_LABELS[result.outcome]}
              </span>
            </ReadField>
            <ReadField label="Measured impact">{result.measuredImpact}</ReadField>
            <ReadField label="Learning" className="span-all">
              {result.learning}
            </ReadField>
          </dl>
        ) : (
          <p className="hint">No result recorded yet.</p>
        )}
      </section>
    )
  }

  return (
    <section className="detail-section" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} className="detail-heading">
        Result
      </h3>
      <div className="detail-grid">
        <Field label="Outcome" htmlFor={`${id}-outcome`} error={problem}>
          <select
            id={`${id}-outcome`}
            className="input"
            value={result?.outcome ?? ''}
            onChange={(e) => {
              const outcome = e.target.value as Outcome | ''
              check(
                update({
                  hypothesis: {
                    result: outcome === '' ? null : { measuredImpact: '', learning: '', ...result, outcome },
                  },
                }),
              )
            }}
          >
            <option value="">Not recorded yet</option>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {OUTCOME_MARKS[o]} {OUTCOME_LABELS[o]}
              </option>
            ))}
          </select>
        </Field>
        {result ? (
          <>
            <Field label="Measured impact" htmlFor={`${id}-measured`}>
              <CommitField
                id={`${id}-measured`}
                value={result.measuredImpact}
                placeholder="e.g. +4 pts activation"
                maxLength={500}
                onCommit={(measuredImpact) => save({ measuredImpact })}
              />
            </Field>
            <Field label="Learning" htmlFor={`${id}-learning`} className="span-all">
              <CommitField
                id={`${id}-learning`}
                multiline
                rows={2}
                value={result.learning}
                placeholder="What did we learn, and what do we do next?"
                maxLength={20000}
                onCommit={(learning) => save({ learning })}
              />
            </Field>
          </>
        ) : (
          <p className="hint detail-note">
            Record the outcome once the experiment has run; a hypothesis needs one before it is Done.
          </p>
        )}
      </div>
    </section>
  )
}
