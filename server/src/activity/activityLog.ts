// The board's activity feed: who changed which card, attributed to the identity of the connection or
// REST caller that did it (never to a name found in the document). A burst of edits to one card by one
// person within a minute is one entry, so typing does not flood the feed.
//
// Typing arrives as one update per keystroke or two, and each would rewrite that entry (and its three
// indexes). So the feed keeps each card's latest entry in memory while it can still be merged into: a
// merge changes the copy, and the changed copies are written together a moment later (FLUSH_MS), before
// any read of the feed, and on shutdown. A crash can cost at most the last moment's merge of fields
// and time into an entry that is already stored; never an entry.

import { describeAction } from '@tideboard/shared'
import { KeyedQueue } from '../keyedQueue.js'
import type { Logger } from '../log.js'
import type { ActivityQuery, ActivityRecord, FeedAction, Storage } from '../storage/storage.js'

export const COALESCE_MS = 60_000
/** How long a merge into a stored entry may wait before it is written. */
export const FLUSH_MS = 1_000

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

function merge(latest: Latest, last: HeldEdit, cardTitle: string, fields: readonly string[], at: Date): void {
  last.at = at
  last.cardTitle = cardTitle
  // Usually the same fields again (typing into one): then the list stays as it is.
  if (!fields.every((field) => last.fields.includes(field))) last.fields = union(last.fields, fields)
  latest.dirty = true
}

/** A stored edit entry, as merges have changed it. */
interface HeldEdit {
  id: number
  actorId: string
  at: Date
  cardTitle: string
  fields: string[]
}

/** A card's latest feed entry as this process knows it; only an edit can be merged into. */
interface Latest {
  boardId: string
  /** The stored entry, or null when the latest is not an edit (nothing to merge into). */
  edit: HeldEdit | null
  /** The copy holds a merge not written yet. */
  dirty: boolean
  /** When this process last used it (Date.now()), to forget cards nobody edits any more. */
  usedAt: number
}

export class ActivityLog {
  private readonly queue = new KeyedQueue()
  /** By board and card: the entry the next edit may be merged into. */
  private readonly latest = new Map<string, Latest>()
  private flushTimer: NodeJS.Timeout | null = null
  private flushing: Promise<void> = Promise.resolve()

  constructor(
    private readonly storage: Storage,
    private readonly logger: Logger,
    private readonly coalesceMs = COALESCE_MS,
    private readonly flushMs = FLUSH_MS,
  ) {}

  /** Appends entries in order (per board, calls are serialised); never rejects: failures are logged. */
  record(boardId: string, actor: Actor, entries: readonly FeedEntry[], at: Date = new Date()): Promise<void> {
    if (entries.length === 0) return Promise.resolve()
    // Typing: one edit merged into the card's held entry, with nothing queued for the board. Done here
    // and now, it is what the queued recordOne would do, without its promises.
    if (entries.length === 1 && this.queue.idle(boardId) && this.mergeHeld(boardId, actor, entries[0]!, at))
      return Promise.resolve()
    return this.queue
      .run(boardId, async () => {
        for (const entry of entries) await this.recordOne(boardId, actor, entry, at)
      })
      .catch((error: unknown) => this.logger.error('could not record activity', { boardId, error }))
  }

  /** The feed as stored, after what was recorded before the call (merges included) is written. */
  list(boardId: string, query: ActivityQuery): Promise<ActivityRecord[]> {
    return this.queue.run(boardId, async () => {
      await this.flush()
      return this.storage.listActivity(boardId, query)
    })
  }

  /** Writes every merge still held in memory; resolves once they are stored (or failed and logged). */
  flush(): Promise<void> {
    if (this.flushTimer) {
      clearTimeout(this.flushTimer)
      this.flushTimer = null
    }
    const writes: Promise<void>[] = []
    const now = Date.now()
    for (const [key, latest] of this.latest) {
      const edit = latest.edit
      if (latest.dirty && edit) {
        latest.dirty = false
        writes.push(
          this.write(edit).catch((error: unknown) =>
            this.logger.error('could not record activity', { boardId: latest.boardId, error }),
          ),
        )
      } else if (now - latest.usedAt > this.coalesceMs) {
        this.latest.delete(key)
      }
    }
    this.flushing = Promise.all([this.flushing, ...writes]).then(() => undefined)
    if (this.latest.size > 0) this.scheduleFlush()
    return this.flushing
  }

  private write(edit: HeldEdit): Promise<void> {
    return this.storage.updateActivity(edit.id, {
      at: edit.at.toISOString(),
      cardTitle: edit.cardTitle,
      action: { kind: 'edited', fields: [...edit.fields] },
    })
  }

  private scheduleFlush(): void {
    if (this.flushTimer) return
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null
      void this.flush()
    }, this.flushMs)
    this.flushTimer.unref()
  }

  private async latestOf(boardId: string, cardId: string): Promise<Latest> {
    const key = `${boardId}\u0000${cardId}`
    let latest = this.latest.get(key)
    if (!latest) {
      const last = await this.storage.latestActivity(boardId, cardId)
      latest = this.latest.get(key) ?? {
        boardId,
        edit:
          last?.action.kind === 'edited'
            ? {
                id: last.id,
                actorId: last.actorId,
                at: new Date(last.at),
                cardTitle: last.cardTitle,
                fields: [...last.action.fields],
              }
            : null,
        dirty: false,
        usedAt: 0,
      }
      this.latest.set(key, latest)
      this.scheduleFlush()
    }
    latest.usedAt = Date.now()
    return latest
  }

  /** Merges `entry` into its card's held edit when it can be (see recordOne); false when not. */
  private mergeHeld(boardId: string, actor: Actor, entry: FeedEntry, at: Date): boolean {
    if (entry.action.kind !== 'edited') return false
    const latest = this.latest.get(`${boardId}\u0000${entry.cardId}`)
    const last = latest?.edit
    if (!latest || !last || !this.merges(last, actor, at)) return false
    latest.usedAt = Date.now()
    merge(latest, last, entry.cardTitle, entry.action.fields, at)
    return true
  }

  private merges(last: HeldEdit, actor: Actor, at: Date): boolean {
    return last.actorId === actor.id && at.getTime() - last.at.getTime() <= this.coalesceMs
  }

  private async recordOne(boardId: string, actor: Actor, entry: FeedEntry, at: Date): Promise<void> {
    const latest = await this.latestOf(boardId, entry.cardId)
    const last = latest.edit
    if (entry.action.kind === 'edited' && last && this.merges(last, actor, at)) {
      merge(latest, last, entry.cardTitle, entry.action.fields, at)
      return
    }
    // A new entry follows: the merge held for the one before it is written first (rare: another
    // person, a move, or a pause of over a minute).
    if (latest.dirty && last) {
      latest.dirty = false
      await this.write(last)
    }
    const id = await this.storage.addActivity({
      boardId,
      at: at.toISOString(),
      actorId: actor.id,
      actorName: actor.name,
      cardId: entry.cardId,
      cardTitle: entry.cardTitle,
      action: entry.action,
    })
    latest.edit =
      entry.action.kind === 'edited'
        ? { id, actorId: actor.id, at, cardTitle: entry.cardTitle, fields: [...entry.action.fields] }
        : null
    latest.dirty = false
  }
}
