import type { EventName, IpcEvents } from '../../shared/ipc'
import type { Services } from '../services'

export type EventSink = <E extends EventName>(event: E, payload: IpcEvents[E]) => void

/** Forwards every push event of the services to one sink (the window in Electron, the harness's stream in tests).
 * Returns the unsubscribe function. */
export function subscribeEvents(services: Services, send: EventSink): () => void {
  const onTask = (t: IpcEvents['task:updated']): void => send('task:updated', t)
  const onState = (s: IpcEvents['tracking:state']): void => send('tracking:state', s)
  const onProgress = (p: IpcEvents['download:progress']): void => send('download:progress', p)
  const onDone = (p: IpcEvents['download:done']): void => send('download:done', p)
  const onSubmission = (r: IpcEvents['submission:updated']): void => send('submission:updated', r)
  services.submissions.queue.on('submission:updated', onSubmission)
  services.scheduler.on('task:updated', onTask)
  services.scheduler.on('tracking:state', onState)
  services.downloads.on('progress', onProgress)
  services.downloads.on('done', onDone)
  return () => {
    services.submissions.queue.off('submission:updated', onSubmission)
    services.scheduler.off('task:updated', onTask)
    services.scheduler.off('tracking:state', onState)
    services.downloads.off('progress', onProgress)
    services.downloads.off('done', onDone)
  }
}
