// One saved version, read-only: a banner saying so with the way back, what changed on the live board
// since (live: it follows the board as people keep working), and the funnel as it stood. The owner
// can restore it, after a confirmation that says what a restore does and how to undo it.

import { type Board, diffBoards, readBoard } from '@tideboard/shared'
import { useEffect, useMemo, useRef, useState } from 'react'
import * as Y from 'yjs'
import type { ApiError } from '../api/boardsApi'
import { type BoardVersion, getVersion, type RestoredVersion, restoreVersion } from '../api/versionsApi'
import { cardApprovals } from '../approvals/cardApprovals'
import { ReadOnlyFunnel } from '../board/ReadOnlyFunnel'
import { Dialog } from '../ui/Dialog'
import { fullTime, timeAgo } from '../ui/timeAgo'
import { VersionChanges } from './VersionChanges'
import { versionProblem } from './versionProblem'

export interface VersionDetailProps {
  boardId: string
  token: string
  versionId: string
  canRestore: boolean
  /** The live board, to show what changed since. */
  live: Board
  onBack(): void
  onRestored(result: RestoredVersion): void
  onOpenCard(cardId: string): void
}

type Loaded =
  | { kind: 'loading' }
  | { kind: 'failed'; error: ApiError }
  | { kind: 'ready'; version: BoardVersion; board: Board }

const NO_COMMENTS = {}

export function VersionDetail({
  boardId,
  token,
  versionId,
  canRestore,
  live,
  onBack,
  onRestored,
  onOpenCard,
}: VersionDetailProps) {
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' })
  const [attempt, setAttempt] = useState(0)
  const [confirming, setConfirming] = useState(false)
  const headingRef = useRef<HTMLHeadingElement>(null)

  useEffect(() => {
    void attempt // Try again
    let cancelled = false
    setLoaded({ kind: 'loading' })
    void getVersion(boardId, token, versionId).then((res) => {
      if (cancelled) return
      if (!res.ok) {
        setLoaded({ kind: 'failed', error: res.error })
        return
      }
      const doc = new Y.Doc()
      try {
        Y.applyUpdate(doc, res.value.state)
        setLoaded({ kind: 'ready', version: res.value.version, board: readBoard(doc) })
      } catch {
        setLoaded({
          kind: 'failed',
          error: { status: 0, code: 'bad_state', message: 'This version could not be read.' },
        })
      } finally {
        doc.destroy()
      }
    })
    return () => {
      cancelled = true
    }
  }, [boardId, token, versionId, attempt])

  // Opening a version moves focus to its banner, so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (loaded.kind === 'ready') headingRef.current?.focus()
  }, [loaded.kind])

  const saved = loaded.kind === 'ready' ? loaded.board : null
  const diff = useMemo(() => (saved ? diffBoards(saved, live) : null), [saved, live])
  const savedView = useMemo(() => {
    if (!saved) return null
    return {
      peopleById: new Map(saved.people.map((p) => [p.id, p])),
      kpisById: new Map(saved.kpis.map((k) => [k.id, k])),
      approvals: cardApprovals(saved),
    }
  }, [saved])
  const liveIds = useMemo(() => new Set(live.cards.map((c) => c.id)), [live.cards])

  if (loaded.kind === 'loading') {
    return (
      <p className="hint" role="status">
        <span className="spinner small" aria-hidden="true" /> Loading version…
      </p>
    )
  }
  if (loaded.kind === 'failed') {
    return (
      <div className="version-detail">
        <p className="field-error" role="alert">
          {versionProblem(loaded.error)}{' '}
          <button type="button" className="link-button" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        </p>
        <button type="button" className="button" onClick={onBack}>
          ← Back to versions
        </button>
      </div>
    )
  }

  const { version, board } = loaded
  return (
    <div className="version-detail">
      <section className="version-banner" aria-label="Version being viewed">
        <div>
          <h2 className="version-banner-title" ref={headingRef} tabIndex={-1}>
            Viewing version “{version.name}” — read-only
          </h2>
          <p className="hint">
            Saved by {version.createdByName}{' '}
            <time dateTime={version.createdAt} title={fullTime(version.createdAt)}>
              {timeAgo(version.createdAt)}
            </time>
            . The board below is as it was then; nothing here can be changed.
          </p>
        </div>
        <div className="version-banner-actions">
          <button type="button" className="button" onClick={onBack}>
            ← Back to versions
          </button>
          {canRestore && (
            <button type="button" className="button primary" onClick={() => setConfirming(true)}>
              Restore this version
            </button>
          )}
        </div>
      </section>
      {diff && <VersionChanges diff={diff} saved={board} live={live} />}
      {savedView && (
        <section className="version-funnel" aria-label={`Board at version “${version.name}”`}>
          <ReadOnlyFunnel
            board={board}
            peopleById={savedView.peopleById}
            kpisById={savedView.kpisById}
            approvals={savedView.approvals}
            comments={NO_COMMENTS}
            matches={null}
            hideNonMatching={false}
            onOpen={(cardId) => {
              // Details are the live card's: a card gone since has none to show.
              if (liveIds.has(cardId)) onOpenCard(cardId)
            }}
          />
        </section>
      )}
      {canRestore && (
        <RestoreDialog
          open={confirming}
          boardId={boardId}
          token={token}
          version={version}
          onCancel={() => setConfirming(false)}
          onRestored={(result) => {
            setConfirming(false)
            onRestored(result)
          }}
        />
      )}
    </div>
  )
}

function RestoreDialog({
  open,
  boardId,
  token,
  version,
  onCancel,
  onRestored,
}: {
  open: boolean
  boardId: string
  token: string
  version: BoardVersion
  onCancel(): void
  onRestored(result: RestoredVersion): void
}) {
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const cancelRef = useRef<HTMLButtonElement>(null)

  // The safe choice takes focus once the dialog is open (the Dialog opens it in its own effect first).
  useEffect(() => {
    if (!open) return
    setProblem(null)
    cancelRef.current?.focus()
  }, [open])

  async function restore(): Promise<void> {
    setBusy(true)
    setProblem(null)
    const res = await restoreVersion(boardId, token, version.id)
    setBusy(false)
    if (res.ok) onRestored(res.value)
    else setProblem(versionProblem(res.error))
  }

  return (
    <Dialog open={open} title={`Restore “${version.name}”?`} onClose={() => !busy && onCancel()}>
      <div className="restore-confirm">
        <p>
          The board goes back to this version for everyone, as a new change: cards, stages, people and KPIs as
          they were then. The current board is saved first as “Before restoring “{version.name}””, so you can
          undo this by restoring that version. Comments, decisions and activity stay as they are.
        </p>
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="button" ref={cancelRef} onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <button type="button" className="button primary" onClick={() => void restore()} disabled={busy}>
            {busy ? 'Restoring…' : 'Restore version'}
          </button>
        </div>
      </div>
    </Dialog>
  )
}
