import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { readBoard } from './board.js'
import { addCard } from './ops/addCard.js'
import { updateCard } from './ops/updateCard.js'
import { newRepairs } from './records/read.js'
import { newRichText, readRichText, richTextOf, setRichText } from './richText.js'
import { boardDoc, cardRecord, replicaOf } from './testSupport/boardDoc.js'
import { xmlElement, xmlList, xmlParagraph } from './testSupport/richTextNodes.js'

/** A fragment integrated in a fresh document, as every stored one is. */
function stored(text: string): { doc: Y.Doc; fragment: Y.XmlFragment } {
  const doc = new Y.Doc()
  const fragment = doc.getXmlFragment('f')
  doc.transact(() => setRichText(fragment, text))
  return { doc, fragment }
}

const element = xmlElement
const p = xmlParagraph
const li = (...children: Y.XmlElement[]) => element('listItem', children)

describe('rich text as plain text', () => {
  test('each line becomes one paragraph element holding its text, the way the editor stores it', () => {
    const { fragment } = stored('First line\n\nThird line')
    const blocks = fragment.toArray() as Y.XmlElement[]
    expect(blocks.map((b) => b.nodeName)).toEqual(['paragraph', 'paragraph', 'paragraph'])
    expect(blocks[0]!.toArray()[0]).toBeInstanceOf(Y.XmlText)
    expect(blocks[1]!.length).toBe(0)
    expect(fragment.toString()).toBe(
      '<paragraph>First line</paragraph><paragraph></paragraph><paragraph>Third line</paragraph>',
    )
    expect(richTextOf(fragment)).toBe('First line\n\nThird line')
  })

  test('empty text is an empty fragment, and a trailing newline is kept', () => {
    expect(stored('').fragment.length).toBe(0)
    expect(richTextOf(stored('').fragment)).toBe('')
    expect(richTextOf(stored('a\n').fragment)).toBe('a\n')
  })

  test('a fragment built before it is stored reads the same once stored', () => {
    const doc = new Y.Doc()
    doc.getMap('m').set('f', newRichText('One\nTwo'))
    expect(richTextOf(doc.getMap('m').get('f'))).toBe('One\nTwo')
  })

  test('formatting is not text: bold and italic runs read as their characters', () => {
    const doc = new Y.Doc()
    const fragment = doc.getXmlFragment('f')
    const text = new Y.XmlText()
    fragment.insert(0, [element('paragraph', [text])])
    text.insert(0, 'plain ')
    text.insert(6, 'bold', { bold: {} })
    text.insert(10, ' and italic', { italic: {} })
    expect(richTextOf(fragment)).toBe('plain bold and italic')
  })

  test('lists read with markers, numbered from their start, nested items indented; hard breaks and quotes', () => {
    const doc = new Y.Doc()
    const fragment = doc.getXmlFragment('f')
    fragment.insert(0, [
      p('Intro'),
      element('bulletList', [li(p('Apples'), element('bulletList', [li(p('Green'))])), li(p('Pears'))]),
      element('orderedList', [li(p('Call')), li(p('Write'), p('then wait'))], { start: '3' }),
      element('paragraph', [new Y.XmlText('one'), element('hardBreak', []), new Y.XmlText('two')]),
      element('blockquote', [p('Quoted')]),
      element('heading', [new Y.XmlText('Title')], { level: '2' }),
      element('horizontalRule', []),
    ])
    expect(richTextOf(fragment)).toBe(
      [
        'Intro',
        '- Apples',
        '  - Green',
        '- Pears',
        '3. Call',
        '4. Write',
        '   then wait',
        'one',
        'two',
        '> Quoted',
        'Title',
        '---',
      ].join('\n'),
    )
  })

  test('older values read as they are; anything else reads as empty text, with a repair noted', () => {
    const doc = new Y.Doc()
    const text = doc.getText('t')
    text.insert(0, 'old text')
    expect(richTextOf('a string')).toBe('a string')
    expect(richTextOf(text)).toBe('old text')
    const repairs = newRepairs()
    expect(readRichText(doc.getMap('junk'), 'card c.description', repairs)).toBe('')
    expect(readRichText(42, 'card c.description', repairs)).toBe('42')
    expect(readRichText(undefined, 'card c.description', repairs)).toBe('')
    expect(repairs.notes).toEqual([
      'At card c.description: expected rich text; shown empty',
      'At card c.description: expected rich text, got number',
    ])
  })

  test('junk inside a fragment (unknown elements, deep nesting) never throws', () => {
    const doc = new Y.Doc()
    const fragment = doc.getXmlFragment('f')
    let inner = element('paragraph', [new Y.XmlText('deep')])
    for (let i = 0; i < 200; i++) inner = element(i % 2 ? 'blockquote' : 'mystery', [inner])
    fragment.insert(0, [inner, new Y.XmlText('loose text'), element('bulletList', [p('not an item')])])
    expect(() => richTextOf(fragment)).not.toThrow()
    expect(richTextOf(fragment)).toContain('loose text')
  })
})

