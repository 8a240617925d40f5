// Approve or decline a proposed bet for one function, with a reason (required to decline). Sends the
// card's approval fingerprint, so a decision on a plan that changed meanwhile is refused and the
// leader is asked to look again.

import { approvalFingerprint, type Card } from '@tideboard/shared'
import { useId, useRef, useState } from 'react'
import { FieldError } from '../ui/FieldError'
import { decisionProblem, type SignOffPower } from './signOff'

export interface DecideFormProps {
  card: Card
  power: SignOffPower
  /** The functions this person may decide for (one for a leader). */
  functions: readonly string[]
  compact?: boolean
}

export function DecideForm({ card, power, functions, compact = false }: DecideFormProps) {
  const id = useId()
  const reasonRef = useRef<HTMLTextAreaElement>(null)
  const [fn, setFn] = useState(functions[0] ?? '')
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState<'approve' | 'decline' | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const chosen = functions.includes(fn) ? fn : (functions[0] ?? '')
  if (functions.length === 0) return null

  async function decide(verdict: 'approve' | 'decline'): Promise<void> {
    if (verdict === 'decline' && reason.trim() === '') {
      setProblem('Say why you decline: the team needs the reason to rework the bet.')
      reasonRef.current?.focus()
      return
    }
    setBusy(verdict)
    setProblem(null)
    const res = await power.decide(card.id, {
      verdict,
      reason: reason.trim(),
      fingerprint: approvalFingerprint(card),
      ...(power.role === 'owner' ? { function: chosen } : {}),
    })
    setBusy(null)
    if (res.ok) setReason('')
    else setProblem(decisionProblem(res.error))
  }

  const label = power.role === 'leader' ? `Your sign-off for ${chosen}` : 'Sign off as owner'
  return (
    <form
      className={`decide-form${compact ? ' is-compact' : ''}`}
      aria-label={`Decide on ${card.title}`}
      onSubmit={(e) => e.preventDefault()}
    >
      <p className="decide-title">{label}</p>
      {power.role === 'owner' && (
        <label className="field">
          <span className="field-label">For the function</span>
          <select className="input" value={chosen} onChange={(e) => setFn(e.target.value)}>
            {functions.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="field">
        <label className="field-label" htmlFor={`${id}-reason`}>
          Reason <span className="hint">(required to decline)</span>
        </label>
        <textarea
          ref={reasonRef}
          id={`${id}-reason`}
          className="input"
          rows={compact ? 2 : 3}
          maxLength={5000}
          value={reason}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      <FieldError id={`${id}-problem`}>{problem}</FieldError>
      <div className="form-actions">
        <button
          type="button"
          className="button approve"
          disabled={busy !== null}
          onClick={() => void decide('approve')}
        >
          <span aria-hidden="true">✓</span> {busy === 'approve' ? 'Approving…' : 'Approve'}
        </button>
        <button
          type="button"
          className="button decline"
          disabled={busy !== null}
          onClick={() => void decide('decline')}
        >
          <span aria-hidden="true">✗</span> {busy === 'decline' ? 'Declining…' : 'Decline'}
        </button>
      </div>
    </form>
  )
}
