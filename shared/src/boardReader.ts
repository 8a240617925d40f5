// A board read from its Y.Doc like readBoard, then read again after each change only where the change
// landed: the cards a transaction touched (found from its changed types) and, whole, the small roots
// it touched. For the client, which reads the board after every update: a full read of a 2,000-card
// board was most of a drop's long task. read() equals readBoard(doc) (boardReader.test.ts compares
// them over random edits, repairs included); what did not change keeps its identity, so the result
// is shared with later reads and must not be mutated.

import * as Y from 'yjs'
import {
  type Board,
  type BoardMeta,
  type CardContext,
  cardContext,
  checkNorthStar,
  readComments,
  readDecisions,
  readKpis,
  readMembers,
  readMeta,
  readPeople,
  readRounds,
  readStages,
  repairCard,
} from './board.js'
import { compareOrdered } from './ordering.js'
import { type Card, readCard } from './records/card.js'
import { newRepairs, note, type Repairs, readRecord } from './records/read.js'
import type { Stage } from './records/stage.js'
import { type BoardRoots, roots } from './schema.js'

export interface BoardReader {
  /** The board now; the same object as last time when nothing changed since. */
  read(): Board
  destroy(): void
}

type RootName = keyof BoardRoots

interface Section<T> {
  value: T
  notes: readonly string[]
}

function section<T>(read: (repairs: Repairs) => T): Section<T> {
  const repairs = newRepairs()
  const value = read(repairs)
  return { value, notes: repairs.notes }
}

/** A card as readCard gives it (before its references are checked), or as shown (after). */
interface NotedCard {
  card: Card
  notes: readonly string[]
}

/** What cards' references are checked against; when it changes, every card is checked again. */
interface References {
  firstStage: Stage
  stageIds: ReadonlySet<string>
  personIds: ReadonlySet<string>
  kpiIds: ReadonlySet<string>
}

const sameSet = (a: ReadonlySet<string>, b: ReadonlySet<string>) =>
  a.size === b.size && [...a].every((x) => b.has(x))

// biome-ignore lint/suspicious/noExplicitAny: Yjs types its shared types by their event type
type Shared = Y.AbstractType<any>

/** The root a changed type lives under, and the key of the record it belongs to (null: the root). */
function locate(type: Shared): { root: Shared; key: string | null } {
  let t = type
  let key: string | null = null
  while (t._item !== null) {
    const parent = t._item.parent as Shared
    if (parent._item === null) key = t._item.parentSub
    t = parent
  }
  return { root: t, key }
}

