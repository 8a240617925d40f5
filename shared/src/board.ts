// A typed, validated view of a whole board read from its Y.Doc. Whatever other clients or older
// versions wrote, this never throws: bad entries are repaired or skipped and each repair is noted.

import * as Y from 'yjs'
import type { Touch } from './guard.js'
import { compareOrdered, keysInOrder } from './ordering.js'
import { type Card, readCard, withCardField } from './records/card.js'
import { type Comment, readComment } from './records/comment.js'
import {
  type ApprovalRound,
  type DecisionRecord,
  readApprovalRound,
  readDecision,
} from './records/decision.js'
import { type Kpi, readKpi } from './records/kpi.js'
import { type Member, readMember } from './records/member.js'
import { type Person, readPerson } from './records/person.js'
import { PHASES, type Phase } from './records/phase.js'
import {
  newRepairs,
  note,
  type Repairs,
  readNullableString,
  readRecord,
  readString,
  show,
} from './records/read.js'
import { DEFAULT_STAGES, readStage, type Stage } from './records/stage.js'
import { type BoardRoots, roots, schemaVersionOf } from './schema.js'

export interface BoardMeta {
  title: string
  description: string
  northStarKpiId: string | null
  schemaVersion: number
}

export interface Board {
  meta: BoardMeta
  /** Stages in board order: by phase (Get, Keep, Grow), then by their order key. */
  stages: Stage[]
  /** Every card exactly once, in display order: by stage, then by position in the stage. */
  cards: Card[]
  cardsByStage: Record<string, Card[]>
  people: Person[]
  kpis: Kpi[]
  /** Comments on cards, oldest first. */
  comments: Comment[]
  /** Who joined the board (written by the server). */
  members: Member[]
  /** Leaders' decisions, oldest first (written by the server). */
  decisions: DecisionRecord[]
  /** Each card's current proposal round, by card id (written by the server). */
  rounds: Record<string, ApprovalRound>
  /** Notes on what was repaired while reading, for logs and diagnostics. */
  repairs: string[]
}

/** The records of a root map, by id. Only Y.Map entries are records: the ops edit nothing else. */
export function entries(
  map: Y.Map<unknown>,
  path: string,
  repairs: Repairs,
): [string, Record<string, unknown>][] {
  const out: [string, Record<string, unknown>][] = []
  map.forEach((value, id) => {
    if (!(value instanceof Y.Map)) {
      note(repairs, `${path} ${id}`, 'not a record; skipped')
      return
    }
    out.push([id, readRecord(value, `${path} ${id}`, repairs)])
  })
  return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
}

/** The stages a board shows, in board order; never empty. The ops use it to accept target stages. */
export function readStages(doc: Y.Doc, repairs: Repairs = newRepairs()): Stage[] {
  const stages: Stage[] = []
  for (const [id, raw] of entries(roots(doc).stages, 'stage', repairs)) {
    const stage = readStage(id, raw, repairs)
    if (stage) stages.push(stage)
  }
  if (stages.length === 0) {
    // A board without stages cannot show its cards; show the default funnel instead.
    note(repairs, 'stages', 'no readable stages; showing the default funnel')
    for (const phase of PHASES) {
      const inPhase = DEFAULT_STAGES.filter((s) => s.phase === phase)
      const keys = keysInOrder(inPhase.length)
      inPhase.forEach((s, i) => {
        stages.push({ ...s, order: keys[i] ?? 'a0' })
      })
    }
  }
  const phaseIndex = (p: Phase) => PHASES.indexOf(p)
  return stages.sort((a, b) => phaseIndex(a.phase) - phaseIndex(b.phase) || compareOrdered(a, b))
}

/** Breaks KPI parent links that dangle or form a cycle, so the KPI tree is always a tree. */
function repairKpiTree(kpis: Kpi[], repairs: Repairs): void {
  const byId = new Map(kpis.map((k) => [k.id, k]))
  for (const kpi of kpis) {
    if (kpi.parentId !== null && !byId.has(kpi.parentId)) {
      note(repairs, `kpi ${kpi.id}.parentId`, `unknown KPI ${kpi.parentId}; made a root`)
      kpi.parentId = null
    }
  }
  for (const kpi of kpis) {
    const seen = new Set<string>([kpi.id])
    let current = kpi.parentId === null ? undefined : byId.get(kpi.parentId)
    while (current) {
      if (seen.has(current.id)) {
        note(repairs, `kpi ${current.id}.parentId`, 'KPI parents form a cycle; link broken')
        current.parentId = null
        break
      }
      seen.add(current.id)
      current = current.parentId === null ? undefined : byId.get(current.parentId)
    }
  }
}

