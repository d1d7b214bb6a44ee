// The "add tasks" box: its text and the outcome of the last add. Paste, drop and file import go through here too,
// so whatever was not added stays visible in the box.
import { create } from 'zustand'
import type { AddTasksView } from '../../../shared/ipc'
import { ApiError, call, errorMessage } from '../api'
import { plural } from '../format'
import { toast } from './toasts'
import { useTasks } from './tasks'

export interface AddOutcome {
  tone: 'success' | 'info' | 'error'
  summary: string
}

export type AddSource = 'box' | 'paste' | 'file'

interface AddState {
  text: string
  busy: boolean
  outcome: AddOutcome | null
  setText(text: string): void
  dismissOutcome(): void
  /** adds the ids found in `text` (default: the box's text); returns how many were added */
  submit(text?: string, source?: AddSource, sourceName?: string): Promise<number>
  importFile(file: File): Promise<void>
}

/** What a file import reads at most (the bridge refuses more than 2 MB of text). */
export const MAX_IMPORT_BYTES = 2_000_000
/** Text longer than this is not put back into the box when nothing could be added from it. */
const MAX_KEPT_CHARS = 200_000

export function summarize(v: AddTasksView): AddOutcome {
  const parts: string[] = []
  if (v.added.length) parts.push(`Added ${plural(v.added.length, 'new task')}`)
  if (v.existing.length) parts.push(`${formatN(v.existing.length)} already in history`)
  if (v.duplicates) parts.push(`${plural(v.duplicates, 'repeat')} ignored`)
  // only valid ids reach main (they are extracted by the one id rule), so an add never has invalid ones
  const tone: AddOutcome['tone'] = v.added.length ? 'success' : 'info'
  return { tone, summary: parts.join(' · ') || 'Nothing to add.' }
}

const formatN = (n: number): string => n.toLocaleString('en-US')

export const useAdd = create<AddState>()((set, get) => ({
  text: '',
  busy: false,
  outcome: null,
  setText(text) {
    set({ text })
  },
  dismissOutcome() {
    set({ outcome: null })
  },
  async submit(text, source = 'box', sourceName) {
    const input = text ?? get().text
    if (input.trim() === '') {
      set({ outcome: { tone: 'error', summary: 'Paste or type at least one task id.'} })
      return 0
    }
    const from = sourceName ? ` from ${sourceName}` : ''
    if (input.length > MAX_IMPORT_BYTES) {
      const summary = `The text${from} is too long to add at once (${(input.length / 1e6).toFixed(1)} million characters; at most 2). Split it into smaller parts.`
      if (source !== 'box') toast.error(summary)
      set({ outcome: { tone: 'error', summary} })
      return 0
    }
    set({ busy: true })
    try {
      const view = await call('tasks:add', { text: input })
      const outcome = summarize(view)
      if (view.added.length > 0) {
        // the box held this text: it is now in the history
        if (source === 'box') set({ text: '' })
        void useTasks.getState().refresh()
      } else if (source !== 'box' && input.length <= MAX_KEPT_CHARS) {
        // nothing was added: keep what was pasted/dropped where the person can fix it
        set({ text: input })
      }
      set({ outcome: { ...outcome, summary: outcome.summary + (from && view.added.length ? from : '') } })
      if (source !== 'box') (view.added.length ? toast.success : toast.info)(outcome.summary + from)
      return view.added.length
    } catch (e) {
      const noIds = e instanceof ApiError && e.code === 'NO_IDS'
      const summary = noIds ? `No task ids found${from || ' in the text'}. Task ids look like 4dcfa662-…, one per line or anywhere in the text.` : errorMessage(e)
      if (source !== 'box' && input.length <= MAX_KEPT_CHARS) set({ text: input })
      set({ outcome: { tone: 'error', summary} })
      if (source !== 'box') toast.error(summary)
      return 0
    } finally {
      set({ busy: false })
    }
  },
  async importFile(file) {
    if (file.size > MAX_IMPORT_BYTES) {
      const summary = `${file.name} is too large to import (${Math.round(file.size / 1e6)} MB; at most 2 MB). Split it into smaller files.`
      set({ outcome: { tone: 'error', summary} })
      toast.error(summary)
      return
    }
    let text: string
    try {
      text = await file.text()
    } catch {
      const summary = `${file.name} could not be read.`
      set({ outcome: { tone: 'error', summary} })
      toast.error(summary)
      return
    }
    await get().submit(text, 'file', file.name)
  }
}))
