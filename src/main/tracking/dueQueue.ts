/** A min-heap of (due time, key) with lazy deletion by generation, for the poll queue. */
export class DueQueue {
  private heap: Array<{ at: number; key: string; gen: number }> = []

  get size(): number {
    return this.heap.length
  }

  push(at: number, key: string, gen: number): void {
    const h = this.heap
    h.push({ at, key, gen })
    let i = h.length - 1
    while (i > 0) {
      const p = (i - 1) >> 1
      if ((h[p] as { at: number }).at <= (h[i] as { at: number }).at) break
      ;[h[p], h[i]] = [h[i]!, h[p]!]
      i = p
    }
  }

  peek(): { at: number; key: string; gen: number } | undefined {
    return this.heap[0]
  }

  pop(): { at: number; key: string; gen: number } | undefined {
    const h = this.heap
    const top = h[0]
    const last = h.pop()
    if (h.length > 0 && last) {
      h[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < h.length && h[l]!.at < h[m]!.at) m = l
        if (r < h.length && h[r]!.at < h[m]!.at) m = r
        if (m === i) break
        ;[h[m], h[i]] = [h[i]!, h[m]!]
        i = m
      }
    }
    return top
  }

  /** every entry due at `now` (stale ones included), in no particular order; the queue is unchanged */
  *dueEntries(now: number): Generator<{ at: number; key: string; gen: number }> {
    const h = this.heap
    const stack = h.length > 0 ? [0] : []
    while (stack.length > 0) {
      const i = stack.pop()!
      const e = h[i]!
      // a heap's children are never due before their parent
      if (e.at > now) continue
      yield e
      if (2 * i + 1 < h.length) stack.push(2 * i + 1)
      if (2 * i + 2 < h.length) stack.push(2 * i + 2)
    }
  }

  clear(): void {
    this.heap = []
  }
}
