// Rich text in the board document. Card descriptions and hypothesis text are Y.XmlFragments in the
// shape the editor binding (Tiptap over y-prosemirror) reads and writes: block elements named as
// StarterKit names them (paragraph, bulletList > listItem > paragraph, …) holding Y.XmlText, with marks
// (bold, italic, …) as formatting attributes. This module builds and reads that shape with yjs types
// alone, so shared/ never depends on ProseMirror; screens, exports and the board file see plain text.

import * as Y from 'yjs'
import { replaceText } from './ops/text.js'
import { note, type Repairs } from './records/read.js'

/** A hypothesis's rich-text fields (its other fields are plain values). */
export const PLAN_TEXT_FIELDS = ['statement', 'expectedImpact', 'triggers'] as const
export type PlanTextField = (typeof PLAN_TEXT_FIELDS)[number]

/** Junk nested deeper than any editor writes is not read further (readBoard never throws). */
const MAX_DEPTH = 32

/** The characters of an XmlText; embeds (which the editor never writes here) read as nothing. */
function inlineText(text: Y.XmlText): string {
  let out = ''
  for (const op of text.toDelta() as { insert?: unknown }[]) {
    if (typeof op.insert === 'string') out += op.insert
  }
  return out
}

/** The text inside a block that holds inline content; a hard break is a line break. */
function inlineOf(node: Y.XmlElement | Y.XmlFragment, depth: number): string {
  if (depth > MAX_DEPTH) return ''
  let out = ''
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText) out += inlineText(child)
    else if (child instanceof Y.XmlElement)
      out += child.nodeName === 'hardBreak' ? '\n' : inlineOf(child, depth + 1)
  }
  return out
}

/** One list item's lines: its first line after the marker, the rest indented under it. */
function listItemLines(item: Y.XmlElement, marker: string, depth: number): string[] {
  const lines = blockLines(item.toArray(), depth + 1)
  const pad = ' '.repeat(marker.length)
  return (lines.length === 0 ? [''] : lines).map((line, i) => (i === 0 ? marker + line : pad + line))
}

function listStart(list: Y.XmlElement): number {
  const start = Number(list.getAttribute('start'))
  return Number.isInteger(start) && start >= 0 && start < 1e9 ? start : 1
}

function elementLines(el: Y.XmlElement, depth: number): string[] {
  switch (el.nodeName) {
    case 'bulletList':
    case 'orderedList': {
      const ordered = el.nodeName === 'orderedList'
      const start = ordered ? listStart(el) : 1
      const items = el.toArray().filter((c): c is Y.XmlElement => c instanceof Y.XmlElement)
      return items.flatMap((item, i) => listItemLines(item, ordered ? `${start + i}. ` : '- ', depth))
    }
    case 'listItem':
      return listItemLines(el, '- ', depth)
    case 'blockquote':
      return blockLines(el.toArray(), depth + 1).map((line) => `> ${line}`)
    case 'horizontalRule':
      return ['---']
    default:
      // paragraph, heading, codeBlock and anything unknown that holds text.
      return inlineOf(el, depth + 1).split('\n')
  }
}

function blockLines(nodes: readonly unknown[], depth: number): string[] {
  if (depth > MAX_DEPTH) return []
  const lines: string[] = []
  for (const node of nodes) {
    if (node instanceof Y.XmlElement) lines.push(...elementLines(node, depth))
    else if (node instanceof Y.XmlText) lines.push(...inlineText(node).split('\n'))
  }
  return lines
}

/**
 * The plain text of a rich-text value: one line per block, list items as `- ` or `1. `, nested blocks
 * indented. Older values (a string, a Y.Text) read as they are; anything else reads as ''.
 */
export function richTextOf(value: unknown): string {
  if (typeof value === 'string') return value
  if (value instanceof Y.XmlFragment) return blockLines(value.toArray(), 0).join('\n')
  if (value instanceof Y.XmlText) return inlineText(value)
  if (value instanceof Y.Text) return value.toString()
  return ''
}

/** Like richTextOf, noting a repair when the stored value is not text at all. */
export function readRichText(value: unknown, path: string, repairs: Repairs): string {
  if (value === undefined || value === null) return ''
  if (typeof value === 'number' || typeof value === 'boolean') {
    note(repairs, path, `expected rich text, got ${typeof value}`)
    return String(value)
  }
  if (typeof value === 'string' || value instanceof Y.XmlFragment || value instanceof Y.Text) {
    return richTextOf(value)
  }
  note(repairs, path, 'expected rich text; shown empty')
  return ''
}

function linesOf(text: string): string[] {
  return text === '' ? [] : text.split('\n')
}

function paragraph(line: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph')
  if (line !== '') p.insert(0, [new Y.XmlText(line)])
  return p
}

/** A new fragment holding `text`, one paragraph per line, to put into a record. */
export function newRichText(text: string): Y.XmlFragment {
  const fragment = new Y.XmlFragment()
  fragment.insert(0, linesOf(text).map(paragraph))
  return fragment
}

/** A paragraph holding at most one run of text: edited in place, so its formatting is kept. */
function editableText(node: unknown): Y.XmlText | 'empty' | null {
  if (!(node instanceof Y.XmlElement) || node.nodeName !== 'paragraph') return null
  const children = node.toArray()
  if (children.length === 0) return 'empty'
  const [only] = children
  return children.length === 1 && only instanceof Y.XmlText ? only : null
}

function plainLineOf(node: unknown): string | null {
  const text = editableText(node)
  if (text === null) return null
  return text === 'empty' ? '' : inlineText(text)
}

/**
 * Makes `fragment` hold `text`, one paragraph per line, changing only the lines that differ: blocks
 * before and after the change are kept (with their formatting and anyone's concurrent edits), and a
 * changed line's paragraph is edited in place. Call it inside a transaction.
 */
export function setRichText(fragment: Y.XmlFragment, text: string): void {
  const lines = linesOf(text)
  const blocks = fragment.toArray()
  const current = blocks.map(plainLineOf)
  const max = Math.min(blocks.length, lines.length)
  let head = 0
  while (head < max && current[head] === lines[head]) head++
  let tail = 0
  while (tail < max - head && current[blocks.length - 1 - tail] === lines[lines.length - 1 - tail]) tail++
  const oldMiddle = blocks.slice(head, blocks.length - tail)
  const newMiddle = lines.slice(head, lines.length - tail)
  let index = head
  for (let i = 0; i < Math.max(oldMiddle.length, newMiddle.length); i++) {
    const line = newMiddle[i]
    const block = oldMiddle[i]
    if (line === undefined) {
      fragment.delete(index, 1)
      continue
    }
    const editable = block === undefined ? null : editableText(block)
    if (editable instanceof Y.XmlText) replaceText(editable, line)
    else if (editable === 'empty') {
      if (line !== '') (block as Y.XmlElement).insert(0, [new Y.XmlText(line)])
    } else {
      if (block !== undefined) fragment.delete(index, 1)
      fragment.insert(index, [paragraph(line)])
    }
    index++
  }
}
