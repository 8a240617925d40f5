import type { Card } from '@tideboard/shared'
import { describe, expect, it } from 'vitest'
import { stageCards } from './stageCards'
import { moveTo } from './stageItems'

const card = (id: string) => ({ id, title: id }) as Card

/** A card map that counts its look-ups. */
class CountingMap extends Map<string, Card> {
  lookups = 0
  override get(id: string): Card | undefined {
    this.lookups++
    return super.get(id)
  }
}

describe('stage cards', () => {
  const cards = new CountingMap(['a', 'b', 'c', 'd'].map((id) => [id, card(id)]))
  const items = { acquire: ['a', 'b', 'gone'], activate: ['c'], engage: ['d'] }

  it('lists each stage’s cards in the order of the items, leaving out ids without a card', () => {
    const { lists } = stageCards(items, cards, null)
    expect(lists.acquire?.map((c) => c.id)).toEqual(['a', 'b'])
    expect(lists.activate?.[0]).toBe(cards.get('c'))
  })

  it('gives a stage whatever its id a list of its own, even one named like an object property', () => {
    const odd = Object.fromEntries([['__proto__', ['a']]])
    expect(Object.entries(stageCards(odd, cards, null).lists)).toEqual([['__proto__', [cards.get('a')]]])
  })

  it('looks up only the stages a drag step changed, and keeps the lists of the others', () => {
    const first = stageCards(items, cards, null)
    cards.lookups = 0
    const step = moveTo(items, 'a', 'activate', 0)
    const second = stageCards(step, cards, first)
    expect(second.lists.activate?.map((c) => c.id)).toEqual(['a', 'c'])
    expect(second.lists.acquire?.map((c) => c.id)).toEqual(['b'])
    expect(second.lists.engage).toBe(first.lists.engage)
    // Acquire (b, gone) and Activate (a, c): Engage's id is not looked up again.
    expect(cards.lookups).toBe(4)
  })

  it('keeps a stage’s list when new items hold the same cards, and walks all stages for new cards', () => {
    const first = stageCards(items, cards, null)
    const copy = { acquire: [...items.acquire], activate: [...items.activate], engage: [...items.engage] }
    expect(stageCards(copy, cards, first).lists.acquire).toBe(first.lists.acquire)
    const edited = new Map(cards)
    edited.set('d', card('d'))
    const after = stageCards(items, edited, first)
    expect(after.lists.acquire).toBe(first.lists.acquire)
    expect(after.lists.engage).not.toBe(first.lists.engage)
    expect(after.lists.engage?.[0]).toBe(edited.get('d'))
  })
})
