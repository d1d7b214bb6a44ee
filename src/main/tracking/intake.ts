// Tasks enter tracking here: from the app's "add" box and from the CLI's arguments alike.
import type { HistoryStore } from '../history'
import type { PollScheduler } from './scheduler'

export interface AddTasksResult {
  added: string[]
  existing: string[]
}

/**
 * Adds ids to history (the store checks them with the one task id rule and refuses the whole call, naming every
 * bad id, before it changes anything) and starts tracking the new ones and the known ones not yet finished.
 */
export function addAndTrack(history: HistoryStore, scheduler: PollScheduler, ids: readonly string[]): AddTasksResult {
  const { added, existing } = history.addTasks(ids)
  const unfinished = new Set(history.nonTerminalTaskIds())
  scheduler.track([...added, ...existing.filter((id) => unfinished.has(id))])
  return { added, existing }
}
