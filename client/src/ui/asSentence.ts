// Shared ops report problems in lower-case developer phrasing; the UI shows them as sentences.

export function asSentence(error: string): string {
  const text = error.trim()
  if (text === '') return 'That did not work.'
  const first = text.charAt(0).toUpperCase() + text.slice(1)
  return /[.!?]$/.test(first) ? first : `${first}.`
}
