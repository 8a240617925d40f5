// A text input or a select wrapped in its label, the way every form on the board lays out a field:
// the label names the control without ids, and the caller deals in values, not change events.

import type { InputHTMLAttributes } from 'react'

type NativeInput = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'className'>

export interface TextFieldProps extends NativeInput {
  label: string
  value: string
  onValue(value: string): void
  /** Extra classes on the field (layout: `grow`, `span-all`). */
  fieldClassName?: string
}

export function TextField({ label, value, onValue, fieldClassName = '', ...input }: TextFieldProps) {
  return (
    <label className={`field ${fieldClassName}`}>
      <span className="field-label">{label}</span>
      <input className="input" value={value} onChange={(e) => onValue(e.target.value)} {...input} />
    </label>
  )
}

export interface Choice {
  value: string
  label: string
}

export interface SelectFieldProps {
  label: string
  value: string
  choices: readonly Choice[]
  onValue(value: string): void
  fieldClassName?: string
}

export function SelectField({ label, value, choices, onValue, fieldClassName = '' }: SelectFieldProps) {
  return (
    <label className={`field ${fieldClassName}`}>
      <span className="field-label">{label}</span>
      <select className="input" value={value} onChange={(e) => onValue(e.target.value)}>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  )
}

/** Choices whose label is their value (functions, names). */
export const plainChoices = (values: readonly string[]): Choice[] =>
  values.map((v) => ({ value: v, label: v }))