export function readBoard(doc: Y.Doc): Board {
  const repairs = newRepairs()
  const r = roots(doc)
  const rawMeta = readMeta(doc, repairs)
  const stages = readStages(doc, repairs)
  const people = readPeople(r, repairs)
  const kpis = readKpis(r, repairs)
  const meta = checkNorthStar(rawMeta, new Set(kpis.map((k) => k.id)), repairs)

  const rawCards = entries(r.cards, 'card', repairs).map(([id, raw]) => readCard(id, raw, repairs))
  const cardKinds = new Map(rawCards.map((c) => [c.id, c.kind]))
  // fromEntries defines own properties, so even a stage id like "__proto__" gets its own list.
  const cardsByStage: Record<string, Card[]> = Object.fromEntries(stages.map((s) => [s.id, []]))
  const context = cardContext(stages, people, kpis, (id) => cardKinds.get(id))
  for (const card of rawCards) {
    repairCard(card, context, repairs)
    cardsByStage[card.stageId]!.push(card)
  }
  const cards: Card[] = []
  for (const s of stages) {
    const list = cardsByStage[s.id]!.sort(compareOrdered)
    cards.push(...list)
  }

  return {
    meta,
    stages,
    cards,
    cardsByStage,
    people,
    kpis,
    comments: readComments(r, repairs),
    members: readMembers(r, repairs),
    decisions: readDecisions(r, repairs),
    rounds: readRounds(r, repairs),
    repairs: repairs.notes,
  }
}

// The parts of a board, each read on its own, in the order readBoard reads them (repair notes follow
// that order). The incremental reader (boardReader.ts) reads each again only when its root changed.

/** The board's title, description and North Star as stored (the North Star is checked later). */
export function readMeta(doc: Y.Doc, repairs: Repairs): BoardMeta {
  const { meta } = roots(doc)
  return {
    title: readString(meta.get('title'), 'Untitled board', 'meta.title', repairs).trim() || 'Untitled board',
    description: readString(meta.get('description'), '', 'meta.description', repairs),
    northStarKpiId: readNullableString(meta.get('northStarKpiId'), 'meta.northStarKpiId', repairs),
    schemaVersion: schemaVersionOf(doc),
  }
}

export function readPeople(r: BoardRoots, repairs: Repairs): Person[] {
  return entries(r.people, 'person', repairs).map(([id, raw]) => readPerson(id, raw, repairs))
}

export function readKpis(r: BoardRoots, repairs: Repairs): Kpi[] {
  const kpis = entries(r.kpis, 'kpi', repairs).map(([id, raw]) => readKpi(id, raw, repairs))
  repairKpiTree(kpis, repairs)
  return kpis
}

/** `meta`, or a copy without its North Star when that KPI is not on the board. */
export function checkNorthStar(meta: BoardMeta, kpiIds: ReadonlySet<string>, repairs: Repairs): BoardMeta {
  if (meta.northStarKpiId === null || kpiIds.has(meta.northStarKpiId)) return meta
  note(repairs, 'meta.northStarKpiId', `unknown KPI ${meta.northStarKpiId}`)
  return { ...meta, northStarKpiId: null }
}

export function readComments(r: BoardRoots, repairs: Repairs): Comment[] {
  const comments: Comment[] = []
  r.comments.forEach((raw, id) => {
    const c = readComment(id, raw, repairs)
    if (c) comments.push(c)
  })
  return comments.sort((a, b) =>
    a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1,
  )
}

export function readMembers(r: BoardRoots, repairs: Repairs): Member[] {
  const members: Member[] = []
  r.members.forEach((raw, id) => {
    const m = readMember(id, raw, repairs)
    if (m) members.push(m)
  })
  return members.sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1))
}

export function readDecisions(r: BoardRoots, repairs: Repairs): DecisionRecord[] {
  const decisions: DecisionRecord[] = []
  r.decisions.forEach((raw, id) => {
    const d = readDecision(id, raw, repairs)
    if (d) decisions.push(d)
  })
  return decisions.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1))
}

export function readRounds(r: BoardRoots, repairs: Repairs): Record<string, ApprovalRound> {
  const rounds: Record<string, ApprovalRound> = Object.create(null)
  r.approvals.forEach((raw, cardId) => {
    const round = readApprovalRound(cardId, raw, repairs)
    if (round) rounds[cardId] = round
  })
  return rounds
}

/** What a card's references are checked against. */
export interface CardContext {
  hasStage: (stageId: string) => boolean
  firstStage: () => Stage
  hasPerson: (personId: string) => boolean
  hasKpi: (kpiId: string) => boolean
  kindOf: (cardId: string) => string | undefined
}

