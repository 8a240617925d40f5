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

/**
 * The characters of an XmlText, read from its items: formatting marks and embeds (which the editor
 * never writes here) are not text. Cheaper than toDelta, which readBoard would pay on every card.
 */
function inlineText(text: Y.XmlText): string {
  let out = ''
  for (let item = text._start; item !== null; item = item.right) {
    if (!item.deleted && item.content instanceof Y.ContentString) out += item.content.str
  }
  return out
}

// biome-ignore lint/suspicious/noExplicitAny: any shared type holding children (fragment or element)
type Parent = Y.AbstractType<any>

/** Calls `f` with each shared type directly inside `parent`, in order, without building an array. */
function forEachChild(parent: Parent, f: (child: Parent) => void): void {
  for (let item = parent._start; item !== null; item = item.right) {
    if (!item.deleted && item.content instanceof Y.ContentType) f(item.content.type)
  }
}

/** The text inside a block that holds inline content; a hard break is a line break. */
function inlineOf(node: Parent, depth: number): string {
  if (depth > MAX_DEPTH) return ''
  let out = ''
  forEachChild(node, (child) => {
    if (child instanceof Y.XmlText) out += inlineText(child)
    else if (child instanceof Y.XmlElement)
      out += child.nodeName === 'hardBreak' ? '\n' : inlineOf(child, depth + 1)
  })
  return out
}

function pushText(lines: string[], text: string): void {
  if (text.includes('\n')) lines.push(...text.split('\n'))
  else lines.push(text)
}

/** One list item's lines: its first line after the marker, the rest indented under it. */
function pushListItem(lines: string[], item: Y.XmlElement, marker: string, depth: number): void {
  const inner: string[] = []
  pushBlocks(inner, item, depth + 1)
  const pad = ' '.repeat(marker.length)
  if (inner.length === 0) inner.push('')
  inner.forEach((line, i) => {
    lines.push((i === 0 ? marker : pad) + line)
  })
}

function listStart(list: Y.XmlElement): number {
  const start = Number(list.getAttribute('start'))
  return Number.isInteger(start) && start >= 0 && start < 1e9 ? start : 1
}

function pushElement(lines: string[], el: Y.XmlElement, depth: number): void {
  switch (el.nodeName) {
    case 'bulletList':
    case 'orderedList': {
      const ordered = el.nodeName === 'orderedList'
      let n = ordered ? listStart(el) : 1
      forEachChild(el, (item) => {
        if (item instanceof Y.XmlElement) pushListItem(lines, item, ordered ? `${n++}. ` : '- ', depth)
      })
      return
    }
    case 'listItem':
      pushListItem(lines, el, '- ', depth)
      return
    case 'blockquote': {
      const inner: string[] = []
      pushBlocks(inner, el, depth + 1)
      for (const line of inner) lines.push(`> ${line}`)
      return
    }
    case 'horizontalRule':
      lines.push('---')
      return
    default:
      // paragraph, heading, codeBlock and anything unknown that holds text.
      pushText(lines, inlineOf(el, depth + 1))
  }
}

function pushBlocks(lines: string[], parent: Parent, depth: number): void {
  if (depth > MAX_DEPTH) return
  forEachChild(parent, (node) => {
    if (node instanceof Y.XmlElement) pushElement(lines, node, depth)
    else if (node instanceof Y.XmlText) pushText(lines, inlineText(node))
  })
}

/**
 * The plain text of a rich-text value: one line per block, list items as `- ` or `1. `, nested blocks
 * indented. Older values (a string, a Y.Text) read as they are; anything else reads as ''.
 */
export function richTextOf(value: unknown): string {
  if (typeof value === 'string') return value
  if (value instanceof Y.XmlFragment) {
    const lines: string[] = []
    pushBlocks(lines, value, 0)
    return lines.join('\n')
  }
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

/**
 * Makes `target` hold what `source` holds, formatting included (a saved version's text coming back):
 * blocks equal at the start and the end are kept as they are, the ones between are replaced by copies
 * of the source's. Returns whether anything was written. Call it inside a transaction.
 */
export function copyRichText(target: Y.XmlFragment, source: Y.XmlFragment): boolean {
  const was = target.toArray()
  const want = source.toArray()
  const key = (node: unknown) => String(node)
  const max = Math.min(was.length, want.length)
  let head = 0
  while (head < max && key(was[head]) === key(want[head])) head++
  let tail = 0
  while (tail < max - head && key(was[was.length - 1 - tail]) === key(want[want.length - 1 - tail])) tail++
  const removed = was.length - head - tail
  const added = want.slice(head, want.length - tail)
  if (removed === 0 && added.length === 0) return false
  if (removed > 0) target.delete(head, removed)
  // Tiptap writes elements and text only; a hook (never written by the editor) is not copied.
  const copies = added.flatMap((node) =>
    node instanceof Y.XmlElement || node instanceof Y.XmlText ? [node.clone()] : [],
  )
  target.insert(head, copies)
  return true
}
