// The board screen once a session is open: top bar, banners, the current view (funnel, list, KPIs,
// approvals, activity or, for the owner, members) with its filter bar, the card detail panel, the
// people directory and the undo toast, plus presence (who is here, their pointers, following someone's
// view), kept in its own store so pointers never re-render the board. What is shown
// (view, filters, sort, open card) lives in the URL; reads go through useBoard and edits through the
// session's actions.

import { type CardKind, cardMatcher, functionColor, isFilterActive, type Result } from '@tideboard/shared'
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { ActivityView } from '../activity/ActivityView'
import { activitySource } from '../activity/activitySource'
import { decideCard } from '../api/decisionsApi'
import { setQuery } from '../app/route'
import { useSearch } from '../app/useSearch'
import { ApprovalsView, waitingFor } from '../approvals/ApprovalsView'
import { cardApprovals } from '../approvals/cardApprovals'
import type { SignOffPower } from '../approvals/signOff'
import { MentionsMenu } from '../comments/MentionsMenu'
import { commentsByCard, markCardSeen, unseenMentions } from '../comments/unseenMentions'
import { useSeenMentions } from '../comments/useSeenMentions'
import { FilterBar } from '../filters/FilterBar'
import { useBoardFilter } from '../filters/useBoardFilter'
import { KpisView } from '../kpis/KpisView'
import { MembersView } from '../members/MembersView'
import { PeopleDialog } from '../people/PeopleDialog'
import { FollowBanner } from '../presence/FollowBanner'
import { PresenceAvatars } from '../presence/PresenceAvatars'
import { PresenceFrame } from '../presence/PresenceFrame'
import type { PresenceUser } from '../presence/presenceState'
import { createPresenceStore, type PresenceStore } from '../presence/presenceStore'
import { useFollow } from '../presence/useFollow'
import { PresenceContext } from '../presence/usePresence'
import type { BoardSession } from '../state/boardSession'
import { rememberBoard } from '../state/joinedBoards'
import { useBoard } from '../state/useBoard'
import { useStable } from '../state/useStable'
import { MessageScreen } from '../ui/MessageScreen'
import { VersionsView } from '../versions/VersionsView'
import { AccessProblem } from './AccessProblem'
import type { BoardAccessInfo } from './boardAccess'
import { queryWithView, type ViewId, viewFromQuery } from './boardViews'
import { CardTable } from './CardTable'
import { EditableFunnel } from './EditableFunnel'
import { focusTargetAfterRemoval } from './focusTargetAfterRemoval'
import { ReadOnlyFunnel } from './ReadOnlyFunnel'
import { sortFromQuery } from './sortCards'
import { TopBar } from './TopBar'
import { UndoToast } from './UndoToast'
import { ViewSwitch } from './ViewSwitch'

const TOAST_MS = 10_000

// The card panel (and the rich-text editor in it) loads on first opening a card, not with the board.
const CardDetail = lazy(() => import('../cards/CardDetail').then((m) => ({ default: m.CardDetail })))

/** The avatar colour of someone without a function. */
const NO_FUNCTION_COLOR = '#5b6579'

/** Shared ops speak in developer terms; users get a sentence. */
function problemOf(result: Result<unknown>): string | null {
  if (result.ok) return null
  if (/must not be empty/.test(result.error)) return 'Give the card a title.'
  if (/at most/.test(result.error)) return 'That title is too long (200 characters at most).'
  return `That did not work: ${result.error}`
}

function isTextField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  )
}

