// The `tideboard/board@1` file format (SPEC.md): export of a board read from its document, and
// import of a validated file into an empty document. Ids of stages, cards, people and KPIs are kept:
// they are scoped to one board, so export → import → export gives the same JSON apart from the board id.
// Rich-text fields (card descriptions, hypothesis text) travel as plain text, one line per block.

import * as Y from 'yjs'
import { z } from 'zod'
import type { Board } from './board.js'
import { SCHEMA_VERSION } from './migrations.js'
import { keysInOrder } from './ordering.js'
import { CARD_KINDS, CARD_STATUSES } from './records/card.js'
import { OUTCOMES, planRecord } from './records/hypothesis.js'
import { functionColor } from './records/person.js'
import { PHASES } from './records/phase.js'
import { fail, ok, type Result } from './result.js'
import { newRichText } from './richText.js'
import { roots, SCHEMA_VERSION_KEY, yRecord } from './schema.js'

export const BOARD_FILE_FORMAT = 'tideboard/board@1'

const id = z.string().min(1).max(200)
// Same rule as readIsoDate: a date the file accepts is one the board can show after import.
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}/, 'expected an ISO date (YYYY-MM-DD)')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'expected a real calendar date')
const score = z.number().int().min(1).max(10).nullable()

export const DecisionSchema = z.object({
  cardId: id,
  function: z.string().min(1),
  by: z.string().nullable(),
  verdict: z.enum(['approve', 'decline']),
  reason: z.string(),
  at: z.string(),
})
export type Decision = z.infer<typeof DecisionSchema>

export const BoardFileSchema = z.object({
  format: z.literal(BOARD_FILE_FORMAT),
  board: z.object({
    id: z.string(),
    title: z.string().trim().min(1).max(200),
    description: z.string().default(''),
    northStarKpiId: id.nullable().default(null),
  }),
  stages: z
    .array(z.object({ id, phase: z.enum(PHASES), name: z.string().trim().min(1).max(100) }))
    .min(1)
    .max(100),
  people: z
    .array(
      z.object({
        id,
        name: z.string().trim().min(1).max(200),
        function: z.string().trim().min(1).max(100),
        color: z.string().optional(),
      }),
    )
    .max(10_000)
    .default([]),
  kpis: z
    .array(
      z.object({
        id,
        name: z.string().trim().min(1).max(200),
        unit: z.string().default(''),
        direction: z.enum(['up', 'down']).default('up'),
        baseline: z.number().nullable().default(null),
        target: z.number().nullable().default(null),
        phase: z.enum(PHASES).nullable().default(null),
        parentId: id.nullable().default(null),
        functions: z.array(z.string()).default([]),
        checkIns: z.array(z.object({ date: isoDate, value: z.number() })).default([]),
      }),
    )
    .max(10_000)
    .default([]),
  cards: z
    .array(
      z.object({
        id,
        kind: z.enum(CARD_KINDS),
        title: z.string().trim().min(1).max(200),
        description: z.string().default(''),
        stageId: id,
        status: z.enum(CARD_STATUSES).default('idea'),
        parentId: id.nullable().default(null),
        owners: z.record(z.string(), id).default({}),
        kpiIds: z.array(id).default([]),
        tags: z.array(z.string().min(1)).default([]),
        extraFunctions: z.array(z.string().trim().min(1).max(60)).default([]),
        hypothesis: z
          .object({
            statement: z.string().default(''),
            expectedImpact: z.string().default(''),
            impact: score.default(null),
            confidence: score.default(null),
            ease: score.default(null),
            horizon: z
              .object({ start: isoDate.nullable().default(null), end: isoDate.nullable().default(null) })
              .default({ start: null, end: null }),
            triggers: z.string().default(''),
            result: z
              .object({
                outcome: z.enum(OUTCOMES),
                measuredImpact: z.string().default(''),
                learning: z.string().default(''),
              })
              .nullable()
              .default(null),
          })
          .nullable()
          .default(null),
      }),
    )
    .max(20_000)
    .default([]),
  decisions: z.array(DecisionSchema).default([]),
})

