// The card detail panel: every field of one card, grouped (basics, description, plan and result for a
// hypothesis, its hypotheses for an initiative, owners, KPIs, tags), edited live with others through
// the session's actions, then its sign-offs and decisions and its activity. Viewers get the same panel
// with values instead of inputs. Approved and Declined are never offered as statuses: they come from
// leaders' decisions, which the server records. Who else is on the card shows under its title; a
// focused field tells the others this user is editing it (by the field's label). The description is
// collaborative rich text (carets of others shown in it). Comments sit between the decisions and the
// activity.

import {
  type Board,
  CARD_KINDS,
  type Card,
  type CardKind,
  type CardUpdate,
  nextStatuses,
  PHASE_LABELS,
  PHASES,
  type Result,
  SERVER_STATUSES,
} from '@tideboard/shared'
import { useId, useMemo, useRef } from 'react'
import type { ActivitySource } from '../activity/activitySource'
import { CardActivity } from '../activity/CardActivity'
import { DecisionsSection } from '../approvals/DecisionsSection'
import type { SignOffPower } from '../approvals/signOff'
import { CommentsSection } from '../comments/CommentsSection'
import { CardPresenceLine } from '../presence/CardPresenceLine'
import { useFieldPresence } from '../presence/useFieldPresence'
import { RichTextField } from '../richtext/RichTextField'
import type { BoardActions } from '../state/boardSession'
import { asSentence } from '../ui/asSentence'
import { CommitField } from '../ui/CommitField'
import { Field, ReadField } from '../ui/Field'
import { HypothesisIcon, InitiativeIcon, TrashIcon } from '../ui/icons'
import { Sheet } from '../ui/Sheet'
import { useProblem } from '../ui/useProblem'
import { ChildHypotheses } from './ChildHypotheses'
import { KIND_LABELS, STATUS_LABELS } from './cardLabels'
import { KpiLinks } from './KpiLinks'
import { OwnersSection } from './OwnersSection'
import { PlanSection } from './PlanSection'
import { ResultSection } from './ResultSection'
import { TagEditor } from './TagEditor'

export interface CardDetailProps {
  cardId: string
  board: Board
  functions: readonly string[]
  canEdit: boolean
  actions: BoardActions
  onClose(): void
  onOpenCard(cardId: string): void
  onDelete(cardId: string): void
  onShowKpis(): void
  onManagePeople(): void
  power: SignOffPower
  activity: ActivitySource
  /** Who this browser writes comments as (null: cannot comment). */
  writer: string | null
  canComment: boolean
  /** A comment to scroll to and focus when the panel opens (from a mention). */
  shownComment?: string | null
}

export function CardDetail(props: CardDetailProps) {
  const { cardId, board, onClose } = props
  const headingId = useId()
  const card = board.cards.find((c) => c.id === cardId)
  return (
    <Sheet labelledBy={headingId} onClose={onClose} className="card-detail">
      {card ? (
        <CardDetailBody {...props} card={card} headingId={headingId} />
      ) : (
        <div className="detail-missing">
          <h2 id={headingId}>This card is not on the board</h2>
          <p className="hint">Someone may have deleted it, or the link points to another board.</p>
          <button type="button" className="button primary" onClick={onClose}>
            Close
          </button>
        </div>
      )}
    </Sheet>
  )
}

