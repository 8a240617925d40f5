// A card's lead owners: at most one person per function. Editors pick a person for each function;
// people who work in that function are offered first.

import { type CardUpdate, compareFunctions, type Person, type Result } from '@tideboard/shared'
import { useId } from 'react'
import { Avatar } from '../people/Avatar'
import { FunctionTag } from '../people/FunctionTag'
import { FieldError } from '../ui/FieldError'
import { useProblem } from '../ui/useProblem'

export interface OwnersSectionProps {
  owners: Readonly<Record<string, string>>
  people: readonly Person[]
  functions: readonly string[]
  canEdit: boolean
  update(update: CardUpdate): Result<undefined>
  onManagePeople?: (() => void) | undefined
}

export function OwnersSection({
  owners,
  people,
  functions,
  canEdit,
  update,
  onManagePeople,
}: OwnersSectionProps) {
  const id = useId()
  const [problem, check] = useProblem()
  const byId = new Map(people.map((p) => [p.id, p]))
  const owned = Object.entries(owners).sort(([a], [b]) => compareFunctions(a, b))

  if (!canEdit) {
    return (
      <section className="detail-section" aria-labelledby={`${id}-h`}>
        <h3 id={`${id}-h`} className="detail-heading">
          Owners
        </h3>
        {owned.length === 0 ? (
          <p className="hint">No lead owners yet.</p>
        ) : (
          <ul className="owner-list">
            {owned.map(([fn, personId]) => {
              const person = byId.get(personId)
              return (
                <li key={fn} className="owner-row">
                  {person && <Avatar person={person} fn={fn} />}
                  <span className="owner-name">{person?.name ?? 'Unknown person'}</span>
                  <FunctionTag fn={fn} />
                </li>
              )
            })}
          </ul>
        )}
      </section>
    )
  }

  // Every function in board order (plus any an owner was given in), so rows never jump around.
  const rows = [...new Set([...functions, ...Object.keys(owners)])].sort(compareFunctions)
  return (
    <section className="detail-section" aria-labelledby={`${id}-h`}>
      <div className="detail-heading-row">
        <h3 id={`${id}-h`} className="detail-heading">
          Owners <span className="hint">one lead per function involved</span>
        </h3>
        {onManagePeople && (
          <button type="button" className="button ghost small" onClick={onManagePeople}>
            People…
          </button>
        )}
      </div>
      {people.length === 0 && (
        <p className="hint">
          Nobody is in the people directory yet.{' '}
          {onManagePeople && (
            <button type="button" className="link-button" onClick={onManagePeople}>
              Add people
            </button>
          )}
        </p>
      )}
      <ul className="owner-list">
        {rows.map((fn) => {
          const current = owners[fn] ?? ''
          const person = byId.get(current)
          const inFunction = people.filter((p) => p.function === fn)
          const others = people.filter((p) => p.function !== fn)
          return (
            <li key={fn} className="owner-row">
              <label className="owner-function" htmlFor={`${id}-${fn}`}>
                <FunctionTag fn={fn} />
              </label>
              <span className="owner-avatar">{person ? <Avatar person={person} fn={fn} /> : null}</span>
              <select
                id={`${id}-${fn}`}
                className="input"
                value={current}
                disabled={people.length === 0}
                onChange={(e) =>
                  check(update({ owners: { [fn]: e.target.value === '' ? null : e.target.value } }))
                }
              >
                <option value="">No lead</option>
                {inFunction.length > 0 && (
                  <optgroup label={fn}>
                    {inFunction.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                  </optgroup>
                )}
                {others.length > 0 && (
                  <optgroup label="Other functions">
                    {others.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name} ({p.function})
                      </option>
                    ))}
                  </optgroup>
                )}
              </select>
            </li>
          )
        })}
      </ul>
      <FieldError>{problem}</FieldError>
    </section>
  )
}
