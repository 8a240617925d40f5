// A bet's sign-offs at a glance on its card: one chip per function involved with ✓ (approved),
// ✗ (declined) or … (waiting) and the function's name, so colour is never the only signal; a decline
// shows its reason under them.

import { functionColor } from '@tideboard/shared'
import type { CardApproval } from './cardApprovals'

const MARKS = { approve: '✓', decline: '✗', waiting: '…' } as const
const WORDS = { approve: 'approved', decline: 'declined', waiting: 'waiting for sign-off' } as const

export function SignOffChips({ approval }: { approval: CardApproval }) {
  if (approval.signOffs.length === 0 && approval.open) {
    return <p className="signoff-none">No sign-offs needed yet: add owners</p>
  }
  const done = approval.signOffs.length - approval.waitingOn.length
  return (
    <div className="signoffs">
      {approval.signOffs.length > 0 && (
        <ul
          className="signoff-chips"
          aria-label={`Sign-offs, ${done} of ${approval.signOffs.length} decided`}
        >
          {approval.signOffs.map((s) => {
            const state = s.verdict ?? 'waiting'
            return (
              <li
                key={s.function}
                className={`signoff-chip signoff-${state}`}
                style={{ ['--fn' as string]: functionColor(s.function) }}
                title={`${s.function}: ${WORDS[state]}${s.by ? ` by ${s.by}` : ''}`}
              >
                <span className="signoff-mark" aria-hidden="true">
                  {MARKS[state]}
                </span>
                {s.function}
                <span className="sr-only"> {WORDS[state]}</span>
              </li>
            )
          })}
        </ul>
      )}
      {approval.declines.map((d) => (
        <p key={d.function} className="decline-reason">
          <strong>Declined by {d.function}:</strong> {d.reason}
        </p>
      ))}
    </div>
  )
}
