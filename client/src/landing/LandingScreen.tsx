// The start page: boards this browser joined, and ways to a new one (create, import, sample).

import { useEffect, useState } from 'react'
import type { CreatedBoard } from '../api/boardsApi'
import { Logo } from '../ui/Logo'
import { CreatedBoardPanel } from './CreatedBoardPanel'
import { ImportBoardForm } from './ImportBoardForm'
import { JoinedBoardList } from './JoinedBoardList'
import { NewBoardForm } from './NewBoardForm'
import { SampleBoardCard } from './SampleBoardCard'

export function LandingScreen() {
  const [created, setCreated] = useState<CreatedBoard | null>(null)

  useEffect(() => {
    document.title = 'Tideboard'
  }, [])

  return (
    <div className="landing">
      <header className="app-header">
        <Logo />
        <p className="tagline">One plan to get, keep and grow customers, together.</p>
      </header>
      <main className="landing-main">
        <JoinedBoardList />
        <div className="landing-side">
          {created ? (
            <CreatedBoardPanel board={created} onDone={() => setCreated(null)} />
          ) : (
            <>
              <NewBoardForm onCreated={setCreated} />
              <ImportBoardForm onImported={setCreated} />
            </>
          )}
          <SampleBoardCard />
        </div>
      </main>
    </div>
  )
}
