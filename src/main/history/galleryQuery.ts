// The gallery's reads over the history file: every task with images matching a list filter, as a compact layout
// (image counts in the filter's order) and as pages of tasks with their images. Read-only, on the store's own
// connection; the filter means what it means for the task list (taskQuery.ts), restricted to tasks with images.
import type { StatementSyncInstance } from '@photostructure/sqlite'
import type { GalleryLayout } from '../../shared/history'
import { HistoryStoreError } from './errors'
import { IMAGE_COLUMNS, TASK_COLUMNS, imageFromRow, taskFromRow, type ImageRow, type TaskRow } from './rows'
import { buildFilterSql } from './taskQuery'
import type { HistoryStore, ListTasksQuery, TaskFilter, TaskWithImages } from './types'

export interface GalleryQueries {
  layout(filter: TaskFilter): GalleryLayout
  /** offset/limit count tasks with images (the layout's order); limit 1..1000 */
  tasks(query: ListTasksQuery): TaskWithImages[]
}

export function createGalleryQueries(store: HistoryStore): GalleryQueries {
  const cache = new Map<string, StatementSyncInstance>()
  const statement = (sql: string): StatementSyncInstance => {
    let s = cache.get(sql)
    if (s === undefined) {
      s = store.connection().prepare(sql)
      cache.set(sql, s)
    }
    return s
  }
  const withImagesOnly = (filter: TaskFilter) => {
    const { where, params, orderBy } = buildFilterSql(filter)
    return { where: where === '' ? ' WHERE image_count > 0' : `${where} AND image_count > 0`, params, orderBy }
  }
  return {
    layout(filter) {
      const { where, params, orderBy } = withImagesOnly(filter)
      const rows = statement(`SELECT image_count AS n FROM tasks${where} ORDER BY ${orderBy}`).all(...params) as { n: number }[]
      const counts = rows.map((r) => Number(r.n))
      return { counts, total: counts.reduce((a, n) => a + n, 0) }
    },
    tasks(query) {
      const limit = query.limit
      const offset = query.offset ?? 0
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000 || !Number.isInteger(offset) || offset < 0) {
        throw new HistoryStoreError('INVALID_ARGUMENT', `gallery pages need a limit of 1..1000 and an offset >= 0, got ${limit} and ${offset}`)
      }
      const { where, params, orderBy } = withImagesOnly(query)
      const rows = statement(`SELECT ${TASK_COLUMNS} FROM tasks${where} ORDER BY ${orderBy} LIMIT ? OFFSET ?`).all(...params, limit, offset) as TaskRow[]
      const imagesOf = statement(`SELECT ${IMAGE_COLUMNS} FROM images WHERE task_rowid = ? ORDER BY idx`)
      return rows.map((row) => ({ ...taskFromRow(row), images: (imagesOf.all(row.id) as ImageRow[]).map(imageFromRow) }))
    }
  }
}
