import { describe, expect, it } from 'vitest'
import { dropTarget, findStage, indexAmongAll, moveAcross, stageDropId, visibleItems } from './stageItems'

const items = { acquire: ['a', 'b'], activate: ['c'], engage: [] as string[] }

describe('stage items during a drag', () => {
  it('finds the stage of a card and of a column', () => {
    expect(findStage(items, 'c')).toBe('activate')
    expect(findStage(items, stageDropId('engage'))).toBe('engage')
    expect(findStage(items, 'zzz')).toBeNull()
  })

  it('moves the dragged card before the card it is over in another stage, or after it when below', () => {
    expect(moveAcross(items, 'a', 'c', false)).toEqual({ acquire: ['b'], activate: ['a', 'c'], engage: [] })
    expect(moveAcross(items, 'a', 'c', true)).toEqual({ acquire: ['b'], activate: ['c', 'a'], engage: [] })
  })

  it('moves the dragged card to the end of an empty stage', () => {
    expect(moveAcross(items, 'b', stageDropId('engage'), false).engage).toEqual(['b'])
  })

  it('leaves the lists alone within one stage', () => {
    expect(moveAcross(items, 'a', 'b', true)).toBe(items)
  })

  it('computes the index among the other cards, as moveCard takes it', () => {
    expect(dropTarget(items, 'a', 'b')).toEqual({ stageId: 'acquire', index: 1, count: 2 })
    expect(dropTarget(items, 'a', 'c')).toEqual({ stageId: 'activate', index: 0, count: 2 })
    expect(dropTarget(items, 'a', stageDropId('engage'))).toEqual({ stageId: 'engage', index: 0, count: 1 })
    const moved = moveAcross(items, 'a', 'c', true)
    expect(dropTarget(moved, 'a', stageDropId('activate'))).toEqual({
      stageId: 'activate',
      index: 1,
      count: 2,
    })
  })
})

describe('drops while non-matching cards are hidden', () => {
  const all = ['h1', 'a', 'h2', 'b', 'h3']
  const shown = (id: string) => !id.startsWith('h')

  it('keeps only the shown cards in each stage', () => {
    expect(visibleItems({ acquire: all, engage: [] }, shown)).toEqual({ acquire: ['a', 'b'], engage: [] })
  })

  it('places the card before the shown card it was dropped in front of', () => {
    expect(indexAmongAll(all, shown, 'x', 0)).toBe(1)
    expect(indexAmongAll(all, shown, 'x', 1)).toBe(3)
  })

  it('places the card after the last shown card, or at the end when none is shown', () => {
    expect(indexAmongAll(all, shown, 'x', 2)).toBe(4)
    expect(indexAmongAll(['h1', 'h2'], shown, 'x', 0)).toBe(2)
  })

  it('does not count the moved card itself', () => {
    expect(indexAmongAll(['a', 'h1', 'b'], shown, 'a', 1)).toBe(2)
  })
})
