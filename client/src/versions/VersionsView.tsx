// The Versions view: named versions of the board, newest first, with who saved each and when; the
// owner saves the board under a name. Opening one (`?view=versions&version=<id>`, so a link opens the
// same one) shows it read-only with what changed since, and lets the owner restore it.

import type { Board } from '@tideboard/shared'
import { useCallback, useEffect, useId, useRef, useState } from 'react'
import type { Role } from '../api/boardsApi'
import { type BoardVersion, listVersions, type RestoredVersion, saveVersion } from '../api/versionsApi'
import { setQuery } from '../app/route'
import { FieldError } from '../ui/FieldError'
import { fullTime, timeAgo } from '../ui/timeAgo'
import { VersionDetail } from './VersionDetail'
import { versionProblem } from './versionProblem'
import './versions.css'

export const MAX_VERSION_NAME = 120
const REFRESH_MS = 30_000

export interface VersionsViewProps {
  boardId: string
  token: string
  role: Role
  /** The live board. */
  board: Board
  search: string
  onOpenCard(cardId: string): void
}

type Listing =
  | { kind: 'loading' }
  | { kind: 'failed'; problem: string }
  | { kind: 'ready'; versions: BoardVersion[] }

function showVersion(id: string | null): void {
  const q = new URLSearchParams(location.search)
  if (id === null) q.delete('version')
  else q.set('version', id)
  q.delete('card')
  setQuery(q, { push: true })
}

export function VersionsView({ boardId, token, role, board, search, onOpenCard }: VersionsViewProps) {
  const versionId = new URLSearchParams(search).get('version')
  const isOwner = role === 'owner'
  const [listing, setListing] = useState<Listing>({ kind: 'loading' })
  const [notice, setNotice] = useState<string | null>(null)
  const headingRef = useRef<HTMLHeadingElement>(null)
  const backToList = useRef(false)

  /** Reads the list again; a quiet reload that fails keeps the list already shown. */
  const reload = useCallback(
    async ({ quiet = false } = {}) => {
      const res = await listVersions(boardId, token)
      setListing((shown) => {
        if (res.ok) return { kind: 'ready', versions: res.value }
        if (quiet && shown.kind === 'ready') return shown
        return { kind: 'failed', problem: versionProblem(res.error) }
      })
    },
    [boardId, token],
  )

  useEffect(() => {
    if (versionId === null) void reload()
  }, [reload, versionId])

  // Saving a version writes nothing into the board, so others' saves are picked up by asking again:
  // when this tab comes back into view, and now and then while the list is open.
  useEffect(() => {
    if (versionId !== null) return
    const refresh = () => {
      if (document.visibilityState === 'visible') void reload({ quiet: true })
    }
    const timer = setInterval(refresh, REFRESH_MS)
    document.addEventListener('visibilitychange', refresh)
    return () => {
      clearInterval(timer)
      document.removeEventListener('visibilitychange', refresh)
    }
  }, [reload, versionId])

  // Coming back from a version, focus lands on the list's heading rather than on the page.
  useEffect(() => {
    if (versionId !== null || !backToList.current) return
    backToList.current = false
    headingRef.current?.focus()
  }, [versionId])

  const back = () => {
    backToList.current = true
    showVersion(null)
  }

  if (versionId !== null) {
    return (
      <div className="versions-view">
        <VersionDetail
          key={versionId}
          boardId={boardId}
          token={token}
          versionId={versionId}
          canRestore={isOwner}
          live={board}
          onBack={back}
          onOpenCard={onOpenCard}
          onRestored={(result: RestoredVersion) => {
            setNotice(
              `Restored “${result.restored.name}”. The board as it was just before is saved as “${result.backup.name}”.`,
            )
            back()
          }}
        />
      </div>
    )
  }

  return (
    <div className="versions-view">
      <header className="view-header">
        <div>
          <h2 className="view-title" ref={headingRef} tabIndex={-1}>
            Versions
          </h2>
          <p className="hint">
            Named snapshots of the whole board. Open one to see it as it was and what changed since.
            {isOwner && ' Restoring one is a new change on top: nothing anyone did is erased.'}
          </p>
        </div>
      </header>
      {notice && (
        <p className="version-notice" role="status">
          {notice}
        </p>
      )}
      {isOwner && (
        <SaveVersionForm
          boardId={boardId}
          token={token}
          onSaved={(version) => {
            setNotice(`Saved version “${version.name}”.`)
            void reload()
          }}
        />
      )}
      <VersionList listing={listing} onOpen={showVersion} onRetry={() => void reload()} />
    </div>
  )
}

function SaveVersionForm({
  boardId,
  token,
  onSaved,
}: {
  boardId: string
  token: string
  onSaved(version: BoardVersion): void
}) {
  const id = useId()
  const [name, setName] = useState('')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)

  async function save(): Promise<void> {
    const trimmed = name.trim()
    if (trimmed === '') {
      setProblem('Give the version a name, for example “Before Q3 review”.')
      return
    }
    setBusy(true)
    setProblem(null)
    const res = await saveVersion(boardId, token, trimmed)
    setBusy(false)
    if (!res.ok) {
      setProblem(versionProblem(res.error))
      return
    }
    setName('')
    onSaved(res.value)
  }

  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} className="panel-title">
        Save a version
      </h3>
      <form
        className="version-form"
        aria-label="Save a version"
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
      >
        <label className="field grow">
          <span className="field-label">Version name</span>
          <input
            className="input"
            value={name}
            maxLength={MAX_VERSION_NAME}
            placeholder="Before Q3 review"
            aria-invalid={problem !== null}
            aria-describedby={problem ? `${id}-error` : undefined}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save version'}
        </button>
      </form>
      <FieldError id={`${id}-error`}>{problem}</FieldError>
    </section>
  )
}

function VersionList({
  listing,
  onOpen,
  onRetry,
}: {
  listing: Listing
  onOpen(id: string): void
  onRetry(): void
}) {
  const id = useId()
  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} className="panel-title">
        Saved versions
      </h3>
      {listing.kind === 'loading' && (
        <p className="hint" role="status">
          <span className="spinner small" aria-hidden="true" /> Loading versions…
        </p>
      )}
      {listing.kind === 'failed' && (
        <p className="field-error" role="alert">
          {listing.problem}{' '}
          <button type="button" className="link-button" onClick={onRetry}>
            Try again
          </button>
        </p>
      )}
      {listing.kind === 'ready' && listing.versions.length === 0 && <p className="hint">No versions yet.</p>}
      {listing.kind === 'ready' && listing.versions.length > 0 && (
        <ol className="version-list" aria-labelledby={`${id}-h`}>
          {listing.versions.map((v) => (
            <li key={v.id} className="version-row">
              <div className="version-row-main">
                <span className="version-name">{v.name}</span>
                <span className="muted">
                  by {v.createdByName} ·{' '}
                  <time dateTime={v.createdAt} title={fullTime(v.createdAt)}>
                    {timeAgo(v.createdAt)}
                  </time>
                  {v.cardCount !== null && ` · ${v.cardCount === 1 ? '1 card' : `${v.cardCount} cards`}`}
                </span>
              </div>
              <button
                type="button"
                className="button small"
                aria-label={`Open version “${v.name}”`}
                onClick={() => onOpen(v.id)}
              >
                Open
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
