// Download batches the app knows about (started here, or still running in main after a reload), fed by the
// download:progress / download:done events.
import { create } from 'zustand'
import type { AutoDownloadSkipped, DownloadProgressView, DownloadRequest } from '../../../shared/ipc'
import { startingView } from '../../../shared/downloads'
import { call, reportError } from '../api'
import { t } from '../i18n'
import { toast } from './toasts'

export interface Batch extends DownloadProgressView {
  /** what the person asked for, for "retry" and the panel's title */
  label: string
  startedAt: number
}

/** The title of a batch this window did not start (auto-download in main, or one from before a reload). */
function labelOf(v: DownloadProgressView): string {
  return v.origin === 'auto' ? t('messages.autoLabel', { count: v.tasks ?? 0 }) : t('messages.downloadLabel')
}

/** finished batches kept in the panel */
const KEEP_FINISHED = 5
const AUTO_DISMISS_MS = 8_000

interface DownloadsState {
  batches: Batch[]
  collapsed: boolean
  load(): Promise<void>
  start(req: DownloadRequest, label: string): Promise<string | null>
  update(view: DownloadProgressView): void
  cancel(batchId: string): Promise<void>
  dismiss(batchId: string): void
  setCollapsed(c: boolean): void
  /** main's auto-download could not start (no default folder): said once per window */
  autoSkipped(notice: AutoDownloadSkipped): void
}

export const useDownloads = create<DownloadsState>()((set, get) => {
  let warnedNoFolder = false
  return {
    batches: [],
    collapsed: false,
    async load() {
      try {
        const views = await call('downloads:status')
        const known = new Set(get().batches.map((b) => b.batchId))
        // running batches, and those that ended recently (e.g. resumed after a restart and done before this load)
        const fresh = views.filter((v) => !known.has(v.batchId))
        if (fresh.length) set({ batches: [...get().batches, ...fresh.map((v) => ({ ...v, label: labelOf(v), startedAt: Date.now() }))] })
      } catch (e) {
        reportError(e, 'Downloads')
      }
    },
    async start(req, label) {
      try {
        const { batchId } = await call('downloads:start', req)
        const existing = get().batches.find((b) => b.batchId === batchId)
        if (existing) set({ batches: get().batches.map((b) => (b.batchId === batchId ? { ...b, label } : b)) })
        else set({ batches: [...get().batches, { ...startingView(batchId, req.folder, 'user', req.taskIds?.length ?? null), label, startedAt: Date.now() }] })
        set({ collapsed: false })
        return batchId
      } catch (e) {
        reportError(e, t('messages.downloadNotStarted'))
        return null
      }
    },
    update(view) {
      const batches = get().batches
      const i = batches.findIndex((b) => b.batchId === view.batchId)
      // a late progress event must not turn a finished batch back to running
      if (i >= 0 && batches[i]!.state !== 'running' && view.state === 'running') return
      let next = batches.slice()
      if (i >= 0) next[i] = { ...batches[i]!, ...view }
      else next.push({ ...view, label: labelOf(view), startedAt: Date.now() })
      // only the last few finished batches stay in the panel
      const finished = next.filter((b) => b.state !== 'running')
      if (finished.length > KEEP_FINISHED) {
        const drop = new Set(finished.slice(0, finished.length - KEEP_FINISHED).map((b) => b.batchId))
        next = next.filter((b) => !drop.has(b.batchId))
      }
      set({ batches: next })
      const b = next.find((x) => x.batchId === view.batchId)
      // an auto-download leaves the panel once done without errors
      if (b?.origin === 'auto' && b.state === 'done') window.setTimeout(() => get().dismiss(b.batchId), AUTO_DISMISS_MS)
    },
    async cancel(batchId) {
      try {
        await call('downloads:cancel', { batchId })
      } catch (e) {
        reportError(e, t('messages.couldNotCancel'))
      }
    },
    dismiss(batchId) {
      set({ batches: get().batches.filter((b) => b.batchId !== batchId) })
    },
    setCollapsed(collapsed) {
      set({ collapsed })
    },
    autoSkipped(notice) {
      if (notice.reason !== 'noFolder' || warnedNoFolder) return
      warnedNoFolder = true
      toast.info(t('messages.autoNoFolder'))
    }
  }
})
