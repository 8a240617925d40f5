// The board's activity feed: who changed which card, attributed to the identity of the connection or
// REST caller that did it (never to a name found in the document). A burst of edits to one card by one
// person within a minute is one entry, so typing does not flood the feed.

import { describeAction } from '@tideboard/shared'
import { KeyedQueue } from '../keyedQueue.js'
import type { Logger } from '../log.js'
import type { ActivityQuery, ActivityRecord, FeedAction, Storage } from '../storage/storage.js'

export const COALESCE_MS = 60_000

export interface Actor {
  id: string
  name: string
}

export interface FeedEntry {
  cardId: string
  cardTitle: string
  action: FeedAction
}

/** One line for the feed, without the actor: `moved “Quiet period” from Engage to Retain`. */
export function feedLine(action: FeedAction, title: string, stageName: (id: string) => string): string {
  if (action.kind === 'restored') return `restored version “${action.versionName}”`
  if (action.kind !== 'decided') return describeAction(action, title, stageName)
  const verb = action.verdict === 'approve' ? 'approved' : 'declined'
  const settled =
    action.outcome === 'approved'
      ? ' (every sign-off is in: approved)'
      : action.outcome === 'declined'
        ? ' (declined)'
        : ''
  return `${verb} “${title}” for ${action.function}${settled}`
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])]
}

export class ActivityLog {
  private readonly queue = new KeyedQueue()

  constructor(
    private readonly storage: Storage,
    private readonly logger: Logger,
    private readonly coalesceMs = COALESCE_MS,
  ) {}

  /** Appends entries in order (per board, calls are serialised); never rejects: failures are logged. */
  record(boardId: string, actor: Actor, entries: readonly FeedEntry[], at: Date = new Date()): Promise<void> {
    if (entries.length === 0) return Promise.resolve()
    return this.queue
      .run(boardId, async () => {
        for (const entry of entries) await this.recordOne(boardId, actor, entry, at)
      })
      .catch((error: unknown) => this.logger.error('could not record activity', { boardId, error }))
  }

  list(boardId: string, query: ActivityQuery): Promise<ActivityRecord[]> {
    return this.storage.listActivity(boardId, query)
  }

  private async recordOne(boardId: string, actor: Actor, entry: FeedEntry, at: Date): Promise<void> {
    const iso = at.toISOString()
    if (entry.action.kind === 'edited') {
      const last = await this.storage.latestActivity(boardId, entry.cardId)
      if (
        last &&
        last.actorId === actor.id &&
        last.action.kind === 'edited' &&
        at.getTime() - Date.parse(last.at) <= this.coalesceMs
      ) {
        await this.storage.updateActivity(last.id, {
          at: iso,
          cardTitle: entry.cardTitle,
          action: { kind: 'edited', fields: union(last.action.fields, entry.action.fields) },
        })
        return
      }
    }
    await this.storage.addActivity({
      boardId,
      at: iso,
      actorId: actor.id,
      actorName: actor.name,
      cardId: entry.cardId,
      cardTitle: entry.cardTitle,
      action: entry.action,
    })
  }
}
