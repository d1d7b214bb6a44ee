// The gallery as the screen sees it: every result image of the tasks matching the list's filter (the same filter,
// search and sort as the task list), laid out from a compact layout (image counts per task) so the whole grid
// scrolls before any image record arrives; pages of tasks with their images are fetched around what is visible.
// Selection is of images, with the list's rules (lib/listSelection.ts); the lightbox walks the whole gallery.
import { create } from 'zustand'
import type { GalleryTask, ImageRecord } from '../../../shared/history'
import type { DownloadRequest, ImageRef } from '../../../shared/ipc'
import { MAX_IMAGES_PER_REQUEST } from '../../../shared/downloads'
import { call, errorMessage, reportError } from '../api'
import { geometryOf, locate, type GalleryGeometry } from '../lib/galleryLayout'
import { allMatching, isSelected, NO_SELECTION, only, rangeBounds, selectionCount, toggled, withRange, type Selection } from '../lib/listSelection'
import { filterQuery, GALLERY_PAGE, galleryPageQuery } from '../lib/startupAsks'
import { useTasks } from './tasks'

const KEEP_AROUND = 3

export type GalleryMode = 'flat' | 'grouped'
export type CompareMode = 'result' | 'side' | 'slider'

export interface GalleryItem {
  task: GalleryTask
  image: ImageRecord
}

/** An image's selection id: task ids never hold '#'. */
export const imageKey = (taskId: string, index: number): string => `${taskId}#${index}`
export function imageRefOf(key: string): ImageRef {
  const at = key.lastIndexOf('#')
  return { taskId: key.slice(0, at), index: Number(key.slice(at + 1)) }
}

interface GalleryState extends Selection {
  mode: GalleryMode
  geometry: GalleryGeometry | null
  layoutError: string | null
  /** bumps when the filter changes (back to the top, selection cleared); answers of an older epoch are dropped */
  epoch: number
  pages: ReadonlyMap<number, GalleryTask[]>
  /** flat indexes rendered */
  visible: readonly [number, number]
  anchor: number | null
  cursor: number | null
  /** flat index in the lightbox, or null */
  lightbox: number | null
  compare: CompareMode
  /** input photos (thumbnails) of tasks submitted from the app, by task id; null: none to be had */
  inputs: ReadonlyMap<string, string | null>
  /** bumps of an image's thumbnail after a re-query, so its tile asks again */
  retries: ReadonlyMap<string, number>
  /** the gallery is on screen: it follows the filter and live updates */
  setActive(active: boolean): void
  setMode(mode: GalleryMode): void
  refresh(): Promise<void>
  setVisible(first: number, last: number): void
  itemAt(flat: number): GalleryItem | undefined
  /** the task holding an image (undefined until its page arrives) */
  taskOf(flat: number): GalleryTask | undefined
  /** the image's place in its task */
  placeOf(flat: number): number
  fetchItem(flat: number): Promise<GalleryItem | undefined>
  selectOnly(flat: number): void
  toggle(flat: number): void
  selectRange(flat: number, additive: boolean): Promise<void>
  selectAllMatching(): void
  clearSelection(): void
  setCursor(flat: number | null): void
  selectionCount(): number
  /** the selected images, resolving "all matching" through the history */
  selectedImages(): Promise<ImageRef[]>
  /** the download requests for the selection: the filter when it is everything, else the images in parts */
  downloadRequests(base: DownloadRequest): Promise<DownloadRequest[]>
  openLightbox(flat: number | null): void
  setCompare(mode: CompareMode): void
  loadInput(taskId: string): void
  /** a thumbnail could not be had: re-query its task (fresh links), then let the tile ask again */
  requeryImage(taskId: string, index: number): Promise<void>
}

const selectionOf = (s: GalleryState): Selection => ({ selected: s.selected, allMatching: s.allMatching, excluded: s.excluded })
const currentFilter = () => filterQuery(useTasks.getState().filter)

