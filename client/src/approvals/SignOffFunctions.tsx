// Which functions must sign off a bet: its owners' functions (fixed here; change the owners) plus any
// the team adds, for a change that touches a function without a lead on it. Editors add and remove the
// extra ones; everyone else reads the list.

import { type Card, type CardUpdate, compareFunctions, type Result } from '@tideboard/shared'
import { useId, useState } from 'react'
import { FunctionTag } from '../people/FunctionTag'
import { FieldError } from '../ui/FieldError'
import { useProblem } from '../ui/useProblem'

export interface SignOffFunctionsProps {
  card: Card
  functions: readonly string[]
  canEdit: boolean
  update(update: CardUpdate): Result<undefined>
}

export function SignOffFunctions({ card, functions, canEdit, update }: SignOffFunctionsProps) {
  const id = useId()
  const [problem, check] = useProblem()
  const owned = Object.keys(card.owners)
  const extra = card.extraFunctions.filter((f) => !owned.includes(f))
  const rows = [...new Set([...owned, ...extra])].sort(compareFunctions)
  const addable = functions.filter((f) => !rows.includes(f))
  const [adding, setAdding] = useState('')
  const toAdd = addable.includes(adding) ? adding : (addable[0] ?? '')

  return (
    <div className="signoff-functions">
      <p className="field-label" id={`${id}-label`}>
        Functions that sign off
      </p>
      {rows.length === 0 ? (
        <p className="hint">
          None yet. Give the card an owner per function involved, or add a function here.
        </p>
      ) : (
        <ul className="chip-list" aria-labelledby={`${id}-label`}>
          {rows.map((fn) => {
            const isExtra = !owned.includes(fn)
            return (
              <li key={fn} className="chip signoff-function">
                <FunctionTag fn={fn} />
                <span className="muted">{isExtra ? 'added' : 'owner'}</span>
                {canEdit && isExtra && (
                  <button
                    type="button"
                    className="chip-remove"
                    aria-label={`Remove ${fn} from sign-offs`}
                    onClick={() => check(update({ extraFunctions: extra.filter((f) => f !== fn) }))}
                  >
                    ×
                  </button>
                )}
              </li>
            )
          })}
        </ul>
      )}
      {canEdit && addable.length > 0 && (
        <div className="inline-form">
          <select
            className="input"
            aria-label="Function to ask for sign-off"
            value={toAdd}
            onChange={(e) => setAdding(e.target.value)}
          >
            {addable.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button small"
            onClick={() => check(update({ extraFunctions: [...extra, toAdd] }))}
          >
            Add sign-off
          </button>
        </div>
      )}
      <FieldError>{problem}</FieldError>
    </div>
  )
}
