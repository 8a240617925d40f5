// What follows on the server from a client's applied update. A card that became proposed starts a
// new proposal round; an approved card whose plan, owners, KPI links or sign-off functions changed
// goes back to proposed in a new round (earlier decisions no longer match it); and every change to a
// card the update touched is recorded in the activity feed under the sender's identity.

import {
  approvalFingerprint,
  type Card,
  describeCardChange,
  readApprovalRound,
  roots,
  updateCard,
  writeApprovalRound,
} from '@tideboard/shared'
import type { ActivityLog, FeedEntry } from '../activity/activityLog.js'
import { identityOf } from '../auth/access.js'
import type { Logger } from '../log.js'
import { SERVER_ORIGIN } from '../sync/origin.js'
import type { CardsChanged } from '../sync/room.js'

export interface CardsChangedDeps {
  activity: ActivityLog
  logger: Logger
  now?: () => Date
}

export function cardsChangedHandler({ activity, logger, now = () => new Date() }: CardsChangedDeps) {
  return function onCardsChanged({ room, principal, touches, before, after }: CardsChanged): void {
    const actor = identityOf(principal)
    const at = now()
    const beforeById = before
    const afterById = after
    const touched = new Set<string>()
    for (const t of touches) if (t.root === 'cards' && t.key !== null) touched.add(t.key)

    const entries: FeedEntry[] = []
    const newRound: string[] = []
    for (const id of touched) {
      const was = beforeById.get(id) ?? null
      const is = afterById.get(id) ?? null
      const title = (is ?? was)?.title ?? ''
      for (const action of describeCardChange(was, is)) entries.push({ cardId: id, cardTitle: title, action })
      if (is?.status === 'proposed' && was?.status !== 'proposed') newRound.push(id)
    }
    // Checked on every card: deleting a person or a KPI changes the owners or links of cards the
    // update never touched directly.
    const reopened: Card[] = [...after.values()].filter((card) => {
      const was = beforeById.get(card.id)
      return (
        was?.status === 'approved' &&
        card.status === 'approved' &&
        approvalFingerprint(was) !== approvalFingerprint(card)
      )
    })
    if (newRound.length > 0 || reopened.length > 0) {
      // The write callback runs synchronously, so the entries it adds are in before record() below.
      room
        .writeAsServer((doc) => {
          for (const card of reopened) {
            const result = updateCard(doc, card.id, { status: 'proposed' }, actor.id, SERVER_ORIGIN, at)
            if (!result.ok) {
              logger.warn('could not re-propose a changed approved card', {
                boardId: room.boardId,
                cardId: card.id,
                error: result.error,
              })
              continue
            }
            newRound.push(card.id)
            entries.push({
              cardId: card.id,
              cardTitle: card.title,
              action: { kind: 'status', from: 'approved', to: 'proposed' },
            })
          }
          for (const cardId of newRound) {
            writeApprovalRound(
              doc,
              {
                cardId,
                round: (currentRound(doc, cardId)?.round ?? 0) + 1,
                proposedAt: at.toISOString(),
                proposedBy: actor.id,
              },
              SERVER_ORIGIN,
            )
          }
        })
        .catch((error: unknown) =>
          logger.error('could not write proposal rounds', { boardId: room.boardId, error }),
        )
    }
    void activity.record(room.boardId, actor, entries, at)
  }
}

function currentRound(doc: Parameters<typeof roots>[0], cardId: string) {
  return readApprovalRound(cardId, roots(doc).approvals.get(cardId))
}