function CardDetailBody({
  card,
  headingId,
  board,
  functions,
  canEdit,
  actions,
  onClose,
  onOpenCard,
  onDelete,
  onShowKpis,
  onManagePeople,
  power,
  activity,
  writer,
  canComment,
  shownComment = null,
}: CardDetailProps & { card: Card; headingId: string }) {
  const id = useId()
  const root = useRef<HTMLDivElement>(null)
  useFieldPresence(root, card.id)
  const [kindProblem, checkKind] = useProblem()
  const [stageProblem, checkStage] = useProblem()
  const [statusProblem, checkStatus] = useProblem()
  const [parentProblem, checkParent] = useProblem()
  const update = (u: CardUpdate): Result<undefined> => actions.updateCard(card.id, u)

  const stage = board.stages.find((s) => s.id === card.stageId)
  const parent = card.parentId ? board.cards.find((c) => c.id === card.parentId) : undefined
  const initiatives = board.cards.filter((c) => c.kind === 'initiative' && c.id !== card.id)
  const hypotheses = board.cards.filter((c) => c.kind === 'hypothesis' && c.parentId === card.id)
  const boardTags = useMemo(() => [...new Set(board.cards.flatMap((c) => c.tags))].sort(), [board.cards])
  const statuses = [card.status, ...nextStatuses(card.status).filter((s) => !SERVER_STATUSES.includes(s))]
  const KindIcon = card.kind === 'hypothesis' ? HypothesisIcon : InitiativeIcon

  return (
    <div ref={root} className={`detail kind-${card.kind}`}>
      <header className="detail-header">
        <div className="detail-badges">
          <span className={`kind kind-${card.kind}`}>
            <KindIcon size={15} /> {KIND_LABELS[card.kind]}
          </span>
          <span className={`status status-${card.status}`}>{STATUS_LABELS[card.status]}</span>
          {stage && (
            <span className={`phase-badge phase-${stage.phase}`}>
              {PHASE_LABELS[stage.phase]} · {stage.name}
            </span>
          )}
        </div>
        <h2 id={headingId} className={canEdit ? 'sr-only' : 'detail-title'}>
          {card.title || 'Untitled card'}
        </h2>
        {canEdit && (
          <CommitField
            className="input detail-title-input"
            aria-label="Title"
            value={card.title}
            maxLength={200}
            onCommit={(title) => {
              const r = update({ title })
              return r.ok ? null : asSentence(r.error)
            }}
          />
        )}
        {parent && (
          <p className="detail-parent">
            <span aria-hidden="true">↳ </span>Part of{' '}
            <button type="button" className="link-button" onClick={() => onOpenCard(parent.id)}>
              {parent.title}
            </button>
          </p>
        )}
        <CardPresenceLine cardId={card.id} />
        <button
          type="button"
          className="icon-button detail-close"
          aria-label="Close details"
          onClick={onClose}
        >
          <span aria-hidden="true">×</span>
        </button>
      </header>

      <div className="detail-body">
        <section className="detail-section" aria-label="Basics">
          {canEdit ? (
            <div className="detail-grid">
              <fieldset className="field kind-field">
                <legend className="field-label">Kind</legend>
                <div className="segmented">
                  {CARD_KINDS.map((k) => (
                    <label key={k} className={`segment kind-${k}${card.kind === k ? ' is-selected' : ''}`}>
                      <input
                        type="radio"
                        name={`${id}-kind`}
                        value={k}
                        checked={card.kind === k}
                        onChange={() => checkKind(update({ kind: k as CardKind }))}
                      />
                      {k === 'hypothesis' ? <HypothesisIcon size={14} /> : <InitiativeIcon size={14} />}
                      {KIND_LABELS[k]}
                    </label>
                  ))}
                </div>
                {kindProblem && <p className="field-error">{kindProblem}</p>}
              </fieldset>
              <Field label="Stage" htmlFor={`${id}-stage`} error={stageProblem}>
                <select
                  id={`${id}-stage`}
                  className="input"
                  value={card.stageId}
                  onChange={(e) => checkStage(actions.moveCardToStage(card.id, e.target.value))}
                >
                  {PHASES.map((phase) => (
                    <optgroup key={phase} label={PHASE_LABELS[phase]}>
                      {board.stages
                        .filter((s) => s.phase === phase)
                        .map((s) => (
                          <option key={s.id} value={s.id}>
                            {s.name}
                          </option>
                        ))}
                    </optgroup>
                  ))}
                </select>
              </Field>
              <Field
                label="Status"
                htmlFor={`${id}-status`}
                error={statusProblem}
                errorId={`${id}-status-error`}
                hint={
                  card.status === 'proposed'
                    ? 'Approved or Declined follows from the leaders’ sign-offs.'
                    : card.status === 'idea'
                      ? 'Propose it to ask the leaders of its functions for sign-off.'
                      : undefined
                }
              >
                <select
                  id={`${id}-status`}
                  className="input"
                  value={card.status}
                  aria-invalid={statusProblem ? true : undefined}
                  aria-describedby={statusProblem ? `${id}-status-error` : undefined}
                  onChange={(e) => checkStatus(update({ status: e.target.value as Card['status'] }))}
                >
                  {statuses.map((s) => (
                    <option key={s} value={s}>
                      {s === card.status ? STATUS_LABELS[s] : `→ ${STATUS_LABELS[s]}`}
                    </option>
                  ))}
                </select>
              </Field>
              {card.kind === 'hypothesis' && (
                <Field label="Parent initiative" htmlFor={`${id}-parent`} error={parentProblem}>
                  <select
                    id={`${id}-parent`}
                    className="input"
                    value={card.parentId ?? ''}
                    onChange={(e) => checkParent(update({ parentId: e.target.value || null }))}
                  >
                    <option value="">None</option>
                    {initiatives.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.title}
                      </option>
                    ))}
                  </select>
                </Field>
              )}
            </div>
          ) : (
            <dl className="detail-grid">
              <ReadField label="Kind">{KIND_LABELS[card.kind]}</ReadField>
              <ReadField label="Stage">
                {stage ? `${PHASE_LABELS[stage.phase]} · ${stage.name}` : null}
              </ReadField>
              <ReadField label="Status">{STATUS_LABELS[card.status]}</ReadField>
              {card.kind === 'hypothesis' && <ReadField label="Parent initiative">{parent?.title}</ReadField>}
            </dl>
          )}
        </section>

        <section className="detail-section" aria-labelledby={`${id}-desc`}>
          <h3 id={`${id}-desc`} className="detail-heading">
            Description
          </h3>
          <RichTextField
            id={`${id}-description`}
            binding={actions.richText(card.id, 'description')}
            text={card.description}
            label="Description"
            editable={canEdit}
            placeholder="What is this, and why does it matter to the customer?"
            session={actions}
          />
        </section>

        {card.kind === 'hypothesis' && card.hypothesis && (
          <>
            <PlanSection
              plan={card.hypothesis}
              canEdit={canEdit}
              update={update}
              richText={(field) => actions.richText(card.id, field)}
              session={actions}
            />
            <ResultSection plan={card.hypothesis} canEdit={canEdit} update={update} />
          </>
        )}
        {card.kind === 'initiative' && (
          <ChildHypotheses
            hypotheses={hypotheses}
            canEdit={canEdit}
            onOpen={onOpenCard}
            onAdd={(title) => {
              const r = actions.addHypothesisTo(card.id, title)
              return r.ok ? null : asSentence(r.error)
            }}
          />
        )}
        <OwnersSection
          owners={card.owners}
          people={board.people}
          functions={functions}
          canEdit={canEdit}
          update={update}
          onManagePeople={onManagePeople}
        />
        <KpiLinks
          kpiIds={card.kpiIds}
          kpis={board.kpis}
          northStarId={board.meta.northStarKpiId}
          canEdit={canEdit}
          update={update}
          onShowKpis={onShowKpis}
        />
        <TagEditor tags={card.tags} boardTags={boardTags} canEdit={canEdit} update={update} />
        <DecisionsSection
          card={card}
          board={board}
          functions={functions}
          canEdit={canEdit}
          power={power}
          update={update}
        />
        <CommentsSection
          cardId={card.id}
          board={board}
          writer={writer}
          canComment={canComment}
          actions={actions}
          shownComment={shownComment}
        />
        <CardActivity cardId={card.id} source={activity} />
      </div>

      <footer className="detail-footer">
        <p className="hint">
          {card.updatedAt ? `Last changed ${formatTime(card.updatedAt)}` : null}
          {card.createdAt ? ` · created ${formatTime(card.createdAt)}` : null}
        </p>
        {canEdit && (
          <button type="button" className="button danger small" onClick={() => onDelete(card.id)}>
            <TrashIcon size={14} /> Delete card
          </button>
        )}
      </footer>
    </div>
  )
}

function formatTime(iso: string): string {
  const d = new Date(iso)
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}
