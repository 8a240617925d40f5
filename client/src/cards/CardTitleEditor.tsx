// Inline title editing: Enter or leaving the field saves, Escape cancels.

import { MAX_TITLE_LENGTH } from '@tideboard/shared'
import { useEffect, useRef, useState } from 'react'

export interface CardTitleEditorProps {
  title: string
  /** Saves the title; returns an error message to keep editing. */
  onSave(title: string): string | null
  onDone(): void
}

export function CardTitleEditor({ title, onSave, onDone }: CardTitleEditorProps) {
  const [value, setValue] = useState(title)
  const [error, setError] = useState<string | null>(null)
  const input = useRef<HTMLInputElement>(null)
  const finished = useRef(false)

  useEffect(() => {
    input.current?.focus()
    input.current?.select()
  }, [])

  function save(): void {
    if (finished.current) return
    if (value.trim() === title.trim()) {
      finished.current = true
      onDone()
      return
    }
    const problem = onSave(value)
    if (problem) {
      setError(problem)
      return
    }
    finished.current = true
    onDone()
  }

  function cancel(): void {
    finished.current = true
    onDone()
  }

  return (
    <div className="title-editor">
      <input
        ref={input}
        className="input"
        aria-label="Card title"
        value={value}
        maxLength={MAX_TITLE_LENGTH}
        aria-invalid={error ? true : undefined}
        onChange={(e) => {
          setValue(e.target.value)
          setError(null)
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault()
            save()
          } else if (e.key === 'Escape') {
            e.preventDefault()
            e.stopPropagation()
            cancel()
          }
        }}
        onBlur={save}
      />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
