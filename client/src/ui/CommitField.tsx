// A text input or textarea that edits a draft and saves it when the user is done: on Enter (Ctrl+Enter
// in a textarea), on leaving the field, or when the field goes away. While not being edited it shows
// the live value, so collaborators' saves appear at once.

import { useEffect, useId, useRef, useState } from 'react'

export interface CommitFieldProps {
  value: string
  /** Saves the draft; returns an error message to show, or null when saved. */
  onCommit(value: string): string | null
  multiline?: boolean
  rows?: number
  id?: string
  className?: string
  placeholder?: string
  maxLength?: number
  list?: string
  'aria-label'?: string
}

export function CommitField({
  value,
  onCommit,
  multiline = false,
  rows = 3,
  className = 'input',
  ...attributes
}: CommitFieldProps) {
  const [draft, setDraft] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const errorId = useId()
  const latest = useRef({ draft, value, onCommit })
  latest.current = { draft, value, onCommit }

  // A draft left when the field unmounts (the panel closed with Escape) is still saved.
  useEffect(
    () => () => {
      const { draft: left, value: saved, onCommit: save } = latest.current
      if (left !== null && left !== saved) save(left)
    },
    [],
  )

  function commit(): void {
    if (draft === null) return
    if (draft === value) {
      setDraft(null)
      return
    }
    const problem = onCommit(draft)
    setError(problem)
    if (problem === null) setDraft(null)
  }

  const shared = {
    ...attributes,
    className,
    value: draft ?? value,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? errorId : undefined,
    onBlur: commit,
  }

  const problem = error && (
    <p id={errorId} className="field-error" role="alert">
      {error}
    </p>
  )
  if (multiline) {
    return (
      <>
        <textarea
          {...shared}
          rows={rows}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault()
              commit()
            }
          }}
        />
        {problem}
      </>
    )
  }
  return (
    <>
      <input
        {...shared}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault()
            commit()
          }
        }}
      />
      {problem}
    </>
  )
}
