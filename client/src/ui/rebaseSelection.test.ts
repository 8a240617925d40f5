import { describe, expect, it } from 'vitest'
import { rebaseSelection } from './rebaseSelection'

describe('rebaseSelection', () => {
  it('keeps the cursor where it is when text changes after it', () => {
    expect(rebaseSelection('Hello world', 'Hello world!!', { start: 5, end: 5 })).toEqual({
      start: 5,
      end: 5,
    })
  })

  it('shifts the cursor by what was inserted or deleted before it', () => {
    expect(rebaseSelection('Hello world', 'Oh, Hello world', { start: 8, end: 8 })).toEqual({
      start: 12,
      end: 12,
    })
    expect(rebaseSelection('Hello brave world', 'Hello world', { start: 14, end: 17 })).toEqual({
      start: 8,
      end: 11,
    })
  })

  it('puts a cursor inside a replaced part at the end of the replacement', () => {
    expect(rebaseSelection('abcdef', 'abXYZef', { start: 3, end: 3 })).toEqual({ start: 5, end: 5 })
  })

  it('leaves the selection alone when nothing changed', () => {
    const selection = { start: 1, end: 4 }
    expect(rebaseSelection('same', 'same', selection)).toBe(selection)
  })
})
