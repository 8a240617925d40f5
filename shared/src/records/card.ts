// A card on the board: an initiative, or a hypothesis (an experiment) with its plan.
// Position is one value { stageId, order } so a card can never be half-moved by concurrent edits.

import { readRichText } from '../richText.js'
import { emptyPlan, type HypothesisPlan, readHypothesisPlan } from './hypothesis.js'
import { compareFunctions } from './person.js'
import {
  newRepairs,
  note,
  type Repairs,
  readEnum,
  readNullableString,
  readRecord,
  readString,
  readStringList,
} from './read.js'

export const CARD_KINDS = ['initiative', 'hypothesis'] as const
export type CardKind = (typeof CARD_KINDS)[number]

export const CARD_STATUSES = [
  'idea',
  'proposed',
  'approved',
  'declined',
  'running',
  'done',
  'archived',
] as const
export type CardStatus = (typeof CARD_STATUSES)[number]

export const MAX_TITLE_LENGTH = 200

export interface CardPosition {
  stageId: string
  order: string
}

export interface Card {
  id: string
  kind: CardKind
  title: string
  /** Plain text of the rich-text description (a Y.XmlFragment in the document). */
  description: string
  stageId: string
  order: string
  status: CardStatus
  /** Lead owner per function: function name → person id. */
  owners: Record<string, string>
  kpiIds: string[]
  tags: string[]
  /** Functions asked to sign off in addition to the owners' functions. */
  extraFunctions: string[]
  parentId: string | null
  hypothesis: HypothesisPlan | null
  createdBy: string | null
  createdAt: string | null
  updatedBy: string | null
  updatedAt: string | null
}

/**
 * Reads a stored position. Shared with the ops that compute order keys, so that they place cards
 * among exactly the neighbours readBoard shows. A missing or broken stage id reads as ''.
 */
export function readPosition(value: unknown, path: string, repairs: Repairs = newRepairs()): CardPosition {
  if (value === undefined) note(repairs, path, 'missing; card shown in the first stage')
  const position = readRecord(value, path, repairs)
  return {
    stageId: readString(position.stageId, '', `${path}.stageId`, repairs),
    order: readString(position.order, '', `${path}.order`, repairs),
  }
}

/**
 * Reads one card. Stage membership is checked by the caller (readBoard), which knows the stages;
 * here a missing or broken position yields an empty stageId that the caller repairs.
 */
export function readCard(id: string, raw: Record<string, unknown>, repairs: Repairs = newRepairs()): Card {
  const path = `card ${id}`
  const kind = readEnum(raw.kind, CARD_KINDS, 'initiative', `${path}.kind`, repairs)
  const position = readPosition(raw.position, `${path}.position`, repairs)
  const title = readTitle(raw.title, `${path}.title`, repairs)
  const ownersRaw = readRecord(raw.owners, `${path}.owners`, repairs)
  const owners: Record<string, string> = {}
  // Map keys come in the order each replica happened to receive them: sort them into one order.
  const ownerEntries = Object.entries(ownersRaw).sort(([a], [b]) => compareFunctions(a, b))
  for (const [fn, personId] of ownerEntries) {
    if (typeof personId === 'string' && personId !== '') owners[fn] = personId
    else note(repairs, `${path}.owners.${fn}`, 'expected a person id; owner dropped')
  }
  return {
    id,
    kind,
    title,
    description: readRichText(raw.description, `${path}.description`, repairs),
    stageId: position.stageId,
    order: position.order,
    status: readEnum(raw.status, CARD_STATUSES, 'idea', `${path}.status`, repairs),
    owners,
    kpiIds: readStringList(raw.kpiIds, `${path}.kpiIds`, repairs),
    tags: readStringList(raw.tags, `${path}.tags`, repairs),
    extraFunctions: readStringList(raw.extraFunctions, `${path}.extraFunctions`, repairs),
    parentId: readNullableString(raw.parentId, `${path}.parentId`, repairs),
    hypothesis: readPlan(kind, raw.hypothesis, `${path}.hypothesis`, repairs),
    createdBy: readNullableString(raw.createdBy, `${path}.createdBy`, repairs),
    createdAt: readNullableString(raw.createdAt, `${path}.createdAt`, repairs),
    updatedBy: readNullableString(raw.updatedBy, `${path}.updatedBy`, repairs),
    updatedAt: readNullableString(raw.updatedAt, `${path}.updatedAt`, repairs),
  }
}

function readTitle(value: unknown, path: string, repairs: Repairs): string {
  const title = readString(value, '', path, repairs)
  if (title.length > MAX_TITLE_LENGTH)
    note(repairs, path, `longer than ${MAX_TITLE_LENGTH} characters; shortened`)
  return title.slice(0, MAX_TITLE_LENGTH)
}

function readPlan(kind: CardKind, value: unknown, path: string, repairs: Repairs): HypothesisPlan | null {
  if (kind !== 'hypothesis') return null
  return value === undefined ? emptyPlan() : readHypothesisPlan(value, path, repairs)
}

/**
 * `card` with one stored field read again from `value`, exactly as readCard reads it, for the fields
 * whose reading needs nothing but the stored value and the card's kind; null for any other field
 * (kind, position, owners, KPI links and parent are checked against the rest of the board, so a
 * change to them needs the whole card read again).
 */
export function withCardField(
  card: Card,
  field: string,
  value: unknown,
  repairs: Repairs = newRepairs(),
): Card | null {
  const path = `card ${card.id}.${field}`
  switch (field) {
    case 'title':
      return { ...card, title: readTitle(value, path, repairs) }
    case 'description':
      return { ...card, description: readRichText(value, path, repairs) }
    case 'status':
      return { ...card, status: readEnum(value, CARD_STATUSES, 'idea', path, repairs) }
    case 'tags':
      return { ...card, tags: readStringList(value, path, repairs) }
    case 'extraFunctions':
      return { ...card, extraFunctions: readStringList(value, path, repairs) }
    case 'hypothesis':
      return { ...card, hypothesis: readPlan(card.kind, value, path, repairs) }
    case 'createdBy':
    case 'createdAt':
    case 'updatedBy':
    case 'updatedAt':
      return { ...card, [field]: readNullableString(value, path, repairs) }
    default:
      return null
  }
}
