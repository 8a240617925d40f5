import { describe, expect, test } from 'vitest'
import { iceScore } from './ice.js'
import { emptyPlan } from './records/hypothesis.js'

describe('iceScore', () => {
  test('is impact × confidence × ease when all three are set', () => {
    expect(iceScore({ impact: 7, confidence: 6, ease: 8 })).toBe(336)
    expect(iceScore({ impact: 1, confidence: 1, ease: 1 })).toBe(1)
    expect(iceScore({ impact: 10, confidence: 10, ease: 10 })).toBe(1000)
  })

  test('is null when any score is missing', () => {
    expect(iceScore({ impact: null, confidence: 6, ease: 8 })).toBeNull()
    expect(iceScore({ impact: 7, confidence: null, ease: 8 })).toBeNull()
    expect(iceScore({ impact: 7, confidence: 6, ease: null })).toBeNull()
    expect(iceScore(emptyPlan())).toBeNull()
  })

  test('is null for a card without a plan (an initiative)', () => {
    expect(iceScore(null)).toBeNull()
    expect(iceScore(undefined)).toBeNull()
  })
})
