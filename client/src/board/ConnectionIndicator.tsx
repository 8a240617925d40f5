// The connection and save state in words and an icon (never colour alone), announced politely on
// change. "Saved" is the server's word: it says so only once it has stored what this browser sent.

import type { ConnectionStatus } from '../sync/connectBoard'
import { CloudOffIcon, CloudOkIcon, CloudSyncIcon } from '../ui/icons'

export interface SaveState {
  status: ConnectionStatus
  /** The server confirms stored writes (a server without that only ever shows "Connected"). */
  acknowledged: boolean
  /** Edits made here that the server has not confirmed as stored yet. */
  unsaved: number
}

const changes = (n: number) => `${n} unsaved change${n === 1 ? '' : 's'}`
/** "Offline" or "Offline · 2 unsaved changes": the count whenever there is one to tell. */
const withChanges = (text: string, n: number) => (n > 0 ? `${text} · ${changes(n)}` : text)

export function describeSaveState({ status, acknowledged, unsaved }: SaveState): {
  text: string
  hint: string
} {
  switch (status) {
    case 'connecting':
      return { text: withChanges('Connecting…', unsaved), hint: 'Opening the live connection to the board' }
    case 'connected':
      if (!acknowledged) return { text: 'Connected', hint: 'Live: changes are shared as you make them' }
      return unsaved > 0
        ? { text: 'Saving…', hint: `${changes(unsaved)} on their way to the server` }
        : { text: 'All changes saved', hint: 'Live, and everything you changed is stored on the server' }
    case 'reconnecting':
      return {
        text: withChanges('Reconnecting…', unsaved),
        hint: 'Connection lost; changes are kept on this device and sent when it is back',
      }
    case 'offline':
      return {
        text: withChanges('Offline', unsaved),
        hint: 'No network; changes are kept on this device and sent when you are back online',
      }
  }
}

export function ConnectionIndicator(props: SaveState) {
  const { status, unsaved } = props
  const { text, hint } = describeSaveState(props)
  const Icon = status === 'connected' ? CloudOkIcon : status === 'offline' ? CloudOffIcon : CloudSyncIcon
  return (
    <div
      role="status"
      className={`connection connection-${status}`}
      data-connection={status}
      data-unsaved={unsaved}
      title={hint}
    >
      <Icon size={18} />
      <span>{text}</span>
    </div>
  )
}
