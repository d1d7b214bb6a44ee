// Download outcomes reach the history store in small transactions, not one fsync'd commit per state change:
// hundreds of files a second would otherwise spend their time in SQLite. Before each commit the folders that
// received files since the last one are synced (a group commit), so history never says 'done' for a rename a
// power cut could undo. A crash loses at most the last interval's states, which a re-run repairs (the files on
// disk are found again by size + sha256).
import type { Clock } from '../tracking/clock'
import type { HistoryStore, ImageDownloadUpdate } from '../history'

interface Item {
  taskId: string
  index: number
  update: ImageDownloadUpdate
}

export class HistoryWriter {
  private queue: Item[] = []
  private timer: unknown = null
  private chain: Promise<void> = Promise.resolve()
  private readonly dirtyFolders = new Set<string>()
  /** failures to write (the store closed, a disk error): reported, never thrown into a download */
  readonly errors: string[] = []

  constructor(
    private readonly history: HistoryStore,
    private readonly clock: Clock,
    private readonly syncFolder: (folder: string) => Promise<void>,
    private readonly intervalMs = 200,
    private readonly maxQueued = 200
  ) {}

  /** `folder`: where this update's file was renamed; it is synced before the update is committed */
  set(taskId: string, index: number, update: ImageDownloadUpdate, folder?: string): void {
    this.queue.push({ taskId, index, update })
    if (folder !== undefined) this.dirtyFolders.add(folder)
    if (this.queue.length >= this.maxQueued) void this.flush()
    else if (this.timer === null) this.timer = this.clock.setTimeout(() => void this.flush(), this.intervalMs)
  }

  /** Commits everything queued so far (after syncing the folders it touched); resolves when done. */
  flush(): Promise<void> {
    if (this.timer !== null) this.clock.clearTimeout(this.timer)
    this.timer = null
    const items = this.queue
    const folders = [...this.dirtyFolders]
    this.queue = []
    this.dirtyFolders.clear()
    this.chain = this.chain.then(async () => {
      await Promise.all(folders.map((f) => this.syncFolder(f).catch(() => undefined)))
      if (items.length > 0) this.commit(items)
    })
    return this.chain
  }

  private commit(items: Item[]): void {
    try {
      this.history.batch(() => {
        for (const { taskId, index, update } of items) this.history.setImageDownload(taskId, index, update)
      })
    } catch (e) {
      this.errors.push(`Recording ${items.length} download outcome(s) in history failed: ${e instanceof Error ? e.message : String(e)}`)
    }
  }
}
