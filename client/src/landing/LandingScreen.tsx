// The start page: boards this browser joined, and ways to a new one (create, import, sample).
// Offline it still lists the joined boards (they open from this device) and says so.

import { useEffect, useState } from 'react'
import type { CreatedBoard } from '../api/boardsApi'
import { useOnline } from '../offline/useOnline'
import { Logo } from '../ui/Logo'
import { CreatedBoardPanel } from './CreatedBoardPanel'
import { ImportBoardForm } from './ImportBoardForm'
import { JoinedBoardList } from './JoinedBoardList'
import { NewBoardForm } from './NewBoardForm'
import { SampleBoardCard } from './SampleBoardCard'

export function LandingScreen() {
  const [created, setCreated] = useState<CreatedBoard | null>(null)
  const online = useOnline()

  useEffect(() => {
    document.title = 'Tideboard'
  }, [])

  return (
    <div className="landing">
      <header className="app-header">
        <Logo />
        <p className="tagline">One plan to get, keep and grow customers, together.</p>
      </header>
      {!online && (
        <p className="banner banner-offline" role="status">
          You are offline. Boards you have opened on this device still open and keep your changes; creating or
          importing a board needs the network.
        </p>
      )}
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