export function createBoardReader(doc: Y.Doc): BoardReader {
  const r = roots(doc)
  const rootNames = new Map<Shared, RootName>(
    (Object.entries(r) as [RootName, Y.Map<unknown>][]).map(([name, map]) => [map, name]),
  )

  // What changed since the last read.
  let everything = true
  const dirtyRoots = new Set<RootName>()
  const dirtyCards = new Set<string>()
  let cardKeysChanged = false

  const onAfterTransaction = (tr: Y.Transaction) => {
    for (const [type, keys] of tr.changed) {
      const { root, key } = locate(type)
      const name = rootNames.get(root)
      if (name === undefined) continue
      if (name !== 'cards') dirtyRoots.add(name)
      else if (root === type) {
        cardKeysChanged = true
        for (const k of keys) if (k !== null) dirtyCards.add(k)
      } else if (key !== null) dirtyCards.add(key)
    }
  }
  doc.on('afterTransaction', onAfterTransaction)

  let meta!: Section<BoardMeta>
  let stages!: Section<Board['stages']>
  let people!: Section<Board['people']>
  let kpis!: Section<Board['kpis']>
  let comments!: Section<Board['comments']>
  let members!: Section<Board['members']>
  let decisions!: Section<Board['decisions']>
  let rounds!: Section<Board['rounds']>
  let checkedMeta!: Section<BoardMeta>
  let context: CardContext | null = null
  let references: References | null = null

  // Cards by id: as read, and as shown; card ids in id order (the order of their repair notes);
  // notes on root entries that are not records, in the order the root holds them.
  const readCards = new Map<string, NotedCard>()
  const shownCards = new Map<string, NotedCard>()
  let cardIds: string[] = []
  let entryNotes: string[] = []
  const idsInStage = new Map<string, Set<string>>()
  // The cards whose reading, or checking, noted a repair.
  const notedRead = new Set<string>()
  const notedShown = new Set<string>()

  let board: Board | null = null
  const kindOf = (id: string) => readCards.get(id)?.card.kind

  function rescanCardKeys(): void {
    const repairs = newRepairs()
    const ids: string[] = []
    r.cards.forEach((value, id) => {
      if (value instanceof Y.Map) ids.push(id)
      else note(repairs, `card ${id}`, 'not a record; skipped')
    })
    cardIds = ids.sort()
    entryNotes = repairs.notes
  }

  function read(): Board {
    const changed = (name: RootName) => everything || dirtyRoots.has(name)
    if (board && !cardKeysChanged && dirtyCards.size === 0 && dirtyRoots.size === 0) return board
    const prev = board
    const all = everything
    const toRead = all ? null : new Set(dirtyCards)
    const keysChanged = all || cardKeysChanged
    const stagesChanged = changed('stages')

    if (changed('meta')) meta = section((rp) => readMeta(doc, rp))
    if (stagesChanged) stages = section((rp) => readStages(doc, rp))
    if (changed('people')) people = section((rp) => readPeople(r, rp))
    if (changed('kpis')) kpis = section((rp) => readKpis(r, rp))
    if (changed('meta') || changed('kpis')) {
      const kpiIds = new Set(kpis.value.map((k) => k.id))
      checkedMeta = section((rp) => checkNorthStar(meta.value, kpiIds, rp))
    }
    if (changed('comments')) comments = section((rp) => readComments(r, rp))
    if (changed('members')) members = section((rp) => readMembers(r, rp))
    if (changed('decisions')) decisions = section((rp) => readDecisions(r, rp))
    if (changed('approvals')) rounds = section((rp) => readRounds(r, rp))
    everything = false
    dirtyRoots.clear()
    dirtyCards.clear()
    cardKeysChanged = false

    // The cards whose stored record changed, read again; a changed kind can change other cards' parents.
    if (keysChanged) rescanCardKeys()
    const kindChanged = new Set<string>()
    for (const id of toRead ?? cardIds) {
      const before = readCards.get(id)
      const raw = r.cards.get(id)
      if (!(raw instanceof Y.Map)) {
        if (before) kindChanged.add(id)
        readCards.delete(id)
        notedRead.delete(id)
        continue
      }
      const repairs = newRepairs()
      const card = readCard(id, readRecord(raw, `card ${id}`, repairs), repairs)
      if (before?.card.kind !== card.kind) kindChanged.add(id)
      readCards.set(id, { card, notes: repairs.notes })
      if (repairs.notes.length > 0) notedRead.add(id)
      else notedRead.delete(id)
    }

    // The cards whose references are checked again: all when what they refer to changed, else the
    // cards read again and the children of cards whose kind changed.
    const refs: References = {
      firstStage: stages.value[0]!,
      stageIds: new Set(stages.value.map((s) => s.id)),
      personIds: new Set(people.value.map((p) => p.id)),
      kpiIds: new Set(kpis.value.map((k) => k.id)),
    }
    const contextChanged =
      context === null ||
      references === null ||
      refs.firstStage !== references.firstStage ||
      !sameSet(refs.stageIds, references.stageIds) ||
      !sameSet(refs.personIds, references.personIds) ||
      !sameSet(refs.kpiIds, references.kpiIds)
    const ctx =
      contextChanged || context === null
        ? cardContext(stages.value, people.value, kpis.value, kindOf)
        : context
    context = ctx
    references = refs
    let toCheck: Iterable<string>
    if (contextChanged || toRead === null) {
      toCheck = new Set([...shownCards.keys(), ...readCards.keys()])
    } else {
      const ids = new Set(toRead)
      if (kindChanged.size > 0) {
        for (const [id, { card }] of readCards)
          if (card.parentId !== null && kindChanged.has(card.parentId)) ids.add(id)
      }
      toCheck = ids
    }

    const touchedStages = new Set<string>()
    const leave = (card: Card) => {
      idsInStage.get(card.stageId)?.delete(card.id)
      touchedStages.add(card.stageId)
    }
    for (const id of toCheck) {
      const before = shownCards.get(id)
      const stored = readCards.get(id)
      if (!stored) {
        if (before) leave(before.card)
        shownCards.delete(id)
        notedShown.delete(id)
        continue
      }
      const repairs = newRepairs()
      const copy: Card = { ...stored.card, owners: { ...stored.card.owners } }
      repairCard(copy, ctx, repairs)
      const card = repairs.notes.length === 0 ? stored.card : copy
      shownCards.set(id, { card, notes: repairs.notes })
      if (repairs.notes.length > 0) notedShown.add(id)
      else notedShown.delete(id)
      if (before?.card === card) continue
      if (before) leave(before.card)
      let inStage = idsInStage.get(card.stageId)
      if (!inStage) {
        inStage = new Set()
        idsInStage.set(card.stageId, inStage)
      }
      inStage.add(id)
      touchedStages.add(card.stageId)
    }

    // Stage lists, rebuilt where a card came, went or changed; the display order follows them.
    let cardsByStage = prev?.cardsByStage
    let cards = prev?.cards
    if (!prev || stagesChanged || touchedStages.size > 0) {
      const lists: Record<string, Card[]> = Object.fromEntries(
        stages.value.map((s) => {
          const kept = prev && Object.hasOwn(prev.cardsByStage, s.id) ? prev.cardsByStage[s.id] : undefined
          if (kept && !touchedStages.has(s.id)) return [s.id, kept]
          const list = [...(idsInStage.get(s.id) ?? [])].map((id) => shownCards.get(id)!.card)
          return [s.id, list.sort(compareOrdered)]
        }),
      )
      const same =
        prev !== null &&
        stages.value.length === prev.stages.length &&
        stages.value.every((s, i) => prev.stages[i]?.id === s.id && lists[s.id] === prev.cardsByStage[s.id])
      if (!same) {
        cardsByStage = lists
        cards = stages.value.flatMap((s) => lists[s.id]!)
      }
    }

    const repairs = [
      ...meta.notes,
      ...stages.notes,
      ...people.notes,
      ...kpis.notes,
      ...checkedMeta.notes,
      ...entryNotes,
    ]
    // Most boards have no notes on any card: walking 2,000 ids twice for nothing is skipped.
    if (notedRead.size > 0)
      for (const id of cardIds) if (notedRead.has(id)) repairs.push(...readCards.get(id)!.notes)
    if (notedShown.size > 0)
      for (const id of cardIds) if (notedShown.has(id)) repairs.push(...shownCards.get(id)!.notes)
    repairs.push(...comments.notes, ...members.notes, ...decisions.notes, ...rounds.notes)
    const sameRepairs =
      prev !== null &&
      repairs.length === prev.repairs.length &&
      repairs.every((n, i) => n === prev.repairs[i])

    board = {
      meta: checkedMeta.value,
      stages: stages.value,
      cards: cards!,
      cardsByStage: cardsByStage!,
      people: people.value,
      kpis: kpis.value,
      comments: comments.value,
      members: members.value,
      decisions: decisions.value,
      rounds: rounds.value,
      repairs: sameRepairs ? prev.repairs : repairs,
    }
    return board
  }

  return {
    read,
    destroy: () => doc.off('afterTransaction', onAfterTransaction),
  }
}
