import { describe, expect, it } from 'vitest'
import {
  findMentions,
  insertMention,
  mentionAt,
  mentionCandidates,
  mentionedIds,
  mentionParts,
} from './mentions'

const maya = { id: 'm1', name: 'Maya Okafor' }
const mayaB = { id: 'm2', name: 'Maya' }
const jose = { id: 'm3', name: 'José Ruiz' }
const diego = { id: 'm4', name: 'Diego Alvarez' }
const members = [maya, mayaB, jose, diego]

describe('mentionAt', () => {
  it('finds the @query the caret ends', () => {
    expect(mentionAt('Ask @Ma', 7)).toEqual({ start: 4, query: 'Ma' })
    expect(mentionAt('@', 1)).toEqual({ start: 0, query: '' })
    expect(mentionAt('(@di', 4)).toEqual({ start: 1, query: 'di' })
  })

  it('keeps a space inside a name being typed, but not right after the @', () => {
    expect(mentionAt('hi @Maya O', 10)).toEqual({ start: 3, query: 'Maya O' })
    expect(mentionAt('hi @ Maya', 9)).toBeNull()
  })

  it('ignores e-mail addresses, other lines and text without an @', () => {
    expect(mentionAt('mail maya@example.com', 21)).toBeNull()
    expect(mentionAt('@Maya\nnext', 10)).toBeNull()
    expect(mentionAt('no mention', 10)).toBeNull()
  })

  it('looks only before the caret', () => {
    expect(mentionAt('@Maya and more', 3)).toEqual({ start: 0, query: 'Ma' })
  })
})

describe('mentionCandidates', () => {
  it('lists names starting with the query first, then names with a word starting with it', () => {
    expect(mentionCandidates(members, 'ma').map((m) => m.id)).toEqual(['m2', 'm1'])
    expect(mentionCandidates(members, 'alv').map((m) => m.id)).toEqual(['m4'])
  })

  it('ignores case and accents, and lists everyone for an empty query', () => {
    expect(mentionCandidates(members, 'JOSE').map((m) => m.id)).toEqual(['m3'])
    expect(mentionCandidates(members, '')).toHaveLength(4)
    expect(mentionCandidates(members, '', 2)).toHaveLength(2)
  })

  it('finds nobody once the query runs past every name', () => {
    expect(mentionCandidates(members, 'maya is')).toEqual([])
  })
})

describe('insertMention', () => {
  it('replaces the query with @Name and a space, caret after it', () => {
    expect(insertMention('Ask @ma', 4, 7, 'Maya Okafor')).toEqual({ text: 'Ask @Maya Okafor ', caret: 17 })
  })

  it('does not double a space already there', () => {
    const r = insertMention('@ma about it', 0, 3, 'Maya')
    expect(r.text).toBe('@Maya about it')
    expect(r.caret).toBe(6)
  })
})

describe('mentions in text', () => {
  it('finds the longest name at each @, ending at a space, punctuation or the end', () => {
    const text = '@Maya Okafor, and @maya. Not @Mayan or a@Maya'
    expect(findMentions(text, members).map((m) => [text.slice(m.start, m.end), m.ids])).toEqual([
      ['@Maya Okafor', ['m1']],
      ['@maya', ['m2']],
    ])
  })

  it('records the ids mentioned, accents and case ignored', () => {
    expect(mentionedIds('@jose ruiz and @Diego Alvarez!', members)).toEqual(['m3', 'm4'])
    expect(mentionedIds('nobody here', members)).toEqual([])
  })

  it('prefers the picked member where two share a name, else names both', () => {
    const twins = [
      { id: 'a', name: 'Sam' },
      { id: 'b', name: 'Sam' },
    ]
    expect(mentionedIds('@Sam?', twins, new Set(['b']))).toEqual(['b'])
    expect(mentionedIds('@Sam?', twins)).toEqual(['a', 'b'])
  })

  it('cuts a text into plain runs and mentions for display', () => {
    expect(mentionParts('Hi @Diego Alvarez, see this', [diego])).toEqual([
      { text: 'Hi ' },
      { text: '@Diego Alvarez', mention: ['m4'] },
      { text: ', see this' },
    ])
    expect(mentionParts('', [diego])).toEqual([{ text: '' }])
  })
})
