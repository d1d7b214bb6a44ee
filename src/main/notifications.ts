import { Notification, type BrowserWindow } from 'electron'
import type { DownloadProgressView, EventName, IpcEvents } from '../shared/ipc'
import type { TaskRecord } from '../shared/history'
import type { NativeWords } from './nativeWords'

/**
 * Native notifications for finished/failed tasks and ended download batches (when the setting allows), and batch
 * progress on the taskbar/dock. Tasks that end together are told in one notification, not one each.
 */
export function createNotifier(opts: { enabled: () => boolean; window: () => BrowserWindow | null; startedAt: number; words: () => NativeWords['notify'] }) {
  const told = new Set<string>()
  let pending: TaskRecord[] = []
  let timer: ReturnType<typeof setTimeout> | null = null

  const show = (title: string, body: string): void => {
    if (!opts.enabled() || !Notification.isSupported()) return
    const n = new Notification({ title, body, silent: false })
    n.on('click', () => {
      const w = opts.window()
      if (w && !w.isDestroyed()) {
        if (w.isMinimized()) w.restore()
        w.focus()
      }
    })
    n.show()
  }

  const flush = (): void => {
    timer = null
    const tasks = pending
    pending = []
    const finished = tasks.filter((t) => t.status === 'finished')
    const failed = tasks.filter((t) => t.status === 'failed')
    const w = opts.words()
    if (tasks.length === 1) {
      const t = tasks[0] as TaskRecord
      show(t.status === 'finished' ? w.taskFinished : w.taskFailed, `${t.taskId}${t.message ? `: ${t.message}` : ''}`)
    } else if (tasks.length > 1) {
      show(w.tasksEnded, [finished.length ? w.finished(finished.length) : '', failed.length ? w.failed(failed.length) : ''].filter(Boolean).join(', '))
    }
  }

  const notifier = {
    /** every event of the services' hub comes here; the ones a person is told about are handled below */
    event<E extends EventName>(event: E, payload: IpcEvents[E]): void {
      if (event === 'task:updated') notifier.taskUpdated(payload as TaskRecord)
      else if (event === 'download:progress') notifier.downloadProgress(payload as DownloadProgressView)
      else if (event === 'download:done') notifier.downloadDone(payload as DownloadProgressView)
    },
    taskUpdated(t: TaskRecord): void {
      if ((t.status !== 'finished' && t.status !== 'failed') || t.finishedAt === null || t.finishedAt < opts.startedAt) return
      if (told.has(t.taskId)) return
      told.add(t.taskId)
      pending.push(t)
      timer ??= setTimeout(flush, 1500)
    },
    downloadProgress(p: DownloadProgressView): void {
      const w = opts.window()
      if (w && !w.isDestroyed() && p.filesTotal > 0) w.setProgressBar((p.downloaded + p.failed + p.skipped) / p.filesTotal)
    },
    downloadDone(p: DownloadProgressView): void {
      const w = opts.window()
      if (w && !w.isDestroyed()) w.setProgressBar(-1)
      if (p.state === 'cancelled') return
      const words = opts.words()
      show(p.failed > 0 ? words.downloadsFailed : words.downloadsDone, words.downloadBody(p.downloaded, p.failed, p.folder))
    }
  }
  return notifier
}
