// A card's accessible name. It starts with the title (the a11y contract and e2e tests rely on that),
// then what sighted users read off the card at a glance.

import { type Card, iceScore, type Kpi, type Person } from '@tideboard/shared'
import { approvalSentence, type CardApproval } from '../approvals/cardApprovals'
import type { CardComments } from '../comments/unseenMentions'
import { KIND_LABELS, STATUS_LABELS } from './cardLabels'

export function cardAriaLabel(
  card: Card,
  peopleById: ReadonlyMap<string, Person>,
  kpisById: ReadonlyMap<string, Kpi>,
  parentTitle: string | null = null,
  approval: CardApproval | null = null,
  comments: CardComments | null = null,
): string {
  const parts = [card.title || 'Untitled card', KIND_LABELS[card.kind], STATUS_LABELS[card.status]]
  if (parentTitle !== null) parts.push(`part of ${parentTitle}`)
  const ice = card.kind === 'hypothesis' ? iceScore(card.hypothesis) : null
  if (ice !== null) parts.push(`ICE ${ice}`)
  const owners = Object.entries(card.owners).flatMap(([fn, id]) => {
    const person = peopleById.get(id)
    return person ? [`${person.name} (${fn})`] : []
  })
  if (owners.length > 0) parts.push(`owners ${owners.join(', ')}`)
  const kpis = card.kpiIds.flatMap((id) => kpisById.get(id)?.name ?? [])
  if (kpis.length > 0) parts.push(`KPIs ${kpis.join(', ')}`)
  if (approval) parts.push(approvalSentence(approval))
  if (comments) parts.push(commentSentence(comments))
  return parts.join(', ')
}

export function commentSentence({ count, unseenMentions }: CardComments): string {
  const said = `${count} ${count === 1 ? 'comment' : 'comments'}`
  if (unseenMentions === 0) return said
  return `${said}, ${unseenMentions === 1 ? 'a new mention' : `${unseenMentions} new mentions`} of you`
}
