// The stock y-websocket provider, except for what it sends other tabs of this browser when it
// connects: it asks them for what they have (sync step 1) instead of also sending them the whole
// board (sync step 2, several hundred milliseconds of encoding on a 2,000-card board, on the path of
// opening it). A tab holds nothing another tab lacks at that point: tabs load the same IndexedDB copy,
// and each sends its own edits to the others as it makes them.

import * as bc from 'lib0/broadcastchannel'
import * as encoding from 'lib0/encoding'
import { encodeAwarenessUpdate } from 'y-protocols/awareness'
import { writeSyncStep1 } from 'y-protocols/sync'
import { messageAwareness, messageQueryAwareness, messageSync, WebsocketProvider } from 'y-websocket'

function message(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, type)
  write(encoder)
  return encoding.toUint8Array(encoder)
}

export class BoardProvider extends WebsocketProvider {
  override connectBc(): void {
    if (this.disableBc) return
    if (!this.bcconnected) {
      bc.subscribe(this.bcChannel, this._bcSubscriber)
      this.bcconnected = true
    }
    // As the stock provider, minus its unasked-for sync step 2: ask, then say who is here.
    bc.publish(
      this.bcChannel,
      message(messageSync, (e) => writeSyncStep1(e, this.doc)),
      this,
    )
    bc.publish(
      this.bcChannel,
      message(messageQueryAwareness, () => {}),
      this,
    )
    const presence = encodeAwarenessUpdate(this.awareness, [this.doc.clientID])
    bc.publish(
      this.bcChannel,
      message(messageAwareness, (e) => encoding.writeVarUint8Array(e, presence)),
      this,
    )
  }
}
