// Actions that touch several stores: removing, re-querying, exporting, downloading, opening a download's folder.
import type { DownloadRequest } from '../../../shared/ipc'
import { call, errorMessage, reportError } from '../api'
import { statusLabel } from '../components/StatusBadge'
import { t } from '../i18n'
import { useApp } from './app'
import { confirm } from './confirm'
import { useDetail } from './detail'
import { useDownloads, type Batch } from './downloads'
import { filterQuery } from '../lib/startupAsks'
import { useTasks } from './tasks'
import { toast } from './toasts'

const REMOVE_CHUNK = 10_000

export async function removeTasks(taskIds: readonly string[]): Promise<void> {
  let removed = 0
  try {
    for (let i = 0; i < taskIds.length; i += REMOVE_CHUNK) {
      removed += (await call('tasks:remove', { taskIds: taskIds.slice(i, i + REMOVE_CHUNK) })).removed
    }
    toast.success(t('messages.removed', { count: removed }))
  } catch (e) {
    reportError(e, removed ? t('messages.removedThenStopped', { count: removed }) : t('messages.couldNotRemove'))
  }
  useTasks.getState().forget(taskIds)
  const detail = useDetail.getState()
  if (detail.taskId !== null && taskIds.includes(detail.taskId)) detail.open(null)
  await useTasks.getState().refresh()
}

/** Asks, then removes the selection (Delete key, toolbar). */
export async function removeSelected(): Promise<void> {
  const tasks = useTasks.getState()
  const count = tasks.selectionCount()
  if (count === 0) return
  const ok = await confirm({
    title: t('messages.removeTitle', { count }),
    body: t('messages.removeBody'),
    confirmLabel: t('messages.remove'),
    danger: true
  })
  if (!ok) return
  let ids: string[]
  try {
    ids = await tasks.selectedIds()
  } catch (e) {
    reportError(e, t('messages.couldNotRemove'))
    return
  }
  if (ids.length) await removeTasks(ids)
}

export async function removeOne(taskId: string): Promise<void> {
  const ok = await confirm({
    title: t('messages.removeOneTitle'),
    body: t('messages.removeOneBody', { taskId }),
    confirmLabel: t('messages.remove'),
    danger: true
  })
  if (ok) await removeTasks([taskId])
}

export async function requery(taskId: string): Promise<void> {
  const detail = useDetail.getState()
  detail.setRequerying(true)
  try {
    const r = await call('tasks:requery', { taskId })
    if (r) useTasks.getState().applyUpdates([r])
    toast.info(r ? t('messages.queriedAgainStatus', { status: statusLabel(r.displayStatus) }) : t('messages.queriedAgain'))
  } catch (e) {
    reportError(e, t('messages.queryFailed'))
  } finally {
    useDetail.getState().setRequerying(false)
    if (useDetail.getState().taskId === taskId) void useDetail.getState().reload()
  }
}

export async function exportHistory(format: 'csv' | 'json', withUrls = false): Promise<void> {
  try {
    const r = await call('tasks:export', { format, filter: filterQuery(useTasks.getState().filter), withUrls })
    if (r.path) toast.success(t('messages.exported', { count: r.count, path: r.path }))
  } catch (e) {
    reportError(e, t('messages.exportFailed'))
  }
}

export async function clearFinished(days: number): Promise<void> {
  try {
    const { removed } = await call('tasks:clearFinished', { olderThanDays: days })
    toast.success(removed ? t('messages.clearedOlder', { tasks: t('messages.finishedTasks', { count: removed }), count: days }) : t('messages.noneThatOld'))
    await useTasks.getState().refresh()
  } catch (e) {
    reportError(e, t('messages.couldNotClear'))
  }
}

/** Remembers the folder and template, then starts the batch. */
export async function startDownload(req: DownloadRequest, label: string): Promise<string | null> {
  const app = useApp.getState()
  const d = app.settings?.downloads
  if (d && (d.folder !== req.folder || (req.template && d.filenameTemplate !== req.template))) {
    try {
      await app.updateSettings({ downloads: { folder: req.folder, ...(req.template ? { filenameTemplate: req.template } : {}) } })
    } catch (e) {
      reportError(e, t('messages.couldNotRemember'))
    }
  }
  return useDownloads.getState().start(req, label)
}

/** Starts the same batch again for the tasks whose files failed. */
export async function retryFailed(b: Batch): Promise<void> {
  const taskIds = [...new Set(b.failures.map((f) => f.taskId))]
  if (taskIds.length === 0) return
  useDownloads.getState().dismiss(b.batchId)
  await useDownloads.getState().start({ taskIds, folder: b.folder }, t('messages.retryLabel', { count: taskIds.length }))
}

/** Opens the batch's folder in the file manager. */
export async function openDownloadFolder(b: Batch): Promise<void> {
  try {
    await call('shell:openFolder', { batchId: b.batchId })
  } catch (e) {
    toast.error(t('messages.couldNotOpenFolder', { folder: b.folder, reason: errorMessage(e) }))
  }
}

export async function revealImage(taskId: string, index: number): Promise<void> {
  try {
    await call('shell:revealFile', { taskId, index })
  } catch (e) {
    reportError(e, t('messages.couldNotShow'))
  }
}
