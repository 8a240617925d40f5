// One click to the sample board, when the server has one.

import { useEffect, useState } from 'react'
import { getSampleBoard, type SampleBoard } from '../api/boardsApi'
import { navigate, parseInviteUrl } from '../app/route'
import { rememberBoard } from '../state/joinedBoards'

export function SampleBoardCard() {
  const [sample, setSample] = useState<SampleBoard | null>(null)

  useEffect(() => {
    let cancelled = false
    void getSampleBoard().then((res) => {
      if (!cancelled && res.ok) setSample(res.value)
    })
    return () => {
      cancelled = true
    }
  }, [])

  const invite = sample ? parseInviteUrl(sample.url) : null
  if (!sample || !invite) return null
  return (
    <section className="panel sample" aria-labelledby="sample-title">
      <h2 id="sample-title" className="panel-title">
        New to Tideboard?
      </h2>
      <p className="hint">
        Explore “{sample.title}”: a cross-functional plan on the Get, Keep and Grow funnel, with shared KPIs.
      </p>
      <button
        type="button"
        className="button"
        onClick={() => {
          rememberBoard({ id: invite.boardId, token: invite.token, role: 'owner', title: sample.title })
          navigate(`/b/${encodeURIComponent(invite.boardId)}`)
        }}
      >
        Open the sample board
      </button>
    </section>
  )
}
