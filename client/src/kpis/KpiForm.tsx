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
import { SelectField, TextField } from '../ui/LabelledControls'
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

const DIRECTION_CHOICES = [
  { value: 'up', label: '↑ Higher is better' },
  { value: 'down', label: '↓ Lower is better' },
]

const PHASE_CHOICES = [
  { value: '', label: 'Whole funnel' },
  ...PHASES.map((p) => ({ value: p, label: PHASE_LABELS[p] })),
]

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
        <TextField
          label="Name"
          fieldClassName="span-all"
          value={name}
          onValue={setName}
          maxLength={120}
          required
          // The form opens to name the KPI.
          autoFocus
          placeholder="e.g. Net revenue retention"
        />
        <TextField label="Unit" value={unit} onValue={setUnit} maxLength={30} placeholder="%, k€, days…" />
        <SelectField
          label="Direction"
          value={direction}
          choices={DIRECTION_CHOICES}
          onValue={(v) => setDirection(v === 'down' ? 'down' : 'up')}
        />
        <TextField label="Baseline" inputMode="decimal" value={baseline} onValue={setBaseline} />
        <TextField label="Target" inputMode="decimal" value={target} onValue={setTarget} />
        <SelectField
          label="Phase"
          value={phase}
          choices={PHASE_CHOICES}
          onValue={(v) => setPhase(PHASES.find((p) => p === v) ?? '')}
        />
        <SelectField
          label="Rolls up to"
          value={parentId}
          choices={[
            { value: '', label: 'Nothing (a top-level KPI)' },
            ...parents.map((k) => ({ value: k.id, label: k.name })),
          ]}
          onValue={setParentId}
        />
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
