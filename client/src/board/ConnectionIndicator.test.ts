import { describe, expect, it } from 'vitest'
import { describeSaveState } from './ConnectionIndicator'

const text = (status: Parameters<typeof describeSaveState>[0]['status'], unsaved = 0, acknowledged = true) =>
  describeSaveState({ status, unsaved, acknowledged }).text

describe('the save state in words', () => {
  it('says saved only when connected to a server that acknowledges and nothing is unconfirmed', () => {
    expect(text('connected')).toBe('All changes saved')
    expect(text('connected', 2)).toBe('Saving…')
    expect(text('connected', 0, false)).toBe('Connected')
  })

  it('tells offline, reconnecting and connecting apart and counts what is not saved yet', () => {
    expect(text('offline')).toBe('Offline')
    expect(text('offline', 1)).toBe('Offline · 1 unsaved change')
    expect(text('offline', 3)).toBe('Offline · 3 unsaved changes')
    expect(text('reconnecting')).toBe('Reconnecting…')
    expect(text('reconnecting', 2)).toBe('Reconnecting… · 2 unsaved changes')
    expect(text('connecting')).toBe('Connecting…')
    expect(text('connecting', 4)).toBe('Connecting… · 4 unsaved changes')
  })
})
