// The services' one typed event source. The scheduler and the download service emit into it (services.ts wires
// them); the app forwards it to the window and its notifications in one place (index.ts), the CLI waits on it in
// one place (commands.ts runUntil), and services inside main (downloads waiting for tasks, auto-download) follow it.
import { EventEmitter } from 'node:events'
import type { EventName, IpcEvents } from '../shared/ipc'

/** The push events the services emit (the menu's commands come from the Electron edge, not from here). */
export const SERVICE_EVENTS = ['task:updated', 'tracking:state', 'download:progress', 'download:done', 'download:autoSkipped', 'submission:updated'] as const satisfies readonly EventName[]
export type ServiceEventName = (typeof SERVICE_EVENTS)[number]

export type ServiceEvents = { [E in ServiceEventName]: [IpcEvents[E]] }

export type EventSink = <E extends ServiceEventName>(event: E, payload: IpcEvents[E]) => void

export class EventHub extends EventEmitter<ServiceEvents> {
  /** Every event, in order, to one sink (the window, the test harness's stream). Returns the unsubscribe function. */
  forward(sink: EventSink): () => void {
    const offs = SERVICE_EVENTS.map((event) => {
      const listener = (payload: IpcEvents[typeof event]): void => sink(event, payload)
      this.on(event, listener as never)
      return () => void this.off(event, listener as never)
    })
    return () => offs.forEach((off) => off())
  }
}