export const useGallery = create<GalleryState>()((set, get) => {
  // bookkeeping, not rendered
  let filterKey: string | null = null
  let lastCounts = ''
  const inflight = new Map<string, Promise<void>>()

  /** `again`: fetch even a page being fetched (a refresh must not take an answer given before the change) */
  const loadPage = (page: number, again = false): Promise<void> => {
    const { epoch } = get()
    const key = `${epoch}:${page}${again ? ':again' : ''}`
    const existing = inflight.get(key)
    if (existing) return existing
    const p = (async () => {
      try {
        const { tasks } = await call('gallery:tasks', galleryPageQuery(useTasks.getState().filter, page))
        if (get().epoch !== epoch) return
        set({ pages: new Map(get().pages).set(page, tasks) })
      } catch (e) {
        if (get().epoch === epoch) set({ layoutError: errorMessage(e) })
      } finally {
        inflight.delete(key)
      }
    })()
    inflight.set(key, p)
    return p
  }

  const pageRange = (): [number, number] | null => {
    const g = get().geometry
    if (!g || g.total === 0) return null
    const [first, last] = get().visible
    const a = locate(g, Math.min(Math.max(0, first), g.total - 1))
    const b = locate(g, Math.min(Math.max(0, last), g.total - 1))
    if (!a || !b) return null
    return [Math.floor(a.task / GALLERY_PAGE), Math.floor(b.task / GALLERY_PAGE)]
  }

  const ensureVisible = (): void => {
    const range = pageRange()
    if (!range) return
    const [a, b] = range
    for (let p = a; p <= b; p++) if (!get().pages.has(p)) void loadPage(p)
    const pages = get().pages
    if ([...pages.keys()].some((p) => p < a - KEEP_AROUND || p > b + KEEP_AROUND)) {
      set({ pages: new Map([...pages].filter(([p]) => p >= a - KEEP_AROUND && p <= b + KEEP_AROUND)) })
    }
  }

  /** tasks first..last (layout places) of the current epoch, fetched 1000 at a time */
  const tasksBetween = async (first: number, last: number): Promise<GalleryTask[] | null> => {
    const { epoch } = get()
    const out: GalleryTask[] = []
    for (let t = first; t <= last; ) {
      const cached = get().pages.get(Math.floor(t / GALLERY_PAGE))?.[t % GALLERY_PAGE]
      if (cached) {
        out.push(cached)
        t++
        continue
      }
      const { tasks } = await call('gallery:tasks', { ...currentFilter(), limit: Math.min(1000, last - t + 1), offset: t })
      if (get().epoch !== epoch) return null
      if (tasks.length === 0) break
      out.push(...tasks)
      t += tasks.length
    }
    return out
  }

  return {
    ...NO_SELECTION,
    mode: 'flat',
    geometry: null,
    layoutError: null,
    epoch: 0,
    pages: new Map(),
    visible: [0, 60],
    anchor: null,
    cursor: null,
    lightbox: null,
    compare: 'result',
    inputs: new Map(),
    retries: new Map(),
    setActive(on) {
      if (on) void get().refresh()
    },
    setMode(mode) {
      set({ mode })
    },
    async refresh() {
      const filter = currentFilter()
      const key = JSON.stringify(filter)
      if (key !== filterKey) {
        // a new filter: back to the top with nothing selected
        filterKey = key
        lastCounts = ''
        set({ ...NO_SELECTION, epoch: get().epoch + 1, geometry: null, pages: new Map(), anchor: null, cursor: null, layoutError: null, visible: [0, 60] })
        // the first page does not wait for the layout: one round trip less before the first tiles
        void loadPage(0)
      }
      const { epoch } = get()
      try {
        const layout = await call('gallery:layout', filter)
        if (get().epoch !== epoch) return
        const counts = layout.counts.join(',')
        if (counts !== lastCounts) {
          // tasks came or went: the layout moves and cached pages no longer line up (except on the first layout)
          const first = lastCounts === ''
          lastCounts = counts
          set({ geometry: geometryOf(layout.counts), layoutError: null, ...(first ? {} : { pages: new Map() }) })
          ensureVisible()
        } else {
          // the same layout: only what is on screen may have changed (download states); replace those pages in
          // place, so tiles keep their thumbnails
          set({ layoutError: null })
          const range = pageRange()
          if (range) for (let p = range[0]; p <= range[1]; p++) void loadPage(p, true)
        }
      } catch (e) {
        if (get().epoch === epoch) set({ layoutError: errorMessage(e) })
      }
    },
    setVisible(first, last) {
      const [f, l] = get().visible
      if (f !== first || l !== last) set({ visible: [first, last] })
      ensureVisible()
    },
    itemAt(flat) {
      const task = get().taskOf(flat)
      const image = task?.images[get().placeOf(flat)]
      return task && image ? { task, image } : undefined
    },
    taskOf(flat) {
      const g = get().geometry
      const at = g ? locate(g, flat) : null
      return at ? get().pages.get(Math.floor(at.task / GALLERY_PAGE))?.[at.task % GALLERY_PAGE] : undefined
    },
    placeOf(flat) {
      const g = get().geometry
      return (g ? locate(g, flat)?.k : undefined) ?? -1
    },
    async fetchItem(flat) {
      const g = get().geometry
      const at = g ? locate(g, flat) : null
      if (!at) return undefined
      const page = Math.floor(at.task / GALLERY_PAGE)
      if (!get().pages.has(page)) await loadPage(page)
      return get().itemAt(flat)
    },
    selectOnly(flat) {
      const item = get().itemAt(flat)
      if (!item) return
      set({ ...only(imageKey(item.task.taskId, item.image.index)), anchor: flat, cursor: flat })
    },
    toggle(flat) {
      const item = get().itemAt(flat)
      if (!item) return
      set({ ...toggled(selectionOf(get()), imageKey(item.task.taskId, item.image.index)), anchor: flat, cursor: flat })
    },
    async selectRange(flat, additive) {
      const g = get().geometry
      if (!g) return
      const [a, b] = rangeBounds(get().anchor, flat)
      const anchor = get().anchor ?? flat
      set({ cursor: flat })
      const from = locate(g, a)
      const to = locate(g, b)
      if (!from || !to) return
      try {
        const tasks = await tasksBetween(from.task, to.task)
        if (!tasks) return
        const keys: string[] = []
        tasks.forEach((task, i) => {
          const t = from.task + i
          const lo = t === from.task ? from.k : 0
          const hi = t === to.task ? to.k : task.images.length - 1
          for (let k = lo; k <= hi && k < task.images.length; k++) keys.push(imageKey(task.taskId, (task.images[k] as ImageRecord).index))
        })
        set({ ...withRange(selectionOf(get()), keys, additive), anchor })
      } catch (e) {
        reportError(e)
      }
    },
    selectAllMatching() {
      set(allMatching())
    },
    clearSelection() {
      if (get().allMatching || get().selected.size > 0) set(NO_SELECTION)
    },
    setCursor(cursor) {
      set({ cursor })
    },
    selectionCount() {
      return selectionCount(selectionOf(get()), get().geometry?.total ?? 0)
    },
    async selectedImages() {
      const s = get()
      if (!s.allMatching) return [...s.selected].map(imageRefOf)
      const all = (await tasksBetween(0, (s.geometry?.tasks ?? 0) - 1)) ?? []
      const sel = selectionOf(get())
      return all.flatMap((t) => t.images.map((i) => ({ taskId: t.taskId, index: i.index })).filter((r) => isSelected(sel, imageKey(r.taskId, r.index))))
    },
    async downloadRequests(base) {
      const s = get()
      // everything the gallery shows is every image of the finished tasks matching the search
      const statusOk = useTasks.getState().filter.status === null || useTasks.getState().filter.status === 'finished'
      if (s.allMatching && s.excluded.size === 0 && statusOk) {
        const { status: _s, ...filter } = currentFilter()
        return [{ ...base, filter }]
      }
      const images = await get().selectedImages()
      const parts: DownloadRequest[] = []
      for (let i = 0; i < images.length; i += MAX_IMAGES_PER_REQUEST) parts.push({ ...base, images: images.slice(i, i + MAX_IMAGES_PER_REQUEST) })
      return parts
    },
    openLightbox(lightbox) {
      set(lightbox === null ? { lightbox } : { lightbox, cursor: lightbox })
    },
    setCompare(compare) {
      set({ compare })
    },
    loadInput(taskId) {
      if (get().inputs.has(taskId)) return
      set({ inputs: new Map(get().inputs).set(taskId, null) })
      call('tasks:get', { taskId }).then(
        (d) => set({ inputs: new Map(get().inputs).set(taskId, d?.input?.thumbnail ?? null) }),
        (e: unknown) => reportError(e)
      )
    },
    async requeryImage(taskId, index) {
      try {
        const r = await call('tasks:requery', { taskId })
        if (r) useTasks.getState().applyUpdates([r])
      } catch (e) {
        reportError(e)
      }
      const key = imageKey(taskId, index)
      set({ retries: new Map(get().retries).set(key, (get().retries.get(key) ?? 0) + 1) })
    }
  }
})

// The gallery follows the list: a new filter, or the list's throttled refresh after live updates, reloads it while
// it is on screen (and marks it stale otherwise, so it reloads when shown).
useTasks.subscribe((s, prev) => {
  if (s.filter === prev.filter && s.counts === prev.counts) return
  if (galleryActive()) void useGallery.getState().refresh()
})

let shown = false
function galleryActive(): boolean {
  return shown
}
/** The gallery is on screen (or about to be: the start asks for its data before it renders) or not. */
export function setGalleryShown(on: boolean): void {
  if (on === shown) return
  shown = on
  useGallery.getState().setActive(on)
}
