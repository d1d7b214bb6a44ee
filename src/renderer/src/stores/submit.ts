// The "New tasks" view: the photos picked (each with its local check), the parameters and per-photo overrides,
// the submissions main reports, and the submit API's balance for the quota meter.
import { create } from 'zustand'
import { DEFAULT_SUBMIT_PARAMS, type BalanceView, type PhotoView, type SubmissionRecord, type SubmitParams } from '../../../shared/submit'
import { call, reportError } from '../api'
import { t } from '../i18n'
import { mergeSubmissionRows } from '../lib/submissionRows'
import { toast } from './toasts'

export interface PhotoItem extends PhotoView {
  overrides: Partial<SubmitParams>
  fit: boolean
}

interface SubmitState {
  photos: PhotoItem[]
  params: SubmitParams
  submitting: boolean
  /** journal rows by id, newest first when listed */
  submissions: Map<number, SubmissionRecord>
  /** the rows of the batches started from this view */
  mine: number[]
  balance: BalanceView | null
  balanceBusy: boolean
  addPhotos(photos: PhotoView[]): void
  choose(kind: 'files' | 'folder'): Promise<void>
  addDropped(files: File[]): Promise<void>
  addUrls(text: string): number
  remove(input: string): void
  clear(): void
  setParam<K extends keyof SubmitParams>(key: K, value: SubmitParams[K]): void
  setOverride(input: string, patch: Partial<SubmitParams>): void
  setFit(input: string, fit: boolean): void
  submit(again: boolean): Promise<void>
  applyUpdate(row: SubmissionRecord): void
  load(): Promise<void>
  refreshBalance(auto: boolean): Promise<void>
  resolveUnknown(id: number, taskId: string): Promise<void>
}

/** What a photo would be sent with: the view's parameters and its own overrides. */
export function paramsOf(item: PhotoItem, params: SubmitParams): SubmitParams {
  return { ...params, ...item.overrides }
}

/** A photo can be sent when it passed its check, or when fit would bring it into the limits and fit is on. */
export function sendable(item: PhotoItem): boolean {
  return item.problem === null || (item.fit && item.problem.fitWouldHelp === true)
}

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let text = ''
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(text)
}

export const useSubmit = create<SubmitState>()((set, get) => ({
  photos: [],
  params: { ...DEFAULT_SUBMIT_PARAMS },
  submitting: false,
  submissions: new Map(),
  mine: [],
  balance: null,
  balanceBusy: false,
  addPhotos(photos) {
    const have = new Set(get().photos.map((p) => p.input))
    const fresh = photos.filter((p) => !have.has(p.input)).map((p) => ({ ...p, overrides: {}, fit: false }))
    set({ photos: [...get().photos, ...fresh] })
  },
  async choose(kind) {
    try {
      const { photos } = await call('submit:choosePhotos', { kind })
      get().addPhotos(photos)
    } catch (e) {
      reportError(e, t('messages.addingPhotos'))
    }
  },
  async addDropped(files) {
    for (const f of files) {
      try {
        get().addPhotos([await call('submit:addDropped', { name: f.name || 'photo', base64: await base64Of(f) })])
      } catch (e) {
        reportError(e, f.name)
      }
    }
  },
  addUrls(text) {
    const urls = [...new Set(text.split(/\s+/).filter((u) => /^https?:\/\/\S+$/i.test(u)))]
    get().addPhotos(urls.map((u) => ({ input: u, inputKind: 'url', name: u.split('/').pop() || u, thumbnail: null, bytes: null, width: null, height: null, problem: null })))
    return urls.length
  },
  remove: (input) => set({ photos: get().photos.filter((p) => p.input !== input) }),
  clear: () => set({ photos: [] }),
  setParam: (key, value) => set({ params: { ...get().params, [key]: value } }),
  setOverride: (input, patch) => set({ photos: get().photos.map((p) => (p.input === input ? { ...p, overrides: { ...p.overrides, ...patch } } : p)) }),
  setFit: (input, fit) => set({ photos: get().photos.map((p) => (p.input === input ? { ...p, fit } : p)) }),
  async submit(again) {
    const { photos, params } = get()
    const ready = photos.filter(sendable)
    if (ready.length === 0) return
    set({ submitting: true })
    try {
      const r = await call('submit:start', { photos: ready.map((p) => ({ input: p.input, params: paramsOf(p, params), fit: p.fit })), again })
      const submissions = mergeSubmissionRows(get().submissions, r.submissions)
      const sent = new Set(ready.map((p) => p.input))
      set({ submissions, mine: [...r.submissions.map((s) => s.id), ...get().mine], photos: get().photos.filter((p) => !sent.has(p.input)) })
      toast.info(t('messages.queued', { count: ready.length }))
    } catch (e) {
      reportError(e, 'Submitting')
    } finally {
      set({ submitting: false })
    }
  },
  applyUpdate(row) {
    const submissions = new Map(get().submissions)
    submissions.set(row.id, row)
    set({ submissions })
  },
  async load() {
    try {
      const rows = await call('submit:list')
      set({ submissions: mergeSubmissionRows(get().submissions, rows) })
    } catch (e) {
      reportError(e)
    }
  },
  async refreshBalance(auto) {
    set({ balanceBusy: true })
    try {
      const balance = await call('submit:balance', { auto })
      if (balance) set({ balance })
    } catch (e) {
      if (!auto) reportError(e, 'Balance')
    } finally {
      set({ balanceBusy: false })
    }
  },
  async resolveUnknown(id, taskId) {
    try {
      get().applyUpdate(await call('submit:resolveUnknown', { id, taskId }))
    } catch (e) {
      reportError(e)
    }
  }
}))

type Entry = { isFile: boolean; isDirectory: boolean; file?(ok: (f: File) => void, fail: (e: unknown) => void): void; createReader?(): { readEntries(ok: (e: Entry[]) => void, fail: (e: unknown) => void): void } }
const MAX_DROPPED = 500

/** The files of a drop: files as dropped (main checks each by its bytes), and the photos of dropped folders (by
 * name, one level of subfolders deep at most). */
export async function filesFromDrop(dt: DataTransfer): Promise<File[]> {
  const entries = [...dt.items].map((i) => (i as DataTransferItem & { webkitGetAsEntry?(): Entry | null }).webkitGetAsEntry?.() ?? null)
  if (entries.every((e) => e === null)) return [...dt.files]
  const out: File[] = []
  const walk = async (entry: Entry, depth: number): Promise<void> => {
    if (out.length >= MAX_DROPPED) return
    if (entry.isFile && entry.file) {
      const f = await new Promise<File>((ok, fail) => entry.file!(ok, fail))
      if (depth === 0 || /\.(jpe?g|png|bmp|webp)$/i.test(f.name)) out.push(f)
    }
    else if (entry.isDirectory && entry.createReader && depth < 2) {
      const reader = entry.createReader()
      for (;;) {
        const batch = await new Promise<Entry[]>((ok, fail) => reader.readEntries(ok, fail))
        if (batch.length === 0) break
        for (const e of batch) await walk(e, depth + 1)
      }
    }
  }
  for (const e of entries) if (e) await walk(e, 0)
  return out
}
