// The connection state in words and an icon (never colour alone), announced politely on change.

import type { ConnectionStatus } from '../sync/connectBoard'
import { CloudOffIcon, CloudOkIcon, CloudSyncIcon } from '../ui/icons'

const TEXT: Record<ConnectionStatus, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
}

const HINT: Record<ConnectionStatus, string> = {
  connecting: 'Opening the live connection to the board',
  connected: 'Live: changes are saved and shared as you make them',
  reconnecting: 'Connection lost; changes are kept on this device and sent when it is back',
  offline: 'No network; changes are kept on this device and sent when you are back online',
}

export function ConnectionIndicator({ status }: { status: ConnectionStatus }) {
  const Icon = status === 'connected' ? CloudOkIcon : status === 'offline' ? CloudOffIcon : CloudSyncIcon
  return (
    <div
      role="status"
      className={`connection connection-${status}`}
      data-connection={status}
      title={HINT[status]}
    >
      <Icon size={18} />
      <span>{TEXT[status]}</span>
    </div>
  )
}
