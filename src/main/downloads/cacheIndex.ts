// The cache's bookkeeping: every cached file with its size, in least-recently-used order. Rebuilt from the
// folders at start (file mtimes carry the order across restarts: a use touches the file, at most once a minute).
import fs from 'node:fs/promises'
import path from 'node:path'
import { isPartFileName } from './partFile'

export type CacheKind = 'image' | 'thumb'

interface Entry {
  file: string
  kind: CacheKind
  bytes: number
  touchedAt: number
}

const TOUCH_EVERY_MS = 60_000
/** Partial files older than this are leftovers of a crash (a live fetch touches its file continuously). */
const STALE_PART_MS = 10 * 60_000

export class CacheIndex {
  /** Map order is LRU order: first = least recently used */
  private readonly entries = new Map<string, Entry>()
  private total = 0
  private readonly pins = new Map<string, number>()

  constructor(
    private readonly now: () => number,
    private readonly maxBytes: number
  ) {}

  async load(folders: Array<{ dir: string; kind: CacheKind }>): Promise<void> {
    const found: Entry[] = []
    for (const { dir, kind } of folders) {
      await fs.mkdir(dir, { recursive: true })
      for (const name of await fs.readdir(dir)) {
        const file = path.join(dir, name)
        const st = await fs.stat(file).catch(() => null)
        if (!st?.isFile()) continue
        if (isPartFileName(name)) {
          if (this.now() - st.mtimeMs > STALE_PART_MS) await fs.rm(file, { force: true }).catch(() => undefined)
          continue
        }
        found.push({ file, kind, bytes: st.size, touchedAt: st.mtimeMs })
      }
    }
    found.sort((a, b) => a.touchedAt - b.touchedAt)
    for (const e of found) this.put(e)
  }

  usage(): { bytes: number; files: number; maxBytes: number } {
    return { bytes: this.total, files: this.entries.size, maxBytes: this.maxBytes }
  }

  has(file: string): boolean {
    return this.entries.has(file)
  }

  /** Marks a cached file used; false when the index does not know it. */
  use(file: string): boolean {
    const e = this.entries.get(file)
    if (!e) return false
    this.entries.delete(file)
    this.entries.set(file, e)
    const now = this.now()
    if (now - e.touchedAt >= TOUCH_EVERY_MS) {
      e.touchedAt = now
      const t = new Date(now)
      void fs.utimes(file, t, t).catch(() => undefined)
    }
    return true
  }

  add(file: string, kind: CacheKind, bytes: number): void {
    this.put({ file, kind, bytes, touchedAt: this.now() })
  }

  forget(file: string): void {
    const e = this.entries.get(file)
    if (!e) return
    this.entries.delete(file)
    this.total -= e.bytes
  }

  /** Keeps a file from eviction while it is being read (a thumbnail being made from it). */
  pin(file: string): () => void {
    this.pins.set(file, (this.pins.get(file) ?? 0) + 1)
    let done = false
    return () => {
      if (done) return
      done = true
      const n = (this.pins.get(file) ?? 1) - 1
      if (n <= 0) this.pins.delete(file)
      else this.pins.set(file, n)
    }
  }

  /**
   * Deletes least recently used files until the cache fits `target` bytes: full-size images first (they can be
   * fetched again, and are what fills a cache), thumbnails only when images alone cannot make room. The most
   * recently used file is never evicted (it was just handed to a caller), nor a pinned one.
   */
  async evict(target = this.maxBytes): Promise<number> {
    let removed = 0
    const newest = [...this.entries.keys()].pop()
    for (const kind of ['image', 'thumb'] as const) {
      for (const e of [...this.entries.values()]) {
        if (this.total <= target) return removed
        if (e.kind !== kind || e.file === newest || this.pins.has(e.file)) continue
        this.forget(e.file)
        await fs.rm(e.file, { force: true }).catch(() => undefined)
        removed++
      }
    }
    return removed
  }

  private put(e: Entry): void {
    this.forget(e.file)
    this.entries.set(e.file, e)
    this.total += e.bytes
  }
}
