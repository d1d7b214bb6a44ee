// Turns a TaskFilter into SQL. User text only ever reaches SQLite as a bound parameter, quoted for FTS5 or
// escaped for LIKE, so `"`, `AND`, `*`, `%` and `_` are all searched for literally.
import { HistoryStoreError } from './errors'
import type { DisplayStatus, TaskFilter, TaskSort } from './types'

/** Trigrams need three characters; shorter searches scan with LIKE (fast enough: the task rows are small). */
export const MIN_INDEXED_SEARCH_CHARS = 3

export interface FilterSql {
  /** '' or ' WHERE ...' */
  where: string
  params: (string | number)[]
  orderBy: string
  /** the FTS5 query when the search uses the trigram index */
  ftsQuery: string | null
  /** whether a status filter is part of `where` */
  hasStatusFilter: boolean
}

/**
 * How a trigram search meets the sort order:
 * - drive: the FTS matches drive the query, then get sorted: cost grows with the number of matches;
 * - walk: the sort index is walked in order and each row is checked against the matches (materialised once):
 *   cost grows with how far the walk has to go before the page is full.
 */
export type SearchPlan = 'drive' | 'walk'

const ORDER_BY: Record<TaskSort, string> = {
  addedDesc: 'added_at DESC, id DESC',
  addedAsc: 'added_at ASC, id ASC',
  // NULLs sort first ascending, hence last descending: unfinished tasks come after the finished ones.
  finishedDesc: 'finished_at DESC, id DESC'
}

export function buildFilterSql(filter: TaskFilter, plan: SearchPlan = 'drive'): FilterSql {
  const clauses: string[] = []
  const params: (string | number)[] = []

  const statuses = normalizeStatuses(filter.status)
  if (statuses.length === 1) {
    clauses.push('display_status = ?')
    params.push(statuses[0]!)
  } else if (statuses.length > 1) {
    clauses.push('display_status IN (SELECT value FROM json_each(?))')
    params.push(JSON.stringify(statuses))
  }

  let ftsQuery: string | null = null
  const search = (filter.search ?? '').trim()
  if (search !== '') {
    if ([...search].length >= MIN_INDEXED_SEARCH_CHARS) {
      ftsQuery = ftsPhrase(search)
      // `+id` hides the rowid from the planner, so it walks the sort index instead of looking rows up by id
      clauses.push(`${plan === 'walk' ? '+id' : 'id'} IN (SELECT rowid FROM tasks_fts WHERE tasks_fts MATCH ?)`)
      params.push(ftsQuery)
    } else {
      const pattern = `%${escapeLike(search)}%`
      clauses.push("(task_id LIKE ? ESCAPE '\\' OR message LIKE ? ESCAPE '\\')")
      params.push(pattern, pattern)
    }
  }

  const sort = filter.sort ?? 'addedDesc'
  const orderBy = ORDER_BY[sort]
  if (orderBy === undefined) throw new HistoryStoreError('INVALID_ARGUMENT', `Unknown sort "${String(sort)}"`)
  return {
    where: clauses.length === 0 ? '' : ` WHERE ${clauses.join(' AND ')}`,
    params,
    orderBy,
    ftsQuery,
    hasStatusFilter: statuses.length > 0
  }
}

/**
 * Picks the cheaper plan from the number of FTS matches, an estimate of the table size, and how many rows the
 * page needs (offset + limit). Relative per-row costs measured with bench/history.ts at 100,000 tasks: a looked-up
 * and sorted match ~1, materialising a match ~0.25, stepping the sort index ~0.04.
 */
export function chooseSearchPlan(matches: number, tableRows: number, rowsNeeded: number): SearchPlan {
  if (matches === 0 || tableRows === 0) return 'drive'
  const rowsWalked = Math.min(tableRows, (rowsNeeded * tableRows) / matches)
  return 0.25 * matches + 0.04 * rowsWalked < matches ? 'walk' : 'drive'
}

/** An empty list means no status filter, like an absent one. */
function normalizeStatuses(status: TaskFilter['status']): DisplayStatus[] {
  if (status === undefined) return []
  const list = typeof status === 'string' ? [status] : [...status]
  for (const s of list) {
    if (typeof s !== 'string' || s === '') {
      throw new HistoryStoreError('INVALID_ARGUMENT', `A status filter must be a non-empty string, got ${JSON.stringify(s)}`)
    }
  }
  return [...new Set(list)]
}

/**
 * One FTS5 string: inside double quotes everything is literal text except `"`, which is doubled. With the
 * trigram tokenizer a quoted string matches as a case-insensitive substring of a column.
 */
export function ftsPhrase(text: string): string {
  return `"${text.replaceAll('"', '""')}"`
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}
