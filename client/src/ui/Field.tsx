// Form layout for one labelled field, and its read-only twin (a dt/dd pair inside a <dl>) for viewers.

import type { ReactNode } from 'react'
import { FieldError } from './FieldError'

export interface FieldProps {
  label: string
  /** Id of the control the label names. */
  htmlFor?: string
  hint?: ReactNode
  error?: string | null
  errorId?: string
  className?: string
  children: ReactNode
}

export function Field({ label, htmlFor, hint, error = null, errorId, className = '', children }: FieldProps) {
  return (
    <div className={`field ${className}`}>
      <label className="field-label" htmlFor={htmlFor}>
        {label}
      </label>
      {children}
      {hint && <p className="hint">{hint}</p>}
      <FieldError {...(errorId ? { id: errorId } : {})}>{error}</FieldError>
    </div>
  )
}

export function ReadField({
  label,
  children,
  className = '',
}: {
  label: string
  children: ReactNode
  className?: string
}) {
  const empty = children === null || children === undefined || children === '' || children === false
  return (
    <div className={`field ${className}`}>
      <dt className="field-label">{label}</dt>
      <dd className={`field-value${empty ? ' is-empty' : ''}`}>{empty ? 'Not set' : children}</dd>
    </div>
  )
}
