// Records where a KPI stands on a date (today by default); a second check-in on one date replaces it.

import type { Result } from '@tideboard/shared'
import { useState } from 'react'
import { FieldError } from '../ui/FieldError'
import { useProblem } from '../ui/useProblem'

function today(): string {
  const d = new Date()
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

export function CheckInForm({
  kpiName,
  unit,
  onAdd,
}: {
  kpiName: string
  unit: string
  onAdd(date: string, value: number): Result<undefined>
}) {
  const [date, setDate] = useState(today)
  const [value, setValue] = useState('')
  const [problem, check] = useProblem()
  return (
    <form
      className="checkin-form"
      aria-label={`Add a check-in for ${kpiName}`}
      onSubmit={(e) => {
        e.preventDefault()
        const n = Number(value.trim().replace(',', '.'))
        if (value.trim() === '' || !Number.isFinite(n)) {
          check({ ok: false, error: 'enter the value as a number' })
          return
        }
        if (check(onAdd(date, n))) setValue('')
      }}
    >
      <label className="field">
        <span className="field-label">Check-in date</span>
        <input
          type="date"
          className="input"
          value={date}
          required
          onChange={(e) => setDate(e.target.value)}
        />
      </label>
      <label className="field">
        <span className="field-label">Value{unit ? ` (${unit})` : ''}</span>
        <input
          className="input"
          inputMode="decimal"
          value={value}
          aria-invalid={problem ? true : undefined}
          onChange={(e) => setValue(e.target.value)}
        />
      </label>
      <button type="submit" className="button small">
        Add check-in
      </button>
      <FieldError>{problem}</FieldError>
    </form>
  )
}
