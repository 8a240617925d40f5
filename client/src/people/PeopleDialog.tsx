// The board's people directory: who plans on this board and in which function. Owners and members add,
// edit and remove people and add the team's own functions; viewers read the list.

import type { Board, Person } from '@tideboard/shared'
import { useId, useState } from 'react'
import type { BoardActions } from '../state/boardSession'
import { Dialog } from '../ui/Dialog'
import { FieldError } from '../ui/FieldError'
import { PlusIcon } from '../ui/icons'
import { plainChoices, SelectField, TextField } from '../ui/LabelledControls'
import { useProblem } from '../ui/useProblem'
import { Avatar } from './Avatar'
import { FunctionTag } from './FunctionTag'

export interface PeopleDialogProps {
  open: boolean
  onClose(): void
  board: Board
  functions: readonly string[]
  canEdit: boolean
  actions: BoardActions
}

export function PeopleDialog({ open, onClose, board, functions, canEdit, actions }: PeopleDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} title="People">
      <PeopleDirectory board={board} functions={functions} canEdit={canEdit} actions={actions} />
    </Dialog>
  )
}

function PeopleDirectory({
  board,
  functions,
  canEdit,
  actions,
}: Omit<PeopleDialogProps, 'open' | 'onClose'>) {
  const id = useId()
  const [name, setName] = useState('')
  const [fn, setFn] = useState(functions[0] ?? '')
  const [newFunction, setNewFunction] = useState('')
  const [addProblem, checkAdd] = useProblem()
  const [functionProblem, checkFunction] = useProblem()
  const leads = (personId: string) =>
    board.cards.filter((c) => Object.values(c.owners).includes(personId)).length
  const people = [...board.people].sort((a, b) => a.name.localeCompare(b.name))

  return (
    <div className="people">
      <p className="hint">
        Each card has one lead owner per function involved. Everyone here can be picked as a lead.
      </p>
      {people.length === 0 ? (
        <p className="empty-state">
          Nobody here yet.{canEdit ? ' Add the people who plan on this board, each with their function.' : ''}
        </p>
      ) : (
        <ul className="people-list" aria-label="People on this board">
          {people.map((p) => (
            <PersonRow
              key={p.id}
              person={p}
              leads={leads(p.id)}
              functions={functions}
              canEdit={canEdit}
              actions={actions}
            />
          ))}
        </ul>
      )}
      {canEdit && (
        <>
          <form
            className="people-form"
            aria-label="Add a person"
            onSubmit={(e) => {
              e.preventDefault()
              if (checkAdd(actions.addPerson({ name, function: fn }))) setName('')
            }}
          >
            <h3 className="subheading">Add a person</h3>
            <div className="field-row">
              <TextField
                label="Name"
                fieldClassName="grow"
                value={name}
                onValue={setName}
                maxLength={80}
                placeholder="e.g. Maya Okafor"
              />
              <SelectField label="Function" value={fn} choices={plainChoices(functions)} onValue={setFn} />
              <button type="submit" className="button primary" disabled={name.trim() === ''}>
                <PlusIcon size={14} /> Add person
              </button>
            </div>
            <FieldError>{addProblem}</FieldError>
          </form>
          <form
            className="people-form"
            aria-labelledby={`${id}-fn`}
            onSubmit={(e) => {
              e.preventDefault()
              if (checkFunction(actions.addFunction(newFunction))) {
                setFn(newFunction.replace(/\s+/g, ' ').trim())
                setNewFunction('')
              }
            }}
          >
            <h3 id={`${id}-fn`} className="subheading">
              Functions
            </h3>
            <ul className="chip-list" aria-label="Functions on this board">
              {functions.map((f) => (
                <li key={f} className="chip">
                  <FunctionTag fn={f} />
                </li>
              ))}
            </ul>
            <div className="field-row">
              <TextField
                label="New function"
                fieldClassName="grow"
                value={newFunction}
                onValue={setNewFunction}
                maxLength={60}
                placeholder="e.g. Finance, Partnerships"
              />
              <button type="submit" className="button" disabled={newFunction.trim() === ''}>
                <PlusIcon size={14} /> Add function
              </button>
            </div>
            <FieldError>{functionProblem}</FieldError>
          </form>
        </>
      )}
    </div>
  )
}

interface PersonRowProps {
  person: Person
  leads: number
  functions: readonly string[]
  canEdit: boolean
  actions: BoardActions
}

function PersonRow({ person, leads, functions, canEdit, actions }: PersonRowProps) {
  const [mode, setMode] = useState<'view' | 'edit' | 'remove'>('view')
  const [name, setName] = useState(person.name)
  const [fn, setFn] = useState(person.function)
  const [problem, check] = useProblem()
  const options = functions.includes(person.function) ? functions : [...functions, person.function]

  if (mode === 'edit') {
    return (
      <li className="person-row is-editing">
        <form
          className="field-row"
          aria-label={`Edit ${person.name}`}
          onSubmit={(e) => {
            e.preventDefault()
            if (check(actions.editPerson(person.id, { name, function: fn }))) setMode('view')
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault()
              e.stopPropagation()
              setMode('view')
            }
          }}
        >
          <TextField
            label="Name"
            fieldClassName="grow"
            value={name}
            onValue={setName}
            maxLength={80}
            // The user just asked to edit this person.
            autoFocus
          />
          <SelectField label="Function" value={fn} choices={plainChoices(options)} onValue={setFn} />
          <button type="submit" className="button primary small">
            Save
          </button>
          <button type="button" className="button ghost small" onClick={() => setMode('view')}>
            Cancel
          </button>
        </form>
        <FieldError>{problem}</FieldError>
      </li>
    )
  }

  return (
    <li className="person-row">
      <Avatar person={person} />
      <span className="person-who">
        <span className="person-name">{person.name}</span>
        <FunctionTag fn={person.function} />
      </span>
      <span className="hint person-leads">
        {leads === 0 ? 'leads no cards' : `leads ${leads} ${leads === 1 ? 'card' : 'cards'}`}
      </span>
      {canEdit && mode === 'view' && (
        <span className="person-actions">
          <button
            type="button"
            className="button ghost small"
            aria-label={`Edit ${person.name}`}
            onClick={() => {
              setName(person.name)
              setFn(person.function)
              setMode('edit')
            }}
          >
            Edit
          </button>
          <button
            type="button"
            className="button ghost small danger"
            aria-label={`Remove ${person.name}`}
            onClick={() => setMode('remove')}
          >
            Remove
          </button>
        </span>
      )}
      {canEdit && mode === 'remove' && (
        <span className="person-actions confirm" role="group" aria-label={`Remove ${person.name}?`}>
          <span className="hint">{leads > 0 ? `Their ${leads} lead role(s) will be empty.` : 'Remove?'}</span>
          <button
            type="button"
            className="button danger small"
            // biome-ignore lint/a11y/noAutofocus: confirming is the next thing to do
            autoFocus
            onClick={() => check(actions.removePerson(person.id))}
          >
            Remove
          </button>
          <button type="button" className="button ghost small" onClick={() => setMode('view')}>
            Keep
          </button>
        </span>
      )}
      <FieldError>{problem}</FieldError>
    </li>
  )
}
