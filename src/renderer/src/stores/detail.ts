// The task shown in the detail panel: its record with images, media URLs, and the lightbox position.
import { create } from 'zustand'
import type { TaskDetail } from '../../../shared/ipc'
import type { TaskRecord } from '../../../shared/history'
import { call, errorMessage } from '../api'
import { t } from '../i18n'

interface DetailState {
  taskId: string | null
  detail: TaskDetail | null
  loading: boolean
  error: string | null
  /** image index -> thumbnail URL, or null when it could not be had */
  thumbs: Record<number, string | null>
  /** image index in the lightbox, or null when it is closed */
  lightbox: number | null
  requerying: boolean
  open(taskId: string | null): void
  reload(): Promise<void>
  /** a live update for the task on show: reload (throttled) */
  taskUpdated(r: TaskRecord): void
  setLightbox(index: number | null): void
  setRequerying(b: boolean): void
}

/** Asks for every thumbnail at once and hands each over as soon as it is there: the first is shown without
 * waiting for the slowest (over a far line, each image arrives on its own connection at its own pace). */
async function loadThumbs(taskId: string, count: number, onThumb: (index: number, url: string | null) => void): Promise<void> {
  await Promise.all(
    Array.from({ length: count }, async (_, index) => {
      let url: string | null
      try {
        url = (await call('media:url', { taskId, index, kind: 'thumb' })).url
      } catch {
        url = null
      }
      onThumb(index, url)
    })
  )
}

export const useDetail = create<DetailState>()((set, get) => {
  // a throttle for live updates of the task on show (not rendered)
  let reloadTimer: number | null = null
  return {
    taskId: null,
    detail: null,
    loading: false,
    error: null,
    thumbs: {},
    lightbox: null,
    requerying: false,
    open(taskId) {
      if (taskId === get().taskId) return
      set({ taskId, detail: null, error: null, thumbs: {}, lightbox: null, loading: taskId !== null })
      if (taskId !== null) void get().reload()
    },
    async reload() {
      const taskId = get().taskId
      if (taskId === null) return
      try {
        const detail = await call('tasks:get', { taskId })
        if (get().taskId !== taskId) return
        if (detail === null) {
          set({ detail: null, loading: false, error: t('messages.taskGone') })
          return
        }
        const prevCount = get().detail?.images.length ?? 0
        set({ detail, loading: false, error: null })
        if (detail.images.length !== prevCount || Object.keys(get().thumbs).length !== detail.images.length) {
          await loadThumbs(taskId, detail.images.length, (index, url) => {
            if (get().taskId === taskId) set((st) => ({ thumbs: { ...st.thumbs, [index]: url } }))
          })
        }
      } catch (e) {
        if (get().taskId === taskId) set({ loading: false, error: errorMessage(e) })
      }
    },
    taskUpdated(r) {
      if (r.taskId !== get().taskId || reloadTimer !== null) return
      reloadTimer = window.setTimeout(() => {
        reloadTimer = null
        void get().reload()
      }, 400)
    },
    setLightbox(lightbox) {
      set({ lightbox })
    },
    setRequerying(requerying) {
      set({ requerying })
    }
  }
})
