// settings.downloads.autoDownload, in main: a task that finished with images not yet downloaded goes to the
// default folder. It runs whether a window is open or not (macOS keeps the app running with none); the renderer
// only shows the batches it starts. Tasks that finish close together share one batch.
import type { TaskRecord } from '../../shared/history'
import type { AutoDownloadSkipped } from '../../shared/ipc'
import { systemClock, type Clock } from '../tracking/clock'

/** Tasks that finish within this long of each other go into one batch. */
export const AUTO_BATCH_MS = 1500

export interface AutoDownloadDeps {
  /** the current settings' switch and default folder */
  settings: () => { autoDownload: boolean; folder: string | null }
  /** starts a batch of these finished tasks into the folder (the download service) */
  start: (taskIds: string[], folder: string) => void
  /** said once while auto-download is on but cannot run (no folder), until it can again */
  skipped: (notice: AutoDownloadSkipped) => void
  clock?: Clock
  batchMs?: number
}

export class AutoDownload {
  private readonly queued = new Set<string>()
  /** each task is fetched automatically once per run; a failed file is the person's to retry */
  private readonly started = new Set<string>()
  private timer: unknown = null
  private warned = false
  private enabled = false
  private readonly clock: Clock

  constructor(private readonly deps: AutoDownloadDeps) {
    this.clock = deps.clock ?? systemClock
  }

  /** The app turns it on at start; the CLI leaves it off (it downloads only what a command asks for). */
  enable(): void {
    this.enabled = true
  }

  /** Feed every task update here (the event hub's 'task:updated'). */
  taskUpdated(r: TaskRecord): void {
    if (!this.enabled || !this.due(r)) return
    const s = this.deps.settings()
    if (!s.autoDownload) return
    if (!s.folder) {
      if (!this.warned) this.deps.skipped({ reason: 'noFolder', tasks: 1 })
      this.warned = true
      return
    }
    this.queued.add(r.taskId)
    this.timer ??= this.clock.setTimeout(() => this.flush(), this.deps.batchMs ?? AUTO_BATCH_MS)
  }

  /** Drops what is queued (the app is closing). */
  close(): void {
    this.enabled = false
    if (this.timer !== null) this.clock.clearTimeout(this.timer)
    this.timer = null
    this.queued.clear()
  }

  private due(r: TaskRecord): boolean {
    return r.displayStatus === 'finished' && r.imageCount > r.imagesDownloaded && !this.started.has(r.taskId)
  }

  private flush(): void {
    this.timer = null
    const taskIds = [...this.queued]
    this.queued.clear()
    // the folder may have been cleared (or the switch turned off) while the tasks were gathered
    const s = this.deps.settings()
    if (!this.enabled || !s.autoDownload || !s.folder || taskIds.length === 0) return
    this.warned = false
    for (const id of taskIds) this.started.add(id)
    this.deps.start(taskIds, s.folder)
  }
}