export type BoardFile = z.infer<typeof BoardFileSchema>

function formatIssue(issue: z.core.$ZodIssue): string {
  const path =
    issue.path.length === 0
      ? 'file'
      : issue.path
          .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
          .join('')
          .replace(/^\./, '')
  return `At ${path}: ${issue.message}`
}

/** Validates an untrusted board file, including its internal references. */
export function parseBoardFile(input: unknown): Result<BoardFile> {
  const parsed = BoardFileSchema.safeParse(input)
  if (!parsed.success) return fail(parsed.error.issues.slice(0, 5).map(formatIssue).join('; '))
  const file = parsed.data
  const unique = (what: string, ids: string[]): string | null => {
    const seen = new Set<string>()
    for (const x of ids) {
      if (seen.has(x)) return `duplicate ${what} id ${x}`
      seen.add(x)
    }
    return null
  }
  const dup =
    unique(
      'stage',
      file.stages.map((s) => s.id),
    ) ??
    unique(
      'person',
      file.people.map((p) => p.id),
    ) ??
    unique(
      'kpi',
      file.kpis.map((k) => k.id),
    ) ??
    unique(
      'card',
      file.cards.map((c) => c.id),
    )
  if (dup) return fail(dup)
  const stageIds = new Set(file.stages.map((s) => s.id))
  const personIds = new Set(file.people.map((p) => p.id))
  const kpiIds = new Set(file.kpis.map((k) => k.id))
  const cardKinds = new Map(file.cards.map((c) => [c.id, c.kind]))
  for (const [i, c] of file.cards.entries()) {
    if (!stageIds.has(c.stageId)) return fail(`At cards[${i}].stageId: unknown stage ${c.stageId}`)
    for (const [fn, p] of Object.entries(c.owners)) {
      if (!personIds.has(p)) return fail(`At cards[${i}].owners.${fn}: unknown person ${p}`)
    }
    for (const k of c.kpiIds) if (!kpiIds.has(k)) return fail(`At cards[${i}].kpiIds: unknown KPI ${k}`)
    if (c.parentId !== null && !cardKinds.has(c.parentId))
      return fail(`At cards[${i}].parentId: unknown card ${c.parentId}`)
    // readBoard drops any other parent link, so accepting one would not survive the import.
    if (c.parentId !== null && (c.parentId === c.id || cardKinds.get(c.parentId) !== 'initiative'))
      return fail(`At cards[${i}].parentId: the parent must be another card that is an initiative`)
  }
  const kpiParents = new Map(file.kpis.map((k) => [k.id, k.parentId]))
  for (const [i, k] of file.kpis.entries()) {
    if (k.parentId !== null && !kpiIds.has(k.parentId))
      return fail(`At kpis[${i}].parentId: unknown KPI ${k.parentId}`)
    const seen = new Set([k.id])
    for (let p = k.parentId; p !== null; p = kpiParents.get(p) ?? null) {
      if (seen.has(p)) return fail(`At kpis[${i}].parentId: KPI parents form a cycle through ${p}`)
      seen.add(p)
    }
  }
  if (file.board.northStarKpiId !== null && !kpiIds.has(file.board.northStarKpiId)) {
    return fail(`At board.northStarKpiId: unknown KPI ${file.board.northStarKpiId}`)
  }
  return ok(file)
}

