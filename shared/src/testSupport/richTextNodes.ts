// Builders for rich-text content the way the editor binding stores it (StarterKit node names, text in
// Y.XmlText), for tests that write straight into a fragment as another client would.

import * as Y from 'yjs'

/** An element named as StarterKit names it, holding `children`, with string attributes. */
export function xmlElement(
  name: string,
  children: (Y.XmlElement | Y.XmlText)[] = [],
  attributes: Record<string, string> = {},
): Y.XmlElement {
  const el = new Y.XmlElement(name)
  for (const [key, value] of Object.entries(attributes)) el.setAttribute(key, value)
  el.insert(0, children)
  return el
}

/** A paragraph holding `text` (no text node when empty, as the editor writes it). */
export function xmlParagraph(text: string): Y.XmlElement {
  return xmlElement('paragraph', text === '' ? [] : [new Y.XmlText(text)])
}

/** A bullet or numbered list with one paragraph per item. */
export function xmlList(kind: 'bulletList' | 'orderedList', items: string[]): Y.XmlElement {
  return xmlElement(
    kind,
    items.map((text) => xmlElement('listItem', [xmlParagraph(text)])),
  )
}