describe('setRichText', () => {
  test('changing one line edits only that paragraph: others keep their identity and formatting', () => {
    const { doc, fragment } = stored('Keep me\nChange me\nKeep me too')
    const [first, second, third] = fragment.toArray() as Y.XmlElement[]
    ;(first!.toArray()[0] as Y.XmlText).format(0, 4, { bold: {} })
    ;(second!.toArray()[0] as Y.XmlText).format(0, 6, { italic: {} })
    doc.transact(() => setRichText(fragment, 'Keep me\nChange me now\nKeep me too'))
    const after = fragment.toArray()
    expect(after[0]).toBe(first)
    expect(after[1]).toBe(second)
    expect(after[2]).toBe(third)
    expect((first!.toArray()[0] as Y.XmlText).toDelta()[0]).toEqual({
      insert: 'Keep',
      attributes: { bold: {} },
    })
    expect((second!.toArray()[0] as Y.XmlText).toDelta()).toEqual([
      { insert: 'Change', attributes: { italic: {} } },
      { insert: ' me now' },
    ])
    expect(richTextOf(fragment)).toBe('Keep me\nChange me now\nKeep me too')
  })

  test('lines are added and removed in the middle, and a list is replaced by the paragraphs asked for', () => {
    const { doc, fragment } = stored('a\nb\nc')
    doc.transact(() => setRichText(fragment, 'a\nx\ny\nc'))
    expect(richTextOf(fragment)).toBe('a\nx\ny\nc')
    doc.transact(() => setRichText(fragment, 'c'))
    expect(richTextOf(fragment)).toBe('c')
    doc.transact(() => fragment.insert(0, [xmlList('bulletList', ['item'])]))
    expect(richTextOf(fragment)).toBe('- item\nc')
    doc.transact(() => setRichText(fragment, 'plain\nc'))
    expect((fragment.toArray() as Y.XmlElement[]).map((b) => b.nodeName)).toEqual(['paragraph', 'paragraph'])
    expect(richTextOf(fragment)).toBe('plain\nc')
    doc.transact(() => setRichText(fragment, ''))
    expect(fragment.length).toBe(0)
  })

  test('setting the text it already holds changes nothing', () => {
    const { doc, fragment } = stored('Same\ntext')
    const before = Y.encodeStateVector(doc)
    doc.transact(() => setRichText(fragment, 'Same\ntext'))
    expect(Y.encodeStateVector(doc)).toEqual(before)
  })

  test('two replicas changing different lines at once both keep their change', () => {
    const a = stored('one\ntwo\nthree')
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a.doc))
    const fb = b.getXmlFragment('f')
    a.doc.transact(() => setRichText(a.fragment, 'one!\ntwo\nthree'))
    b.transact(() => setRichText(fb, 'one\ntwo\nthree?'))
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a.doc))
    expect(richTextOf(a.fragment)).toBe('one!\ntwo\nthree?')
    expect(richTextOf(fb)).toBe('one!\ntwo\nthree?')
  })
})

describe('readBoard over rich-text fields', () => {
  test('shows descriptions and plan text as plain strings, whatever shape the fields hold', () => {
    const doc = boardDoc()
    addCard(doc, { kind: 'hypothesis', title: 'H', stageId: 'acquire', id: 'h' })
    addCard(doc, { kind: 'initiative', title: 'Junk', stageId: 'acquire', id: 'j' })
    addCard(doc, { kind: 'initiative', title: 'Old', stageId: 'acquire', id: 'old' })
    updateCard(doc, 'h', {
      description: 'Two\nlines',
      hypothesis: { statement: 'We believe', triggers: 'Kill if' },
    })
    const junk = cardRecord(doc, 'j')
    junk.set('description', new Y.Map())
    const old = cardRecord(doc, 'old')
    const text = new Y.Text()
    old.set('description', text)
    text.insert(0, 'typed before rich text')
    const plan = cardRecord(doc, 'h').get('hypothesis') as Y.Map<unknown>
    plan.set('expectedImpact', new Y.Array())
    const board = readBoard(replicaOf(doc))
    const byId = Object.fromEntries(board.cards.map((c) => [c.id, c]))
    expect(byId.h!.description).toBe('Two\nlines')
    expect(byId.h!.hypothesis).toMatchObject({
      statement: 'We believe',
      triggers: 'Kill if',
      expectedImpact: '',
    })
    expect(byId.j!.description).toBe('')
    expect(byId.old!.description).toBe('typed before rich text')
    expect(board.repairs).toEqual([
      'At card h.hypothesis.expectedImpact: expected rich text; shown empty',
      'At card j.description: expected rich text; shown empty',
    ])
  })

  test('updateCard writes text into the fragment line by line and replaces a broken field', () => {
    const doc = boardDoc()
    addCard(doc, { kind: 'initiative', title: 'C', stageId: 'acquire', id: 'c' })
    const fragment = cardRecord(doc, 'c').get('description')
    expect(fragment).toBeInstanceOf(Y.XmlFragment)
    expect(updateCard(doc, 'c', { description: 'a\nb' }).ok).toBe(true)
    expect(cardRecord(doc, 'c').get('description')).toBe(fragment)
    expect((fragment as Y.XmlFragment).toString()).toBe('<paragraph>a</paragraph><paragraph>b</paragraph>')
    cardRecord(doc, 'c').set('description', 5)
    expect(updateCard(doc, 'c', { description: 'fixed' }).ok).toBe(true)
    expect(richTextOf(cardRecord(doc, 'c').get('description'))).toBe('fixed')
    expect(cardRecord(doc, 'c').get('description')).toBeInstanceOf(Y.XmlFragment)
  })
})
