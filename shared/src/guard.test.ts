import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { touchesOfUpdate } from './guard.js'
import { addCard } from './ops/addCard.js'
import { initBoard } from './ops/initBoard.js'
import { updateCard } from './ops/updateCard.js'
import { xmlList } from './testSupport/richTextNodes.js'
import { checkClientWrite } from './writePolicy.js'

/** Two replicas in sync; `edit` runs on the client, the update it makes is checked on the server. */
function scenario(setup: (doc: Y.Doc) => void) {
  const server = new Y.Doc()
  setup(server)
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
  return {
    server,
    client,
    touches(edit: (doc: Y.Doc) => void) {
      const before = Y.encodeStateVector(client)
      edit(client)
      return touchesOfUpdate(server, Y.encodeStateAsUpdate(client, before))
    },
  }
}

/** Touches as `root/key`, one entry per record (fields folded). */
const sorted = (r: ReturnType<typeof touchesOfUpdate>) =>
  r.ok ? [...new Set(r.value.map((t) => `${t.root}/${t.key ?? ''}`))].sort() : [`error: ${r.error}`]

describe('touchesOfUpdate', () => {
  it('names the root and top-level key of a new map entry', () => {
    const s = scenario(() => {})
    expect(sorted(s.touches((d) => d.getMap('cards').set('c1', new Y.Map())))).toEqual(['cards/c1'])
  })

  it('finds forged writes to a server-owned root, first write and overwrite alike', () => {
    const setup = (d: Y.Doc) => d.getMap('decisions').set('d1', 'approve')
    const overwrite = scenario(setup).touches((d) => d.getMap('decisions').set('d1', 'forged'))
    expect(sorted(overwrite)).toEqual(['decisions/d1'])
    const fresh = scenario(setup).touches((d) => d.getMap('decisions').set('d2', 'forged'))
    expect(sorted(fresh)).toEqual(['decisions/d2'])
  })

  it('resolves changes nested deep inside an existing record to its root entry', () => {
    const s = scenario((d) => {
      const decision = new Y.Map<unknown>()
      const history = new Y.Array<string>()
      decision.set('history', history)
      d.getMap('decisions').set('d1', decision)
    })
    const edit = (d: Y.Doc) => {
      const decision = d.getMap('decisions').get('d1') as Y.Map<unknown>
      ;(decision.get('history') as Y.Array<string>).push(['forged'])
      decision.set('verdict', 'approve')
    }
    expect(sorted(s.touches(edit))).toEqual(['decisions/d1'])
  })

  it('names the field of a record an update sets and the value it sets there', () => {
    const setup = (d: Y.Doc) => {
      const card = new Y.Map<unknown>()
      card.set('status', 'proposed')
      card.set('title', 'Bet')
      const text = new Y.Text()
      text.insert(0, 'notes')
      card.set('description', text)
      d.getMap('cards').set('c1', card)
    }
    const r = scenario(setup).touches((d) => {
      const card = d.getMap('cards').get('c1') as Y.Map<unknown>
      card.set('status', 'approved')
      ;(card.get('description') as Y.Text).insert(5, ' approved')
    })
    expect(r.ok).toBe(true)
    const touches = r.ok ? r.value : []
    const status = touches.find((t) => t.field === 'status')
    expect(status).toMatchObject({ root: 'cards', key: 'c1', values: ['approved'], deletes: true })
    // Text typed inside a field is not a value set on the field.
    expect(touches.find((t) => t.field === 'description')).toMatchObject({ values: [], deletes: false })
    expect(touches.some((t) => t.field === 'title')).toBe(false)
  })

  it('names the field for a first write (no neighbour) and a new record alike', () => {
    const first = scenario((d) => d.getMap('cards').set('c1', new Y.Map())).touches((d) =>
      (d.getMap('cards').get('c1') as Y.Map<unknown>).set('status', 'declined'),
    )
    expect(first.ok && first.value).toEqual([
      { root: 'cards', key: 'c1', field: 'status', values: ['declined'], deletes: false },
    ])
    const created = scenario(() => {}).touches((d) => {
      const card = new Y.Map<unknown>()
      card.set('status', 'approved')
      d.getMap('cards').set('c2', card)
    })
    expect(created.ok && created.value.find((t) => t.field === 'status')?.values).toEqual(['approved'])
  })

  it('finds deletions of server-owned entries', () => {
    const s = scenario((d) => d.getMap('members').set('m1', 'leader'))
    expect(sorted(s.touches((d) => d.getMap('members').delete('m1')))).toEqual(['members/m1'])
  })

  it('resolves an insert in the middle of existing text through its neighbours', () => {
    const s = scenario((d) => {
      const card = new Y.Map<unknown>()
      const text = new Y.Text()
      text.insert(0, 'Hello world')
      card.set('description', text)
      d.getMap('cards').set('c1', card)
    })
    const edit = (d: Y.Doc) => {
      const text = (d.getMap('cards').get('c1') as Y.Map<unknown>).get('description') as Y.Text
      text.insert(5, ' brave')
      text.delete(0, 1)
    }
    expect(sorted(s.touches(edit))).toEqual(['cards/c1'])
  })

  it('lists every root a transaction touches', () => {
    const s = scenario((d) => d.getMap('meta').set('title', 'Plan'))
    const edit = (d: Y.Doc) =>
      d.transact(() => {
        d.getMap('meta').set('title', 'New plan')
        d.getMap('cards').set('c9', 'x')
        d.getArray('log').push(['entry'])
      })
    expect(sorted(s.touches(edit))).toEqual(['cards/c9', 'log/', 'meta/title'])
  })

  it('refuses a delete of items the server has not written yet (a forged future id)', () => {
    const server = new Y.Doc()
    server.getMap('decisions').set('d1', 'approve')
    const future = Y.getState(server.store, server.clientID) + 3
    const withDelete = encodeDeleteOnly(server.clientID, future, 1)
    expect(touchesOfUpdate(server, withDelete)).toEqual({
      ok: false,
      error: 'the update deletes items this board does not have',
    })
  })

  it('refuses an update whose items hang off unknown items', () => {
    const a = new Y.Doc()
    a.getMap('cards').set('c1', new Y.Map())
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    const sv = Y.encodeStateVector(b)
    ;(b.getMap('cards').get('c1') as Y.Map<unknown>).set('title', 'x')
    const server = new Y.Doc() // has never seen c1
    expect(touchesOfUpdate(server, Y.encodeStateAsUpdate(b, sv)).ok).toBe(false)
  })

  it('fails cleanly on malformed bytes', () => {
    const r = touchesOfUpdate(new Y.Doc(), new Uint8Array([5, 200, 1, 2]))
    expect(r.ok).toBe(false)
  })

  it('agrees with what applying the update really changes (random edits, seeded)', () => {
    let seed = 42
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff
      return seed / 0x7fffffff
    }
    const roots = ['cards', 'decisions', 'members', 'meta']
    for (let round = 0; round < 1000; round++) {
      const server = new Y.Doc()
      const client = new Y.Doc()
      // A shared history first.
      for (let i = 0; i < 5; i++) {
        const m = client.getMap(roots[Math.floor(rand() * roots.length)]!)
        const inner = new Y.Map<unknown>()
        const text = new Y.Text()
        text.insert(0, 'abcdef')
        inner.set('t', text)
        m.set(`k${Math.floor(rand() * 4)}`, inner)
      }
      Y.applyUpdate(server, Y.encodeStateAsUpdate(client))
      const before = Y.encodeStateVector(client)
      client.transact(() => {
        for (let i = 0; i < 3; i++) {
          const m = client.getMap(roots[Math.floor(rand() * roots.length)]!)
          const keys = [...m.keys()]
          const key = keys[Math.floor(rand() * keys.length)]
          const roll = rand()
          if (key && roll < 0.3) m.delete(key)
          else if (key && roll < 0.7) {
            const v = m.get(key)
            if (v instanceof Y.Map && v.get('t') instanceof Y.Text) {
              const t = v.get('t') as Y.Text
              if (t.length > 2 && rand() < 0.5) t.delete(1, 1)
              else t.insert(Math.floor(rand() * (t.length + 1)), 'z')
            } else m.set(key, rand())
          } else m.set(`n${Math.floor(rand() * 3)}`, rand())
        }
      })
      const update = Y.encodeStateAsUpdate(client, before)
      const predicted = touchesOfUpdate(server, update)
      const observed = new Set<string>()
      server.on('afterTransaction', (tr: Y.Transaction) => {
        for (const type of tr.changed.keys()) {
          let top = type
          let key: string | null = null
          while (top._item !== null) {
            key = top._item.parentSub
            top = top._item.parent as typeof type
          }
          for (const sub of tr.changed.get(type) ?? []) {
            observed.add(`${Y.findRootTypeKey(top)}/${type === top ? (sub ?? '') : (key ?? '')}`)
          }
        }
      })
      Y.applyUpdate(server, update)
      expect(predicted.ok, `round ${round}: ${predicted.ok ? '' : predicted.error}`).toBe(true)
      const predictedSet = new Set(sorted(predicted))
      for (const o of observed) expect(predictedSet.has(o), `round ${round}: ${o} not predicted`).toBe(true)
    }
  })
})

