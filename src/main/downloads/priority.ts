// Who comes first on the line: what a person is looking at (the detail pane's thumbnails, the lightbox) over batch
// downloads. The image cache enters while it fetches; running batches yield while anyone is inside: they start
// nothing new and stop their youngest transfers (kept as partial files, resumed with Range afterwards), so a far
// line's capacity goes to the image on screen instead of being shared with dozens of batch connections.
import { EventEmitter } from 'node:events'

/** A priority fetch holds the line at most this long: one that stalls must not hold batches for its retries. */
const MAX_HOLD_MS = 5_000

export class LinePriority extends EventEmitter<{ change: [active: number] }> {
  private inside = 0

  constructor(private readonly maxHoldMs = MAX_HOLD_MS) {
    super()
  }

  /** Fetches waiting for a person right now. */
  get active(): number {
    return this.inside
  }

  /** Marks one such fetch; call the returned function (once) when it is over. */
  enter(): () => void {
    this.inside++
    this.emit('change', this.inside)
    let left = false
    const leave = (): void => {
      if (left) return
      left = true
      clearTimeout(timer)
      this.inside--
      this.emit('change', this.inside)
    }
    const timer = setTimeout(leave, this.maxHoldMs)
    timer.unref?.()
    return leave
  }
}

/**
 * Files a batch may keep on the network while `active` priority fetches run: a quarter of its limit less one per
 * such fetch, possibly none. The limit climbs to where the line is full or up to twice that, so what is kept
 * leaves each priority fetch its connection's own pace; the pause lasts about one image's transfer.
 */
export function yieldedLimit(limit: number, active: number): number {
  return active > 0 ? Math.max(0, Math.floor(limit / 4) - active) : limit
}
