// dnd-kit's PointerSensor for mouse and pen only: touch goes to the TouchSensor, whose press-and-hold
// delay leaves normal scrolling alone on tablets. Both reacting to one touch would fight.

import { PointerSensor, type PointerSensorOptions } from '@dnd-kit/core'
import type { PointerEvent } from 'react'

export class MouseAndPenSensor extends PointerSensor {
  static override activators = [
    {
      eventName: 'onPointerDown' as const,
      handler: ({ nativeEvent: event }: PointerEvent, { onActivation }: PointerSensorOptions) => {
        if (!event.isPrimary || event.button !== 0 || event.pointerType === 'touch') return false
        onActivation?.({ event })
        return true
      },
    },
  ]
}