/** The context of a whole board's read: its stages, people and KPIs. */
export function cardContext(
  stages: Stage[],
  people: readonly { id: string }[],
  kpis: readonly { id: string }[],
  kindOf: (cardId: string) => string | undefined,
): CardContext {
  const stageIds = new Set(stages.map((s) => s.id))
  const personIds = new Set(people.map((p) => p.id))
  const kpiIds = new Set(kpis.map((k) => k.id))
  const firstStage = stages[0]!
  return {
    hasStage: (id) => stageIds.has(id),
    firstStage: () => firstStage,
    hasPerson: (id) => personIds.has(id),
    hasKpi: (id) => kpiIds.has(id),
    kindOf,
  }
}

/**
 * Repairs a card's references in place: unknown stage, owners, KPI links and parent. Every change
 * comes with a note, so a card without notes is unchanged.
 */
export function repairCard(card: Card, ctx: CardContext, repairs: Repairs): void {
  if (!ctx.hasStage(card.stageId)) {
    const first = ctx.firstStage()
    note(
      repairs,
      `card ${card.id}.position.stageId`,
      `unknown stage ${show(card.stageId)}; shown in ${first.name}`,
    )
    card.stageId = first.id
  }
  for (const [fn, personId] of Object.entries(card.owners)) {
    if (!ctx.hasPerson(personId)) {
      note(repairs, `card ${card.id}.owners.${fn}`, `unknown person ${personId}; owner dropped`)
      delete card.owners[fn]
    }
  }
  const linked = card.kpiIds.filter((k) => ctx.hasKpi(k))
  if (linked.length !== card.kpiIds.length) {
    note(repairs, `card ${card.id}.kpiIds`, 'dropped links to unknown KPIs')
    card.kpiIds = linked
  }
  if (card.parentId !== null && (card.parentId === card.id || ctx.kindOf(card.parentId) !== 'initiative')) {
    note(repairs, `card ${card.id}.parentId`, `parent ${card.parentId} is not an initiative on this board`)
    card.parentId = null
  }
}

/**
 * Some cards, read and repaired exactly as readBoard reads them, at a cost that does not grow with
 * the board: for the server, which looks at the cards each incoming update touches.
 */
export function readCardsById(doc: Y.Doc, ids: Iterable<string>): Map<string, Card> {
  const repairs = newRepairs()
  const r = roots(doc)
  // Every stage, read only when a card's own stage is not a readable one (then the answer may be a
  // default stage, or the first stage is needed for the repair).
  let stages: Stage[] | null = null
  const allStages = () => {
    stages ??= readStages(doc, repairs)
    return stages
  }
  const seen = new Set<string>()
  // readBoard's people and KPIs are every Y.Map entry of their roots, so a lookup answers the same.
  const ctx: CardContext = {
    hasStage: (id) => {
      const raw = r.stages.get(id)
      // A readable stage of its own: then the board has readable stages, so no default funnel.
      if (raw instanceof Y.Map && readStage(id, readRecord(raw, `stage ${id}`, repairs), repairs)) return true
      return allStages().some((s) => s.id === id)
    },
    firstStage: () => allStages()[0]!,
    hasPerson: (id) => r.people.get(id) instanceof Y.Map,
    hasKpi: (id) => r.kpis.get(id) instanceof Y.Map,
    kindOf: (id) => {
      const other = r.cards.get(id)
      if (!(other instanceof Y.Map)) return undefined
      const kind = other.get('kind')
      return kind === 'hypothesis' ? 'hypothesis' : 'initiative'
    },
  }
  const out = new Map<string, Card>()
  for (const id of ids) {
    if (seen.has(id)) continue
    seen.add(id)
    const raw = r.cards.get(id)
    if (!(raw instanceof Y.Map)) continue
    const card = readCard(id, readRecord(raw, `card ${id}`, repairs), repairs)
    repairCard(card, ctx, repairs)
    out.set(id, card)
  }
  return out
}

/**
 * What readCardsById(doc, ids) answers after an update whose `touches` (its places, from
 * touchesOfUpdate) all sit in fields of cards read in `before` (readCardsById before the update, same
 * ids): those cards with only the touched fields read again. Null when a touch is anywhere else or in
 * a field whose reading depends on the rest of the board; then the caller reads the cards in full.
 */
export function rereadCards(
  doc: Y.Doc,
  before: ReadonlyMap<string, Card>,
  touches: readonly Touch[],
): Map<string, Card> | null {
  const cards = roots(doc).cards
  const after = new Map(before)
  for (const t of touches) {
    if (t.root !== 'cards' || t.key === null || t.field === null) return null
    const card = after.get(t.key)
    const raw = cards.get(t.key)
    if (card === undefined || !(raw instanceof Y.Map)) return null
    const next = withCardField(card, t.field, raw.get(t.field))
    if (next === null) return null
    after.set(t.key, next)
  }
  return after
}
