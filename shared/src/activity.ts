// What happened to a card between two readings of it, in the words of the activity feed: created,
// moved, edited (which fields), proposed, approved, declined, status changes, deleted. Pure, so the
// server can attribute it to the identity of the connection that sent the update.

import type { Card, CardStatus } from './records/card.js'

export type ActivityAction =
  | { kind: 'created' }
  | { kind: 'deleted' }
  | { kind: 'moved'; fromStageId: string; toStageId: string }
  | { kind: 'reordered'; stageId: string }
  | { kind: 'status'; from: CardStatus; to: CardStatus }
  | { kind: 'edited'; fields: string[] }

const FIELD_LABELS: [keyof Card, string][] = [
  ['title', 'title'],
  ['kind', 'kind'],
  ['description', 'description'],
  ['owners', 'owners'],
  ['kpiIds', 'KPIs'],
  ['tags', 'tags'],
  ['parentId', 'parent initiative'],
  ['extraFunctions', 'sign-offs'],
  ['hypothesis', 'plan'],
]

/** Equal as JSON: strings and lists of strings compared directly (most fields), the rest as JSON. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a === 'string' || typeof b === 'string') return false
  if (Array.isArray(a) && Array.isArray(b) && a.every((v) => typeof v === 'string')) {
    return a.length === b.length && a.every((v, i) => v === b[i])
  }
  return JSON.stringify(a) === JSON.stringify(b)
}

export function describeCardChange(before: Card | null, after: Card | null): ActivityAction[] {
  if (!before && !after) return []
  if (!before) return [{ kind: 'created' }]
  if (!after) return [{ kind: 'deleted' }]
  const actions: ActivityAction[] = []
  if (before.stageId !== after.stageId) {
    actions.push({ kind: 'moved', fromStageId: before.stageId, toStageId: after.stageId })
  } else if (before.order !== after.order) {
    actions.push({ kind: 'reordered', stageId: after.stageId })
  }
  if (before.status !== after.status) actions.push({ kind: 'status', from: before.status, to: after.status })
  const fields = FIELD_LABELS.filter(([key]) => !same(before[key], after[key])).map(([, label]) => label)
  if (fields.length > 0) actions.push({ kind: 'edited', fields })
  return actions
}

/** One line for the feed, e.g. `moved “Quiet period” from Engage to Retain`. */
export function describeAction(
  action: ActivityAction,
  title: string,
  stageName: (id: string) => string,
): string {
  const t = `“${title}”`
  switch (action.kind) {
    case 'created':
      return `created ${t}`
    case 'deleted':
      return `deleted ${t}`
    case 'moved':
      return `moved ${t} from ${stageName(action.fromStageId)} to ${stageName(action.toStageId)}`
    case 'reordered':
      return `reordered ${t} in ${stageName(action.stageId)}`
    case 'status':
      if (action.to === 'proposed') return `proposed ${t}`
      if (action.to === 'approved') return `approved ${t}`
      if (action.to === 'declined') return `declined ${t}`
      return `changed the status of ${t} from ${action.from} to ${action.to}`
    case 'edited':
      return `edited the ${action.fields.join(', ')} of ${t}`
  }
}
