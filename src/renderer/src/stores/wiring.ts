// Feeds the stores from the bridge's push events. Started once the app is configured.
import { subscribe, reportError } from '../api'
import { t } from '../i18n'
import { openDownloadFolder } from './actions'
import { useDetail } from './detail'
import { useDownloads } from './downloads'
import { useTasks } from './tasks'
import { toast } from './toasts'
import { useTracking } from './tracking'
import { useSubmit } from './submit'

export function startWiring(): () => void {
  const offs = [
    subscribe('submission:updated', (r) => useSubmit.getState().applyUpdate(r)),
    subscribe('task:updated', (r) => useTasks.getState().taskUpdated(r)),
    subscribe('tracking:state', (s) => useTracking.getState().set(s)),
    subscribe('download:progress', (v) => {
      useDownloads.getState().update(v)
      useTasks.getState().scheduleRefresh()
    }),
    subscribe('download:done', (v) => {
      const before = useDownloads.getState().batches.find((b) => b.batchId === v.batchId)
      useDownloads.getState().update(v)
      void useTasks.getState().refresh()
      void useDetail.getState().reload()
      if (before && before.state === 'running' && !(before.origin === 'auto' && v.state === 'done')) {
        const batch = useDownloads.getState().batches.find((b) => b.batchId === v.batchId)
        if (v.state === 'done' && batch) toast.success(t('messages.downloadedFiles', { count: v.downloaded }), { label: t('messages.openFolder'), run: () => void openDownloadFolder(batch) })
        else if (v.state === 'failed') toast.error(t('messages.filesNotDownloaded', { count: v.failed }))
      }
    }),
    // auto-download runs in main; the window only says why it could not
    subscribe('download:autoSkipped', (n) => useDownloads.getState().autoSkipped(n))
  ]
  void useTracking.getState().load()
  void useDownloads.getState().load()
  useTasks.getState().refresh().catch((e: unknown) => reportError(e))
  return () => {
    for (const off of offs) off()
    useTasks.getState().stopUpdates()
  }
}
