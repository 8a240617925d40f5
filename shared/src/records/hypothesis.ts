// The experiment plan a hypothesis card carries. ICE is derived from the three scores, never stored.
// Statement, expected impact and triggers are rich text in the document (see richText.ts).

import { newRichText, PLAN_TEXT_FIELDS, readRichText } from '../richText.js'
import { type YRecord, yRecord } from '../schema.js'
import {
  newRepairs,
  note,
  type Repairs,
  readEnum,
  readIsoDate,
  readRecord,
  readScore,
  readString,
} from './read.js'

export const OUTCOMES = ['validated', 'invalidated', 'inconclusive'] as const
export type Outcome = (typeof OUTCOMES)[number]

export interface HypothesisResult {
  outcome: Outcome
  measuredImpact: string
  learning: string
}

export interface HypothesisPlan {
  statement: string
  expectedImpact: string
  impact: number | null
  confidence: number | null
  ease: number | null
  horizon: { start: string | null; end: string | null }
  triggers: string
  result: HypothesisResult | null
}

export function emptyPlan(): HypothesisPlan {
  return {
    statement: '',
    expectedImpact: '',
    impact: null,
    confidence: null,
    ease: null,
    horizon: { start: null, end: null },
    triggers: '',
    result: null,
  }
}

/** A plan as a record to store on a card: its text fields as rich-text fragments. */
export function planRecord(plan: Partial<HypothesisPlan> = {}): YRecord {
  const values: Record<string, unknown> = { ...emptyPlan(), ...plan }
  for (const field of PLAN_TEXT_FIELDS) values[field] = newRichText(plan[field] ?? '')
  return yRecord(values)
}

export function readHypothesisPlan(
  value: unknown,
  path: string,
  repairs: Repairs = newRepairs(),
): HypothesisPlan {
  const raw = readRecord(value, path, repairs)
  const horizon = readRecord(raw.horizon, `${path}.horizon`, repairs)
  // A result that is not an object is dropped rather than shown as an empty "inconclusive" result.
  const rawResult =
    raw.result === null ||
    raw.result === undefined ||
    typeof raw.result !== 'object' ||
    Array.isArray(raw.result)
      ? null
      : readRecord(raw.result, `${path}.result`, repairs)
  if (raw.result !== null && raw.result !== undefined && rawResult === null) {
    note(repairs, `${path}.result`, 'expected an object; result dropped')
  }
  return {
    statement: readRichText(raw.statement, `${path}.statement`, repairs),
    expectedImpact: readRichText(raw.expectedImpact, `${path}.expectedImpact`, repairs),
    impact: readScore(raw.impact, 1, 10, `${path}.impact`, repairs),
    confidence: readScore(raw.confidence, 1, 10, `${path}.confidence`, repairs),
    ease: readScore(raw.ease, 1, 10, `${path}.ease`, repairs),
    horizon: {
      start: readIsoDate(horizon.start, `${path}.horizon.start`, repairs),
      end: readIsoDate(horizon.end, `${path}.horizon.end`, repairs),
    },
    triggers: readRichText(raw.triggers, `${path}.triggers`, repairs),
    result:
      rawResult === null
        ? null
        : {
            outcome: readEnum(rawResult.outcome, OUTCOMES, 'inconclusive', `${path}.result.outcome`, repairs),
            measuredImpact: readString(
              rawResult.measuredImpact,
              '',
              `${path}.result.measuredImpact`,
              repairs,
            ),
            learning: readString(rawResult.learning, '', `${path}.result.learning`, repairs),
          },
  }
}
