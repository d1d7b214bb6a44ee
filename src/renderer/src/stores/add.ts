// The "add tasks" box: its text and the outcome of the last add. Paste, drop and file import go through here too,
// so whatever was not added stays visible in the box.
import { create } from 'zustand'
import type { AddTasksView } from '../../../shared/ipc'
import { ApiError, call, errorMessage } from '../api'
import { t } from '../i18n'
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
  if (v.added.length) parts.push(t('messages.added', { count: v.added.length }))
  if (v.existing.length) parts.push(t('messages.existing', { count: v.existing.length }))
  if (v.duplicates) parts.push(t('messages.repeats', { count: v.duplicates }))
  // only valid ids reach main (they are extracted by the one id rule), so an add never has invalid ones
  const tone: AddOutcome['tone'] = v.added.length ? 'success' : 'info'
  return { tone, summary: parts.join(' · ') || t('messages.nothingToAdd') }
}

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
      set({ outcome: { tone: 'error', summary: t('messages.typeAnId') } })
      return 0
    }
    const from = sourceName ? t('messages.fromFile', { name: sourceName }) : ''
    if (input.length > MAX_IMPORT_BYTES) {
      const summary = t('messages.tooLongText', { from, millions: (input.length / 1e6).toFixed(1) })
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
      const summary = noIds ? (sourceName ? t('messages.noIdsInFile', { name: sourceName }) : t('messages.noIdsInText')) : errorMessage(e)
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
      const summary = t('messages.fileTooLarge', { name: file.name, mb: Math.round(file.size / 1e6) })
      set({ outcome: { tone: 'error', summary} })
      toast.error(summary)
      return
    }
    let text: string
    try {
      text = await file.text()
    } catch {
      const summary = t('messages.fileUnreadable', { name: file.name })
      set({ outcome: { tone: 'error', summary} })
      toast.error(summary)
      return
    }
    await get().submit(text, 'file', file.name)
  }
}))
