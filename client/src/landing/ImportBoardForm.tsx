// "Import board file": a tideboard/board@1 JSON file becomes a new board with fresh invite links.

import { useRef, useState } from 'react'
import { type CreatedBoard, importBoard } from '../api/boardsApi'
import { rememberBoard } from '../state/joinedBoards'
import { UploadIcon } from '../ui/icons'

// The format name from @tideboard/shared's boardFile.ts, repeated so the page does not bundle the
// board-file validators (and zod) just for a friendly early check; the server validates for real.
const BOARD_FILE_FORMAT = 'tideboard/board@1'

import { AdminTokenField } from './AdminTokenField'
import { getAdminToken, setAdminToken } from './adminToken'

export function ImportBoardForm({ onImported }: { onImported(board: CreatedBoard): void }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [pending, setPending] = useState<string | null>(null)
  const fileInput = useRef<HTMLInputElement>(null)

  async function upload(text: string): Promise<void> {
    setBusy(true)
    setError(null)
    const res = await importBoard(text, getAdminToken())
    setBusy(false)
    if (!res.ok) {
      if (res.error.status === 401) setPending(text)
      else setError(`The server did not accept this file: ${res.error.message}`)
      return
    }
    setPending(null)
    if (fileInput.current) fileInput.current.value = ''
    rememberBoard({ id: res.value.id, token: res.value.invites.owner, role: 'owner', title: res.value.title })
    onImported(res.value)
  }

  async function onFile(file: File | undefined): Promise<void> {
    if (!file) return
    setError(null)
    const text = await file.text()
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      setError('This file is not JSON. Choose a board file exported from Tideboard.')
      return
    }
    const format =
      parsed !== null && typeof parsed === 'object' ? (parsed as { format?: unknown }).format : null
    if (format !== BOARD_FILE_FORMAT) {
      setError(`This is not a Tideboard board file (expected format “${BOARD_FILE_FORMAT}”).`)
      return
    }
    await upload(text)
  }

  return (
    <section className="panel" aria-labelledby="import-board-title">
      <h2 id="import-board-title" className="panel-title">
        Import a board file
      </h2>
      <p className="hint">A board exported from Tideboard as JSON becomes a new board here.</p>
      <label className={`file-picker${busy ? ' is-busy' : ''}`}>
        <UploadIcon />
        <span>{busy ? 'Importing…' : 'Choose a board file…'}</span>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          aria-label="Import board file"
          disabled={busy}
          onChange={(e) => void onFile(e.target.files?.[0])}
        />
      </label>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {pending !== null && (
        <AdminTokenField
          rejected={getAdminToken() !== null}
          onSubmit={(token) => {
            setAdminToken(token)
            void upload(pending)
          }}
        />
      )}
    </section>
  )
}
