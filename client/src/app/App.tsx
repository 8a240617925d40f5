// The app shell: picks the screen for the current URL.

import { useSyncExternalStore } from 'react'
import { BoardScreen } from '../board/BoardScreen'
import { LandingScreen } from '../landing/LandingScreen'
import { MessageScreen } from '../ui/MessageScreen'
import { Link } from './Link'
import { parseRoute, subscribeLocation } from './route'

export function App() {
  const pathname = useSyncExternalStore(subscribeLocation, () => location.pathname)
  const route = parseRoute(pathname)
  switch (route.name) {
    case 'landing':
      return <LandingScreen />
    case 'board':
      return <BoardScreen key={route.boardId} boardId={route.boardId} />
    case 'notFound':
      return (
        <MessageScreen
          title="Page not found"
          actions={
            <Link to="/" className="button primary">
              Go to your boards
            </Link>
          }
        />
      )
  }
}