/** An update with no structs and one delete range: the form a forged future delete would take. */
function encodeDeleteOnly(client: number, clock: number, len: number): Uint8Array {
  const varuint = (n: number): number[] => {
    const out: number[] = []
    while (n > 0x7f) {
      out.push((n & 0x7f) | 0x80)
      n >>>= 7
    }
    out.push(n)
    return out
  }
  return new Uint8Array([
    0,
    ...varuint(1),
    ...varuint(client),
    ...varuint(1),
    ...varuint(clock),
    ...varuint(len),
  ])
}

describe('rich-text edits', () => {
  /** A board with one hypothesis card, as addCard writes it. */
  const board = (d: Y.Doc) => {
    initBoard(d, { title: 'B' })
    addCard(d, { kind: 'hypothesis', title: 'H', stageId: 'acquire', id: 'h' })
    updateCard(d, 'h', { description: 'First line', hypothesis: { statement: 'We believe' } })
  }
  const card = (d: Y.Doc) => d.getMap('cards').get('h') as Y.Map<unknown>
  const firstRun = (fragment: unknown) =>
    ((fragment as Y.XmlFragment).get(0) as Y.XmlElement).get(0) as Y.XmlText

  it('typing, formatting and new list blocks inside a description or plan field are the card field’s, and members may write them', () => {
    const s = scenario(board)
    const result = s.touches((d) => {
      const description = card(d).get('description') as Y.XmlFragment
      firstRun(description).insert(5, ' typed', { italic: {} })
      firstRun(description).format(0, 5, { bold: {} })
      description.insert(1, [xmlList('bulletList', ['item'])])
      firstRun((card(d).get('hypothesis') as Y.Map<unknown>).get('statement')).delete(0, 3)
    })
    expect(result.ok && result.value.map((t) => [t.root, t.key, t.field, t.values])).toEqual([
      ['cards', 'h', 'description', []],
      ['cards', 'h', 'hypothesis', []],
    ])
    if (!result.ok) throw new Error(result.error)
    expect(checkClientWrite(result.value, 'member')).toEqual({ ok: true, value: undefined })
    expect(checkClientWrite(result.value, 'viewer').ok).toBe(false)
  })
})
