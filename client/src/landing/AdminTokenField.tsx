// Shown when the server answered 401 to board creation: it wants its admin token.

import { useState } from 'react'

export function AdminTokenField({
  onSubmit,
  rejected,
}: {
  onSubmit(token: string): void
  rejected: boolean
}) {
  const [value, setValue] = useState('')
  return (
    <div className="admin-token" role="alert">
      <p>
        <strong>This server only lets its administrators create boards.</strong> Enter the admin token
        (TIDEBOARD_ADMIN_TOKEN), or ask an administrator for an invite link instead.
      </p>
      {rejected && <p className="field-error">That admin token was not accepted.</p>}
      <div className="field-row">
        <input
          className="input mono"
          type="password"
          aria-label="Admin token"
          value={value}
          autoComplete="off"
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={(e) => {
            // This field may sit inside another form: Enter means "use this token", not that form's submit.
            if (e.key === 'Enter') {
              e.preventDefault()
              if (value.trim() !== '') onSubmit(value.trim())
            }
          }}
        />
        <button
          type="button"
          className="button"
          disabled={value.trim() === ''}
          onClick={() => onSubmit(value.trim())}
        >
          Use token
        </button>
      </div>
    </div>
  )
}