export function BoardView({
  boardId,
  session,
  access,
  refusedWrite = null,
  onDismissRefused,
}: {
  boardId: string
  session: BoardSession
  access: BoardAccessInfo
  /** Why the server refused this browser's last write (its copy was then reloaded from the server). */
  refusedWrite?: string | null
  onDismissRefused?: () => void
}) {
  const board = useBoard(session, (s) => s.board)
  const functions = useBoard(session, (s) => s.functions)
  const connection = useBoard(session, (s) => s.connection)
  const ready = useBoard(session, (s) => s.ready)
  const canEdit = useBoard(session, (s) => s.canEdit)
  const tooNew = useBoard(session, (s) => s.tooNew)
  const canUndo = useBoard(session, (s) => s.canUndo)
  const canRedo = useBoard(session, (s) => s.canRedo)
  const lastUndoStep = useBoard(session, (s) => s.lastUndoStep)
  const role = useBoard(session, (s) => s.role)
  const fn = useBoard(session, (s) => s.fn)
  const me = useBoard(session, (s) => s.me)
  const heldBack = useBoard(session, (s) => s.heldBack)
  const writer = useBoard(session, (s) => s.writer)
  const canComment = useBoard(session, (s) => s.canComment)
  const { actions } = session
  const [toast, setToast] = useState<{ step: object; message: string } | null>(null)
  const [peopleOpen, setPeopleOpen] = useState(false)

  const search = useSearch()
  const view = viewFromQuery(search, role)
  const openCardId = new URLSearchParams(search).get('card')
  const sort = sortFromQuery(search)
  const [filter, setFilter] = useBoardFilter(search)
  const filterActive = isFilterActive(filter)
  const matchedCards = useMemo(() => {
    if (!filterActive) return board.cards
    const matches = cardMatcher(board, filter)
    return board.cards.filter(matches)
  }, [board, filter, filterActive])
  const matches = useMemo(
    () => (filterActive ? new Set(matchedCards.map((c) => c.id)) : null),
    [filterActive, matchedCards],
  )

  const approvals = useStable(useMemo(() => cardApprovals(board), [board]))
  const { token } = access
  const power: SignOffPower = useMemo(
    () => ({ role, fn, decide: (cardId, request) => decideCard(boardId, token, cardId, request) }),
    [role, fn, boardId, token],
  )
  const activity = useMemo(
    () => activitySource(boardId, token, session.connection.doc),
    [boardId, token, session.connection.doc],
  )
  const waiting = useMemo(
    () => (role === 'leader' ? waitingFor(board, { role, fn }).length : 0),
    [board, role, fn],
  )

  // Mentions of this person: unseen ones badge their cards and the top bar's bell; an open card's
  // comments count as seen, also those arriving while it is open.
  // Comments left on a deleted card are not shown anywhere, so they count for nothing.
  const cardTitles = useMemo(
    () => new Map(board.cards.map((c) => [c.id, c.title || 'Untitled card'])),
    [board.cards],
  )
  const comments = useMemo(
    () => board.comments.filter((c) => cardTitles.has(c.cardId)),
    [board.comments, cardTitles],
  )
  const [seenMentions, setSeenMentions] = useSeenMentions(boardId, writer)
  /** A comment to bring into view in the card panel (opened from the Mentions bell). */
  const [shownComment, setShownComment] = useState<{ cardId: string; commentId: string } | null>(null)
  useEffect(() => {
    if (shownComment && openCardId !== shownComment.cardId) setShownComment(null)
  }, [openCardId, shownComment])
  const mentions = useMemo(
    () => unseenMentions(comments, writer, seenMentions),
    [comments, writer, seenMentions],
  )
  const commentInfo = useStable(
    useMemo(() => commentsByCard(comments, writer, seenMentions), [comments, writer, seenMentions]),
  )
  useEffect(() => {
    if (openCardId === null || !ready) return
    setSeenMentions(markCardSeen(seenMentions, comments, openCardId, writer))
  }, [openCardId, ready, comments, writer, seenMentions, setSeenMentions])

  const [presence, setPresence] = useState<PresenceStore | null>(null)
  useEffect(() => {
    const store = createPresenceStore(session.connection.awareness)
    setPresence(store)
    return () => store.destroy()
  }, [session])
  // Who this user is to the others: their member record, and the function of the person on the board
  // with their name when the record has none (only leaders' records name a function).
  const myName = me?.name ?? access.name ?? null
  const myFunction =
    me?.function ??
    access.function ??
    (myName ? board.people.find((p) => p.name.toLowerCase() === myName.toLowerCase())?.function : null) ??
    null
  const myMemberId = me?.id ?? access.memberId ?? null
  useEffect(() => {
    if (!presence) return
    const user: PresenceUser = {
      name: myName ?? 'Someone',
      color: myFunction ? functionColor(myFunction) : NO_FUNCTION_COLOR,
    }
    if (myMemberId) user.memberId = myMemberId
    if (myFunction) user.function = myFunction
    presence.setUser(user)
  }, [presence, myName, myFunction, myMemberId])
  useEffect(() => {
    presence?.setView(openCardId === null ? { view } : { view, cardId: openCardId })
  }, [presence, view, openCardId])
  const follow = useFollow(presence)

  const peopleById = useMemo(() => new Map(board.people.map((p) => [p.id, p])), [board.people])
  const kpisById = useMemo(() => new Map(board.kpis.map((k) => [k.id, k])), [board.kpis])
  const title = board.meta.title

  // Where focus goes back to when the card panel closes: the card (or link) it was opened from.
  const returnFocus = useRef<{ element: Element | null; cardId: string } | null>(null)
  const onOpen = useCallback((cardId: string) => {
    const q = new URLSearchParams(location.search)
    if (!q.has('card')) returnFocus.current = { element: document.activeElement, cardId }
    q.set('card', cardId)
    setQuery(q)
  }, [])
  const closeCard = useCallback(() => {
    const q = new URLSearchParams(location.search)
    if (!q.has('card')) return
    q.delete('card')
    setQuery(q)
    const back = returnFocus.current
    returnFocus.current = null
    requestAnimationFrame(() => {
      const opener = back?.element instanceof HTMLElement && back.element.isConnected ? back.element : null
      // From a card's own "Open details" button, focus returns to the card itself.
      const slotCard = opener?.closest('.card-slot')?.querySelector<HTMLElement>('[data-card-id]') ?? null
      const card = back
        ? document.querySelector<HTMLElement>(`[data-card-id="${CSS.escape(back.cardId)}"]`)
        : null
      ;(slotCard ?? opener ?? card)?.focus()
    })
  }, [])
  const showView = useCallback((next: ViewId) => {
    const q = queryWithView(location.search, next)
    q.delete('card')
    setQuery(q, { push: true })
  }, [])

  useEffect(() => {
    if (!ready) return
    document.title = `${title} · Tideboard`
    rememberBoard({ id: boardId, token: access.token, title })
    return () => {
      document.title = 'Tideboard'
    }
  }, [ready, title, boardId, access.token])

  // The owner may change this person's role while the board is open: remember the new one.
  useEffect(() => {
    if (!me) return
    rememberBoard({
      id: boardId,
      token: access.token,
      role: me.role,
      name: me.name,
      ...(me.function ? { function: me.function } : {}),
    })
  }, [me, boardId, access.token])

  // The toast's Undo only makes sense while the deletion is still the newest own edit.
  const toastLive = toast !== null && toast.step === lastUndoStep
  useEffect(() => {
    if (!toastLive) return
    const timer = setTimeout(() => setToast(null), TOAST_MS)
    return () => clearTimeout(timer)
  }, [toastLive])

  useEffect(() => {
    if (!canEdit) return
    const onKeyDown = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || isTextField(e.target)) return
      const key = e.key.toLowerCase()
      if (key === 'z' && !e.shiftKey) actions.undo()
      else if ((key === 'z' && e.shiftKey) || key === 'y') actions.redo()
      else return
      e.preventDefault()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [canEdit, actions])

  const onAdd = useCallback(
    (stageId: string, kind: CardKind, cardTitle: string) =>
      problemOf(actions.addCard(stageId, kind, cardTitle)),
    [actions],
  )
  const onRename = useCallback(
    (cardId: string, cardTitle: string) => problemOf(actions.renameCard(cardId, cardTitle)),
    [actions],
  )
  const onMove = useCallback(
    (cardId: string, toStageId: string, index: number) => {
      actions.moveCard(cardId, toStageId, index)
    },
    [actions],
  )
  const onDelete = useCallback(
    (cardId: string) => {
      const fromPanel = new URLSearchParams(location.search).get('card') === cardId
      const refocus = focusTargetAfterRemoval(fromPanel ? (returnFocus.current?.cardId ?? cardId) : cardId)
      const result = actions.deleteCard(cardId)
      if (!result.ok) return
      if (fromPanel) {
        returnFocus.current = null
        const q = new URLSearchParams(location.search)
        q.delete('card')
        setQuery(q)
      }
      if (result.value) setToast({ step: result.value, message: 'Card deleted' })
      refocus()
    },
    [actions],
  )

  if (connection.failure) {
    return (
      <AccessProblem
        boardId={boardId}
        failure={connection.failure}
        onRetry={() => session.connection.retry()}
      />
    )
  }
  if (!ready) {
    return (
      <MessageScreen tone="loading" title="Loading board…">
        <p>
          {connection.status === 'offline'
            ? 'You are offline; waiting for the network.'
            : 'Syncing with the server.'}
        </p>
      </MessageScreen>
    )
  }

  return (
    <PresenceContext.Provider value={presence}>
      <div className="board-screen">
        <TopBar
          title={title}
          access={access}
          me={{ name: me?.name ?? access.name ?? null, role, fn }}
          status={connection.status}
          acknowledged={connection.acknowledged}
          unsaved={connection.unsaved}
          northStar={board.kpis.find((k) => k.id === board.meta.northStarKpiId) ?? null}
          canEdit={canEdit}
          canUndo={canUndo}
          canRedo={canRedo}
          onUndo={actions.undo}
          onRedo={actions.redo}
          onShare={role === 'owner' ? () => showView('members') : null}
          boardId={boardId}
          onShowKpis={() => showView('kpis')}
          onPeople={() => setPeopleOpen(true)}
          presence={<PresenceAvatars store={presence} following={follow.key} onFollow={follow.follow} />}
          mentions={
            writer !== null && (
              <MentionsMenu
                mentions={mentions}
                cardTitle={(cardId) => cardTitles.get(cardId) ?? null}
                onOpenComment={(cardId, commentId) => {
                  setShownComment({ cardId, commentId })
                  onOpen(cardId)
                }}
              />
            )
          }
        />
        {follow.person && <FollowBanner person={follow.person} onStop={follow.stop} />}
        {connection.status === 'offline' && (
          <p className="banner banner-offline">
            You are offline.{' '}
            {canEdit
              ? 'Keep working: changes are kept on this device and sync when you are back.'
              : 'The board shows the last state this device saw.'}
          </p>
        )}
        {refusedWrite && (
          <div className="banner banner-error" role="alert">
            <p>
              <strong>Your last change could not be saved.</strong> The server refused it: {refusedWrite}. The
              board was reloaded from the server, so what you see now is what everyone sees.
            </p>
            {onDismissRefused && (
              <button type="button" className="button small" onClick={onDismissRefused}>
                Dismiss
              </button>
            )}
          </div>
        )}
        {heldBack && (
          <div className="banner banner-warning" role="alert">
            <p>
              <strong>Not changed:</strong> {heldBack.message}.
            </p>
            <button type="button" className="button small" onClick={actions.dismissHeldBack}>
              Dismiss
            </button>
          </div>
        )}
        {tooNew && (
          <p className="banner banner-warning">
            This board was saved by a newer version of Tideboard. Reload the page to edit it; until then it is
            read-only.
          </p>
        )}
        <div className="subbar">
          <ViewSwitch view={view} search={search} role={role} waiting={waiting} />
          {(view === 'board' || view === 'list') && (
            <FilterBar
              board={board}
              functions={functions}
              filter={filter}
              onChange={setFilter}
              matching={matchedCards.length}
              total={board.cards.length}
              showHideToggle={view === 'board'}
            />
          )}
        </div>
        {view === 'board' && (
          <main className="board-main" aria-label="Funnel">
            <PresenceFrame store={presence} following={follow.key} onStopFollowing={follow.stop}>
              {canEdit ? (
                <EditableFunnel
                  board={board}
                  peopleById={peopleById}
                  kpisById={kpisById}
                  approvals={approvals}
                  comments={commentInfo}
                  matches={matches}
                  hideNonMatching={filter.hide}
                  onAdd={onAdd}
                  onRename={onRename}
                  onDelete={onDelete}
                  onMove={onMove}
                  onOpen={onOpen}
                />
              ) : (
                <ReadOnlyFunnel
                  board={board}
                  peopleById={peopleById}
                  kpisById={kpisById}
                  approvals={approvals}
                  comments={commentInfo}
                  matches={matches}
                  hideNonMatching={filter.hide}
                  onOpen={onOpen}
                />
              )}
            </PresenceFrame>
          </main>
        )}
        {view === 'list' && (
          <main className="board-main view-main" aria-label="Card list">
            <CardTable board={board} cards={matchedCards} sort={sort} onOpen={onOpen} />
          </main>
        )}
        {view === 'kpis' && (
          <main className="board-main view-main" aria-label="KPIs">
            <KpisView
              board={board}
              functions={functions}
              canEdit={canEdit}
              actions={actions}
              onOpenCard={onOpen}
            />
          </main>
        )}
        {view === 'approvals' && (
          <main className="board-main view-main" aria-label="Approvals">
            <ApprovalsView board={board} power={power} onOpenCard={onOpen} />
          </main>
        )}
        {view === 'activity' && (
          <main className="board-main view-main" aria-label="Activity">
            <ActivityView board={board} source={activity} search={search} onOpenCard={onOpen} />
          </main>
        )}
        {view === 'versions' && (
          <main className="board-main view-main" aria-label="Versions">
            <VersionsView
              boardId={boardId}
              token={access.token}
              role={role}
              board={board}
              search={search}
              onOpenCard={onOpen}
            />
          </main>
        )}
        {view === 'members' && role === 'owner' && (
          <main className="board-main view-main" aria-label="Members">
            <MembersView
              boardId={boardId}
              token={access.token}
              members={board.members}
              myId={me?.id ?? access.memberId ?? null}
              functions={functions}
            />
          </main>
        )}
        {openCardId !== null && (
          <Suspense fallback={null}>
            <CardDetail
              key={openCardId}
              cardId={openCardId}
              board={board}
              functions={functions}
              canEdit={canEdit}
              actions={actions}
              onClose={closeCard}
              onOpenCard={onOpen}
              onDelete={onDelete}
              onShowKpis={() => showView('kpis')}
              onManagePeople={() => setPeopleOpen(true)}
              power={power}
              activity={activity}
              writer={writer}
              canComment={canComment}
              shownComment={shownComment?.commentId ?? null}
            />
          </Suspense>
        )}
        <PeopleDialog
          open={peopleOpen}
          onClose={() => setPeopleOpen(false)}
          board={board}
          functions={functions}
          canEdit={canEdit}
          actions={actions}
        />
        {toastLive && (
          <UndoToast
            message={toast.message}
            onUndo={() => {
              actions.undoStep(toast.step)
              setToast(null)
            }}
            onDismiss={() => setToast(null)}
          />
        )}
      </div>
    </PresenceContext.Provider>
  )
}
