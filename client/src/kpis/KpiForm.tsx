// Add or edit a KPI: name, unit, direction, baseline, target, phase, the functions that share it and
// the KPI it rolls up to. Editing also lists its check-ins, each removable.

import {
  type Kpi,
  type KpiInput,
  kpiSubtree,
  PHASE_LABELS,
  PHASES,
  type Phase,
  type Result,
} from '@tideboard/shared'
import { useId, useState } from 'react'
import { FunctionTag } from '../people/FunctionTag'
import { FieldError } from '../ui/FieldError'
import { useProblem } from '../ui/useProblem'
import { formatValue } from './formatValue'

export interface KpiFormProps {
  kpi: Kpi | null
  kpis: readonly Kpi[]
  functions: readonly string[]
  /** Saves; the result's error is shown under the form. */
  onSave(input: KpiInput & { name: string }): Result<unknown>
  onRemoveCheckIn(date: string): Result<undefined>
  onDone(): void
}

function parseNumber(text: string): number | null | 'invalid' {
  const t = text.trim().replace(',', '.')
  if (t === '') return null
  const n = Number(t)
  return Number.isFinite(n) ? n : 'invalid'
}

export function KpiForm({ kpi, kpis, functions, onSave, onRemoveCheckIn, onDone }: KpiFormProps) {
  const id = useId()
  const [name, setName] = useState(kpi?.name ?? '')
  const [unit, setUnit] = useState(kpi?.unit ?? '')
  const [direction, setDirection] = useState<'up' | 'down'>(kpi?.direction ?? 'up')
  const [baseline, setBaseline] = useState(kpi?.baseline === null || !kpi ? '' : String(kpi.baseline))
  const [target, setTarget] = useState(kpi?.target === null || !kpi ? '' : String(kpi.target))
  const [phase, setPhase] = useState<Phase | ''>(kpi?.phase ?? '')
  const [shared, setShared] = useState<string[]>(kpi?.functions ?? [])
  const [parentId, setParentId] = useState(kpi?.parentId ?? '')
  const [problem, setProblem] = useState<string | null>(null)
  const [checkInProblem, checkCheckIn] = useProblem()
  const below = kpi ? kpiSubtree(kpis, kpi.id) : new Set<string>()
  const parents = kpis.filter((k) => !below.has(k.id))
  const functionChoices = [...new Set([...functions, ...shared])]

  return (
    <form
      className="kpi-form"
      onSubmit={(e) => {
        e.preventDefault()
        const b = parseNumber(baseline)
        const t = parseNumber(target)
        if (b === 'invalid' || t === 'invalid') {
          setProblem(`${b === 'invalid' ? 'Baseline' : 'Target'} must be a number.`)
          return
        }
        const r = onSave({
          name,
          unit: unit.trim(),
          direction,
          baseline: b,
          target: t,
          phase: phase === '' ? null : phase,
          functions: shared,
          parentId: parentId === '' ? null : parentId,
        })
        if (r.ok) onDone()
        else setProblem(r.error.charAt(0).toUpperCase() + r.error.slice(1))
      }}
    >
      <div className="detail-grid">
        <label className="field span-all">
          <span className="field-label">Name</span>
          <input
            className="input"
            value={name}
            maxLength={120}
            required
            // biome-ignore lint/a11y/noAutofocus: the form opens to name the KPI
            autoFocus
            placeholder="e.g. Net revenue retention"
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">Unit</span>
          <input
            className="input"
            value={unit}
            maxLength={30}
            placeholder="%, k€, days…"
            onChange={(e) => setUnit(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">Direction</span>
          <select
            className="input"
            value={direction}
            onChange={(e) => setDirection(e.target.value === 'down' ? 'down' : 'up')}
          >
            <option value="up">↑ Higher is better</option>
            <option value="down">↓ Lower is better</option>
          </select>
        </label>
        <label className="field">
          <span className="field-label">Baseline</span>
          <input
            className="input"
            inputMode="decimal"
            value={baseline}
            onChange={(e) => setBaseline(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">Target</span>
          <input
            className="input"
            inputMode="decimal"
            value={target}
            onChange={(e) => setTarget(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">Phase</span>
          <select
            className="input"
            value={phase}
            onChange={(e) => setPhase((e.target.value as Phase | '') || '')}
          >
            <option value="">Whole funnel</option>
            {PHASES.map((p) => (
              <option key={p} value={p}>
                {PHASE_LABELS[p]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Rolls up to</span>
          <select className="input" value={parentId} onChange={(e) => setParentId(e.target.value)}>
            <option value="">Nothing (a top-level KPI)</option>
            {parents.map((k) => (
              <option key={k.id} value={k.id}>
                {k.name}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="field span-all function-picker">
          <legend className="field-label">Functions that share it</legend>
          <div className="chip-list">
            {functionChoices.map((fn) => (
              <label key={fn} className={`choice-chip${shared.includes(fn) ? ' is-selected' : ''}`}>
                <input
                  type="checkbox"
                  checked={shared.includes(fn)}
                  onChange={(e) =>
                    setShared(e.target.checked ? [...shared, fn] : shared.filter((f) => f !== fn))
                  }
                />
                <FunctionTag fn={fn} />
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      {kpi && kpi.checkIns.length > 0 && (
        <section className="checkin-list" aria-labelledby={`${id}-checkins`}>
          <h3 id={`${id}-checkins`} className="subheading">
            Check-ins
          </h3>
          <ul>
            {[...kpi.checkIns].reverse().map((c) => (
              <li key={c.date}>
                <span>{c.date}</span>
                <strong>{formatValue(c.value, kpi.unit)}</strong>
                <button
                  type="button"
                  className="button ghost small"
                  aria-label={`Remove check-in of ${c.date}`}
                  onClick={() => checkCheckIn(onRemoveCheckIn(c.date))}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
          <FieldError>{checkInProblem}</FieldError>
        </section>
      )}
      <FieldError>{problem}</FieldError>
      <div className="form-actions">
        <button type="submit" className="button primary">
          {kpi ? 'Save KPI' : 'Add KPI'}
        </button>
        <button type="button" className="button ghost" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  )
}
