// What the window asks main for before anything else, while the browser is still parsing and running its bundle
// (which takes longer than main takes to answer): the settings, credentials and app info that pick the first screen,
// the start-up notices, and the first screen's own: the list's counts and first page, or the gallery's layout and
// first page. early.ts asks; call() (api.ts) hands each early answer to the first call that asks the same. Those
// queries are built here for both, so they cannot drift apart. Nothing heavy here: early.ts must stay small (npm run bench:ui, issue 14).
import type { DisplayStatus, TaskFilter, TaskSort } from '../../../shared/history'
import type { ChannelArgs, ChannelName, IpcResult } from '../../../shared/ipc'

/** rows per page of the task list */
export const PAGE_SIZE = 100
/** where the window's list/gallery choice is kept (its own storage: nothing main needs to know) */
export const BROWSE_KEY = 'aidge.browse'

export type Browse = 'list' | 'gallery'

/** the list/gallery choice kept from the last run (the ui store's start, and early.ts's asks) */
export function savedBrowse(): Browse {
  try {
    return localStorage.getItem(BROWSE_KEY) === 'gallery' ? 'gallery' : 'list'
  } catch {
    return 'list'
  }
}

export interface ListFilter {
  status: DisplayStatus | null
  search: string
  sort: TaskSort
}
export const DEFAULT_FILTER: Readonly<ListFilter> = { status: null, search: '', sort: 'addedDesc' }

export function filterQuery(f: ListFilter): TaskFilter {
  const q: TaskFilter = { sort: f.sort }
  if (f.status) q.status = f.status
  const s = f.search.trim()
  if (s) q.search = s.slice(0, 200)
  return q
}

/** tasks (with their images) per page of the gallery */
export const GALLERY_PAGE = 50

/** page `page` of the gallery under a filter, as gallery:tasks takes it */
export const galleryPageQuery = (f: ListFilter, page: number) => ({ ...filterQuery(f), limit: GALLERY_PAGE, offset: page * GALLERY_PAGE })

/** page `page` of the list under a filter, as tasks:list takes it */
export const pageQuery = (f: ListFilter, page: number) => ({ ...filterQuery(f), limit: PAGE_SIZE, offset: page * PAGE_SIZE })

export type Ask = { [C in ChannelName]: [C, ...ChannelArgs<C>] }[ChannelName]

export function startupAsks(browse: Browse): Ask[] {
  const asks: Ask[] = [['settings:get'], ['credentials:status'], ['app:info'], ['app:notices']]
  // the gallery's first page before its layout: main answers in order, and the layout is the slower
  if (browse === 'gallery') asks.push(['gallery:tasks', galleryPageQuery(DEFAULT_FILTER, 0)], ['gallery:layout', filterQuery(DEFAULT_FILTER)])
  else asks.push(['tasks:counts'], ['tasks:list', pageQuery(DEFAULT_FILTER, 0)])
  return asks
}

export const askKey = (channel: string, args: readonly unknown[]): string => `${channel} ${JSON.stringify(args)}`

/** the early answers by askKey, each taken once; a failed ask answers null (its store asks again) */
export interface EarlyAnswers {
  /** performance.now() when early.ts asked */
  askedAt: number
  answers: Map<string, Promise<IpcResult<unknown> | null>>
}

/**
 * Early answers are for the start only. One not taken soon (a first run's setup screen, say, before the list first
 * shows) may be older than what main has since sent as events, so past this age every early answer is dropped and
 * its caller asks main.
 */
export const EARLY_FRESH_MS = 5_000

/** The early answer for `key`, once; null when there is none, or it is too old (then the caller asks). */
export function takeEarly(early: EarlyAnswers | undefined, key: string, now: number): Promise<IpcResult<unknown> | null> | null {
  if (!early || early.answers.size === 0) return null
  if (now - early.askedAt > EARLY_FRESH_MS) {
    early.answers.clear()
    return null
  }
  const answer = early.answers.get(key) ?? null
  early.answers.delete(key)
  return answer
}
