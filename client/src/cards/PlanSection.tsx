// A hypothesis's experiment plan in the card detail: statement (with the "We believe …" guide),
// expected impact, impact / confidence / ease with the ICE score, time horizon and the triggers.
// Statement, expected impact and triggers are collaborative rich text, like the description.

import {
  type CardUpdate,
  type HypothesisPlan,
  iceScore,
  type PlanTextField,
  type Result,
} from '@tideboard/shared'
import { useId, useRef } from 'react'
import { RichTextField, type RichTextHandle, type SessionUndo } from '../richtext/RichTextField'
import type { RichTextBinding } from '../state/boardSession'
import { asSentence } from '../ui/asSentence'
import { Field, ReadField } from '../ui/Field'
import { useProblem } from '../ui/useProblem'
import { STATEMENT_GUIDE, TRIGGERS_GUIDE } from './statementGuide'

export interface PlanSectionProps {
  plan: HypothesisPlan
  canEdit: boolean
  update(update: CardUpdate): Result<undefined>
  /** The stored rich-text field of this card's plan, for its editor. */
  richText(field: PlanTextField): RichTextBinding | null
  session: SessionUndo
}

const SCORES = [
  { key: 'impact', label: 'Impact', hint: 'How much it moves the KPI' },
  { key: 'confidence', label: 'Confidence', hint: 'How sure we are it works' },
  { key: 'ease', label: 'Ease', hint: 'How cheap and quick it is' },
] as const

export function PlanSection({ plan, canEdit, update, richText, session }: PlanSectionProps) {
  const id = useId()
  const statement = useRef<RichTextHandle>(null)
  const textField = (field: PlanTextField, label: string, placeholder: string, compact = false) => (
    <RichTextField
      id={`${id}-${field}`}
      binding={richText(field)}
      text={plan[field]}
      label={label}
      editable={canEdit}
      placeholder={placeholder}
      session={session}
      compact={compact}
      {...(field === 'statement' ? { handle: statement } : {})}
    />
  )
  const ice = iceScore(plan)
  const [scoreProblem, checkScore] = useProblem()
  const [horizonProblem, checkHorizon] = useProblem()
  const save = (patch: Partial<HypothesisPlan>) => {
    const r = update({ hypothesis: patch })
    return r.ok ? null : asSentence(r.error)
  }

  const iceLine = (
    <p className="ice-line" aria-live="polite">
      <span className="chip ice-chip">
        ICE <strong>{ice ?? '—'}</strong>
      </span>
      <span className="hint">
        {ice === null
          ? 'Score impact, confidence and ease (1–10 each) to rank this bet.'
          : `${plan.impact} × ${plan.confidence} × ${plan.ease}, out of 1000`}
      </span>
    </p>
  )

  if (!canEdit) {
    return (
      <section className="detail-section" aria-labelledby={`${id}-h`}>
        <h3 id={`${id}-h`} className="detail-heading">
          Experiment plan
        </h3>
        <dl className="detail-grid">
          <ReadField label="Hypothesis" className="span-all">
            {plan.statement && textField('statement', 'Hypothesis', '')}
          </ReadField>
          <ReadField label="Expected impact" className="span-all">
            {plan.expectedImpact && textField('expectedImpact', 'Expected impact', '', true)}
          </ReadField>
          {SCORES.map((s) => (
            <ReadField key={s.key} label={s.label}>
              {plan[s.key] === null ? null : `${plan[s.key]} / 10`}
            </ReadField>
          ))}
          <ReadField label="ICE score">{ice === null ? null : String(ice)}</ReadField>
          <ReadField label="Starts">{plan.horizon.start}</ReadField>
          <ReadField label="Ends">{plan.horizon.end}</ReadField>
          <ReadField label="Iterate / pivot / kill triggers" className="span-all">
            {plan.triggers && textField('triggers', 'Iterate / pivot / kill triggers', '')}
          </ReadField>
        </dl>
      </section>
    )
  }

  return (
    <section className="detail-section" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} className="detail-heading">
        Experiment plan
      </h3>
      <div className="detail-grid">
        <Field
          label="Hypothesis"
          htmlFor={`${id}-statement`}
          className="span-all"
          hint={
            plan.statement.trim() === '' ? (
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  save({ statement: STATEMENT_GUIDE })
                  requestAnimationFrame(() => statement.current?.select(11, 19))
                }}
              >
                Start from the guide: “We believe … will move … by … within …”
              </button>
            ) : null
          }
        >
          {textField('statement', 'Hypothesis', STATEMENT_GUIDE)}
        </Field>
        <Field label="Expected impact" htmlFor={`${id}-expectedImpact`} className="span-all">
          {textField('expectedImpact', 'Expected impact', 'e.g. +6 pts trial activation', true)}
        </Field>
        <fieldset className="ice-fields span-all" aria-describedby={`${id}-ice-error`}>
          <legend className="field-label">Impact, confidence and ease (1–10)</legend>
          <div className="ice-inputs">
            {SCORES.map((s) => (
              <label key={s.key} className="field" title={s.hint}>
                <span className="field-label">{s.label}</span>
                <select
                  className="input"
                  aria-label={s.label}
                  value={plan[s.key] ?? ''}
                  onChange={(e) =>
                    checkScore(
                      update({
                        hypothesis: { [s.key]: e.target.value === '' ? null : Number(e.target.value) },
                      }),
                    )
                  }
                >
                  <option value="">—</option>
                  {Array.from({ length: 10 }, (_, i) => i + 1).map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          {iceLine}
          {scoreProblem && (
            <p id={`${id}-ice-error`} className="field-error" role="alert">
              {scoreProblem}
            </p>
          )}
        </fieldset>
        <fieldset className="horizon-fields span-all">
          <legend className="field-label">Time horizon</legend>
          <div className="ice-inputs">
            {(['start', 'end'] as const).map((end) => (
              <label key={end} className="field">
                <span className="field-label">{end === 'start' ? 'Starts' : 'Ends'}</span>
                <input
                  type="date"
                  className="input"
                  aria-label={end === 'start' ? 'Horizon starts' : 'Horizon ends'}
                  value={plan.horizon[end] ?? ''}
                  aria-invalid={horizonProblem ? true : undefined}
                  onChange={(e) =>
                    checkHorizon(
                      update({
                        hypothesis: { horizon: { ...plan.horizon, [end]: e.target.value || null } },
                      }),
                    )
                  }
                />
              </label>
            ))}
          </div>
          {horizonProblem && (
            <p className="field-error" role="alert">
              {horizonProblem}
            </p>
          )}
        </fieldset>
        <Field label="Iterate / pivot / kill triggers" htmlFor={`${id}-triggers`} className="span-all">
          {textField('triggers', 'Iterate / pivot / kill triggers', TRIGGERS_GUIDE)}
        </Field>
      </div>
    </section>
  )
}