/** The board as a `tideboard/board@1` file. Decisions come from the server's log. */
export function exportBoardFile(
  boardId: string,
  board: Board,
  decisions: readonly Decision[] = [],
): BoardFile {
  return {
    format: BOARD_FILE_FORMAT,
    board: {
      id: boardId,
      title: board.meta.title,
      description: board.meta.description,
      northStarKpiId: board.meta.northStarKpiId,
    },
    stages: board.stages.map((s) => ({ id: s.id, phase: s.phase, name: s.name })),
    people: board.people.map((p) => ({ id: p.id, name: p.name, function: p.function, color: p.color })),
    kpis: board.kpis.map((k) => ({
      id: k.id,
      name: k.name,
      unit: k.unit,
      direction: k.direction,
      baseline: k.baseline,
      target: k.target,
      phase: k.phase,
      parentId: k.parentId,
      functions: [...k.functions],
      checkIns: k.checkIns.map((c) => ({ ...c })),
    })),
    cards: board.cards.map((c) => ({
      id: c.id,
      kind: c.kind,
      title: c.title,
      description: c.description,
      stageId: c.stageId,
      status: c.status,
      parentId: c.parentId,
      owners: { ...c.owners },
      kpiIds: [...c.kpiIds],
      tags: [...c.tags],
      extraFunctions: [...c.extraFunctions],
      hypothesis:
        c.hypothesis === null
          ? null
          : {
              ...c.hypothesis,
              horizon: { ...c.hypothesis.horizon },
              result: c.hypothesis.result === null ? null : { ...c.hypothesis.result },
            },
    })),
    decisions: decisions.map((d) => ({ ...d })),
  }
}

/**
 * Writes a validated board file into an empty document, in one transaction, at the current schema
 * version. Decisions are not written here: they belong to the server, which records them itself.
 */
export function importBoardFile(
  doc: Y.Doc,
  file: BoardFile,
  origin: unknown = null,
  now: Date = new Date(),
): void {
  const r = roots(doc)
  const at = now.toISOString()
  doc.transact(() => {
    r.meta.set('title', file.board.title)
    r.meta.set('description', file.board.description)
    r.meta.set('northStarKpiId', file.board.northStarKpiId)
    r.meta.set(SCHEMA_VERSION_KEY, SCHEMA_VERSION)
    for (const phase of PHASES) {
      const inPhase = file.stages.filter((s) => s.phase === phase)
      const keys = keysInOrder(inPhase.length)
      inPhase.forEach((s, i) => {
        r.stages.set(s.id, yRecord({ phase: s.phase, name: s.name, order: keys[i] }))
      })
    }
    for (const p of file.people) {
      r.people.set(
        p.id,
        yRecord({ name: p.name, function: p.function, color: p.color ?? functionColor(p.function) }),
      )
    }
    for (const k of file.kpis) {
      const checkIns = new Y.Array<unknown>()
      checkIns.push(k.checkIns.map((c) => ({ ...c })))
      const functions = new Y.Array<string>()
      functions.push([...k.functions])
      r.kpis.set(
        k.id,
        yRecord({
          name: k.name,
          unit: k.unit,
          direction: k.direction,
          baseline: k.baseline,
          target: k.target,
          phase: k.phase,
          parentId: k.parentId,
          functions,
          checkIns,
        }),
      )
    }
    for (const stage of file.stages) {
      const inStage = file.cards.filter((c) => c.stageId === stage.id)
      const keys = keysInOrder(inStage.length)
      inStage.forEach((c, i) => {
        const owners = new Y.Map<string>()
        for (const [fn, personId] of Object.entries(c.owners)) owners.set(fn, personId)
        const kpiIds = new Y.Array<string>()
        kpiIds.push([...c.kpiIds])
        const tags = new Y.Array<string>()
        tags.push([...c.tags])
        const extraFunctions = new Y.Array<string>()
        extraFunctions.push([...new Set(c.extraFunctions)])
        r.cards.set(
          c.id,
          yRecord({
            kind: c.kind,
            title: c.title,
            description: newRichText(c.description),
            position: { stageId: c.stageId, order: keys[i] },
            status: c.status,
            owners,
            kpiIds,
            tags,
            extraFunctions,
            parentId: c.parentId,
            hypothesis: c.kind === 'hypothesis' ? planRecord(c.hypothesis ?? {}) : undefined,
            createdBy: null,
            createdAt: at,
            updatedBy: null,
            updatedAt: at,
          }),
        )
      })
    }
  }, origin)
}
