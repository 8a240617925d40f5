// Shown when the server answered 401 to board creation: it wants its admin token.

import { useState } from 'react'

export function AdminTokenField({ onSubmit }: { onSubmit(token: string): void }) {
  const [value, setValue] = useState('')
  return (
    <div className="admin-token" role="alert">
      <p>
        <strong>This server only lets its administrators create boards.</strong> Enter the admin token
        (TIDEBOARD_ADMIN_TOKEN), or ask an administrator for an invite link instead.
      </p>
      <div className="field-row">
        <input
          className="input mono"
          type="password"
          aria-label="Admin token"
          value={value}
          autoComplete="off"
          onChange={(e) => setValue(e.target.value)}
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
