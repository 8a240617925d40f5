// "Add card" at the foot of a stage: pick initiative or hypothesis, type a title, Enter adds it and
// keeps the form open for the next one; Escape (or Cancel) closes it.

import { CARD_KINDS, type CardKind, MAX_TITLE_LENGTH } from '@tideboard/shared'
import { useId, useRef, useState } from 'react'
import { HypothesisIcon, InitiativeIcon, PlusIcon } from '../ui/icons'
import { KIND_LABELS } from './cardLabels'

export interface AddCardFormProps {
  stageName: string
  /** Adds the card; returns an error message, or null when added. */
  onAdd(kind: CardKind, title: string): string | null
  /** Invites the first card of an empty stage. */
  empty: boolean
}

export function AddCardForm({ stageName, onAdd, empty }: AddCardFormProps) {
  const [open, setOpen] = useState(false)
  const [kind, setKind] = useState<CardKind>('initiative')
  const [title, setTitle] = useState('')
  const [error, setError] = useState<string | null>(null)
  const opener = useRef<HTMLButtonElement>(null)
  const input = useRef<HTMLInputElement>(null)
  const id = useId()

  function close(): void {
    setOpen(false)
    setTitle('')
    setError(null)
    requestAnimationFrame(() => opener.current?.focus())
  }

  if (!open) {
    return (
      <div className="add-card">
        {empty && <p className="empty-stage">No cards in {stageName} yet. Add the first one.</p>}
        <button ref={opener} type="button" className="add-card-button" onClick={() => setOpen(true)}>
          <PlusIcon /> Add card
        </button>
      </div>
    )
  }

  return (
    <form
      className="add-card-form"
      aria-label={`Add a card to ${stageName}`}
      onSubmit={(e) => {
        e.preventDefault()
        const problem = onAdd(kind, title)
        if (problem) {
          setError(problem)
          input.current?.focus()
          return
        }
        setTitle('')
        setError(null)
        input.current?.focus()
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault()
          close()
        }
      }}
      onBlur={(e) => {
        // Leaving an untouched form closes it; a half-typed title stays until Escape or Cancel.
        const next = e.relatedTarget
        if (title.trim() === '' && !(next instanceof Node && e.currentTarget.contains(next))) {
          setOpen(false)
          setError(null)
        }
      }}
    >
      <fieldset className="kind-picker">
        <legend className="sr-only">Kind</legend>
        {CARD_KINDS.map((k) => (
          <label key={k} className={`kind-option kind-${k}${kind === k ? ' is-selected' : ''}`}>
            <input
              type="radio"
              name={`${id}-kind`}
              value={k}
              checked={kind === k}
              onChange={() => setKind(k)}
            />
            {k === 'hypothesis' ? <HypothesisIcon size={14} /> : <InitiativeIcon size={14} />}
            {KIND_LABELS[k]}
          </label>
        ))}
      </fieldset>
      <input
        ref={input}
        className="input"
        // biome-ignore lint/a11y/noAutofocus: the user just asked to type a card title
        autoFocus
        aria-label="Card title"
        placeholder={kind === 'hypothesis' ? 'We believe that…' : 'What will we do?'}
        value={title}
        maxLength={MAX_TITLE_LENGTH}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          setTitle(e.target.value)
          setError(null)
        }}
      />
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button primary small">
          Add
        </button>
        <button type="button" className="button ghost small" onClick={close}>
          Cancel
        </button>
      </div>
    </form>
  )
}
