// Sentences about who is on a card, for tooltips, screen readers and the detail panel's presence line.

import type { CardVisitor } from './peopleHere'

export function personLabel(person: { name: string; function?: string }): string {
  return person.function ? `${person.name}, ${person.function}` : person.name
}

export function visitorActivity(visitor: CardVisitor): string {
  if (visitor.activity === 'viewing') return 'viewing'
  return visitor.field ? `editing ${visitor.field}` : 'editing'
}

/** "Maya Chen (Marketing) is editing Description" */
export function describeVisitor(visitor: CardVisitor): string {
  const who = visitor.function ? `${visitor.name} (${visitor.function})` : visitor.name
  return `${who} is ${visitorActivity(visitor)}`
}

function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? ''
  if (names.length > 3) return `${names.slice(0, 2).join(', ')} and ${names.length - 2} others`
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
}

/**
 * One line for the detail panel: "Maya Chen is editing Description · Ken Ito and Ana Ruiz are viewing
 * this card". Editors come first, one clause each (their fields differ); viewers share one clause.
 */
export function presenceSentence(visitors: readonly CardVisitor[]): string {
  const clauses = visitors
    .filter((v) => v.activity === 'editing')
    .map((v) => `${v.name} is ${visitorActivity(v)}`)
  const viewers = visitors.filter((v) => v.activity === 'viewing').map((v) => v.name)
  if (viewers.length > 0) {
    clauses.push(`${joinNames(viewers)} ${viewers.length === 1 ? 'is' : 'are'} viewing this card`)
  }
  return clauses.join(' · ')
}
