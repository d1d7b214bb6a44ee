import { describe, expect, it } from 'vitest'
import type { HistoryStore } from '../../src/main/history'
import { chooseSearchPlan } from '../../src/main/history/taskQuery'
import { imageUrl, tempStore, type ManualClock } from './helpers'

/** 30 tasks added a second apart: every third finished (with 2 images), every third running, the rest queued. */
function seed(store: HistoryStore, clock: ManualClock): string[] {
  const ids: string[] = []
  for (let i = 0; i < 30; i++) {
    const id = `task-${String(i).padStart(2, '0')}`
    ids.push(id)
    store.addTasks([id])
    clock.advance(1000)
  }
  for (let i = 0; i < 30; i += 3) {
    store.recordQuery(ids[i]!, { status: 'finished', message: `Render OK #${i}`, images: [{ url: imageUrl(`a${i}`) }, { url: imageUrl(`b${i}`) }] })
    clock.advance(1000)
  }
  for (let i = 1; i < 30; i += 3) store.recordQuery(ids[i]!, { status: 'running', message: 'Waiting in queue', images: [] })
  return ids
}

const idsOf = (rows: { taskId: string }[]): string[] => rows.map((r) => r.taskId)

describe('listTasks', () => {
  it('pages newest first by default, with the total of the whole filter', () => {
    const { store, clock } = tempStore()
    const ids = seed(store, clock)
    const first = store.listTasks({ limit: 10 })
    expect(first.total).toBe(30)
    expect(idsOf(first.rows)).toEqual(ids.slice(20).reverse())
    expect(idsOf(store.listTasks({ limit: 10, offset: 25 }).rows)).toEqual(ids.slice(0, 5).reverse())
    expect(store.listTasks({ limit: 10, offset: 40 })).toEqual({ rows: [], total: 30 })
    expect(idsOf(store.listTasks({ limit: 3, sort: 'addedAsc' }).rows)).toEqual(ids.slice(0, 3))
  })

  it('keeps the order of tasks added in the same millisecond stable', () => {
    const { store } = tempStore()
    store.addTasks(['c', 'a', 'b'])
    expect(idsOf(store.listTasks({ limit: 10, sort: 'addedAsc' }).rows)).toEqual(['c', 'a', 'b'])
    expect(idsOf(store.listTasks({ limit: 10 }).rows)).toEqual(['b', 'a', 'c'])
  })

  it('sorts by finish time, unfinished last', () => {
    const { store, clock } = tempStore()
    const ids = seed(store, clock)
    const rows = store.listTasks({ limit: 30, sort: 'finishedDesc' }).rows
    expect(idsOf(rows.slice(0, 3))).toEqual([ids[27], ids[24], ids[21]])
    expect(rows.slice(10).every((r) => r.finishedAt === null)).toBe(true)
  })

  it('rows carry the image count and download summary, not the raw response', () => {
    const { store, clock } = tempStore()
    seed(store, clock)
    store.setImageDownload('task-00', 1, { state: 'done', localPath: '/dl/x.png' })
    const row = store.listTasks({ limit: 1, search: 'task-00' }).rows[0]!
    expect(row).toMatchObject({ taskId: 'task-00', imageCount: 2, imagesDownloaded: 1 })
    expect(row).not.toHaveProperty('lastResponse')
    expect(row).not.toHaveProperty('images')
  })

  it('filters by one or several display statuses', () => {
    const { store, clock } = tempStore()
    seed(store, clock)
    store.markStale('task-01')
    expect(store.listTasks({ limit: 50, status: 'finished' }).total).toBe(10)
    expect(store.listTasks({ limit: 50, status: ['running', 'stale'] }).total).toBe(10)
    expect(idsOf(store.listTasks({ limit: 50, status: 'stale' }).rows)).toEqual(['task-01'])
    expect(store.listTasks({ limit: 50, status: ['queued', 'queued'] }).total).toBe(10)
    expect(store.listTasks({ limit: 50, status: [] }).total).toBe(30)
    expect(store.listTasks({ limit: 50, status: 'finished', search: '#2' }).total).toBe(3) // #21 #24 #27
  })

  it('searches id and message substrings case-insensitively, long and short queries alike', () => {
    const { store, clock } = tempStore()
    seed(store, clock)
    expect(store.listTasks({ limit: 50, search: 'TASK-1' }).total).toBe(10)
    expect(store.listTasks({ limit: 50, search: 'sk-2' }).total).toBe(10)
    expect(store.listTasks({ limit: 50, search: 'in QUEUE' }).total).toBe(10)
    expect(store.listTasks({ limit: 50, search: '  render ok  ' }).total).toBe(10)
    // shorter than a trigram: same answers from the LIKE path
    expect(idsOf(store.listTasks({ limit: 50, search: '29' }).rows)).toEqual(['task-29'])
    expect(store.listTasks({ limit: 50, search: 'k' }).total).toBe(30)
    expect(store.listTasks({ limit: 50, search: '#' }).total).toBe(10)
    expect(store.listTasks({ limit: 50, search: 'zz' }).total).toBe(0)
    expect(store.listTasks({ limit: 50, search: '' }).total).toBe(30)
  })

  it('takes special characters literally: no FTS syntax, no LIKE wildcards', () => {
    const { store } = tempStore()
    store.addTasks(['plain-1', 'plain-2', 'AND-task', 'star*task', 'pct%task', 'under_task', 'back\\slash'])
    store.recordQuery('plain-1', { status: 'failed', message: 'said "no" OR (maybe) NOT', images: [] })
    store.recordQuery('plain-2', { status: 'failed', message: 'column:value ^start -minus NEAR(a b)', images: [] })
    const hits = (search: string): string[] => idsOf(store.listTasks({ limit: 50, search, sort: 'addedAsc' }).rows)
    expect(hits('"')).toEqual(['plain-1'])
    expect(hits('"no"')).toEqual(['plain-1'])
    expect(hits('" OR "')).toEqual([])
    expect(hits('AND')).toEqual(['AND-task'])
    expect(hits('and')).toEqual(['AND-task'])
    expect(hits('OR')).toEqual(['plain-1'])
    expect(hits('NOT')).toEqual(['plain-1'])
    expect(hits('*')).toEqual(['star*task'])
    expect(hits('r*t')).toEqual(['star*task'])
    expect(hits('%')).toEqual(['pct%task'])
    expect(hits('t%t')).toEqual(['pct%task'])
    expect(hits('_')).toEqual(['under_task'])
    expect(hits('r_t')).toEqual(['under_task'])
    expect(hits('\\')).toEqual(['back\\slash'])
    expect(hits('k\\s')).toEqual(['back\\slash'])
    expect(hits('(maybe)')).toEqual(['plain-1'])
    expect(hits('column:value')).toEqual(['plain-2'])
    expect(hits('NEAR(a b)')).toEqual(['plain-2'])
    expect(hits('^start -minus')).toEqual(['plain-2'])
    expect(hits("'")).toEqual([])
  })

  it('finds a message after it changes, and no longer the old one (the index follows updates)', () => {
    const { store } = tempStore()
    store.recordQuery('m-1', { status: 'running', message: 'alpha phase', images: [] })
    store.recordQuery('m-1', { status: 'running', message: 'omega phase', images: [] })
    expect(store.listTasks({ limit: 5, search: 'alpha' }).total).toBe(0)
    expect(store.listTasks({ limit: 5, search: 'omega' }).total).toBe(1)
    store.removeTask('m-1')
    expect(store.listTasks({ limit: 5, search: 'omega' }).total).toBe(0)
  })

  it('validates limit and offset', () => {
    const { store } = tempStore()
    expect(() => store.listTasks({ limit: 0 })).toThrowError(expect.objectContaining({ code: 'INVALID_ARGUMENT' }))
    expect(() => store.listTasks({ limit: 5, offset: -1 })).toThrowError(expect.objectContaining({ code: 'INVALID_ARGUMENT' }))
    expect(() => store.listTasks({ limit: 5, sort: 'bogus' as never })).toThrowError(/Unknown sort/)
  })
})

describe('counts and iteration', () => {
  it('counts by display status with a total', () => {
    const { store, clock } = tempStore()
    seed(store, clock)
    store.recordError('task-02', { kind: 'business', code: '700', message: 'bad', retryable: false }, { endTracking: true })
    expect(store.countsByStatus()).toEqual({ byStatus: { finished: 10, running: 10, queued: 9, error: 1 }, total: 30 })
  })

  it('iterates filtered tasks with their images, one at a time', () => {
    const { store, clock } = tempStore()
    seed(store, clock)
    store.recordQuery('task-02', { status: 'finished', images: [{ url: imageUrl('z') }], raw: { ok: true } })
    const iterator = store.iterateTasks({ status: 'finished', sort: 'addedAsc', includeResponse: true })
    const first = iterator.next().value!
    expect(first).toMatchObject({ taskId: 'task-00', imageCount: 2 })
    expect(first.images.map((i) => i.index)).toEqual([0, 1])
    const rest = [...iterator]
    expect(rest).toHaveLength(10)
    expect(rest.find((t) => t.taskId === 'task-02')!.lastResponse).toBe('{"ok":true}')
    // stopping early releases the statement: the store stays usable
    for (const t of store.iterateTasks({ search: 'task' })) if (t) break
    expect(store.addTasks(['after-iteration']).added).toEqual(['after-iteration'])
    expect([...store.iterateTasks({ search: 'nothing-matches' })]).toEqual([])
  })
})

describe('search plans', () => {
  it('picks the index walk for common terms and the FTS-driven plan for rare ones', () => {
    expect(chooseSearchPlan(23, 100_000, 50)).toBe('drive')
    expect(chooseSearchPlan(8_571, 100_000, 50)).toBe('walk')
    expect(chooseSearchPlan(500, 100_000, 5_000)).toBe('drive')
    expect(chooseSearchPlan(0, 100_000, 50)).toBe('drive')
  })

  it('both plans give what a plain in-memory filter gives, for every page', () => {
    const { store, clock } = tempStore()
    const words = ['alpha', 'beta', 'Gamma', 'delta']
    for (let i = 0; i < 400; i++) {
      const id = `id-${(i * 7919) % 1000}-${i % 3 === 0 ? 'abc' : 'xyz'}`
      // a few share an added time, to check the tie order too
      if (i % 5 !== 0) clock.advance(1000)
      store.addTasks([id])
      if (i % 4 !== 3) {
        const status = ['running', 'finished', 'failed'][i % 3]!
        store.recordQuery(id, { status, message: `${words[i % 4]} step ${i % 10}`, images: [] }, clock() + (i % 13) * 100)
      }
    }
    const all = [...store.iterateTasks({ sort: 'addedAsc' })]
    const cases: { search: string; status?: string | string[]; sort?: 'addedDesc' | 'addedAsc' | 'finishedDesc' }[] = [
      { search: 'abc' }, // a third of the rows: walk
      { search: 'gamma' },
      { search: 'id-1' },
      { search: '-99' },
      { search: 'alpha step 4' }, // rare: drive
      { search: 'abc', status: 'running' },
      { search: 'STEP', status: ['running', 'queued'], sort: 'finishedDesc' },
      { search: 'xyz', sort: 'addedAsc' }
    ]
    for (const c of cases) {
      const q = c.search.toLowerCase()
      const statuses = c.status === undefined ? null : [c.status].flat()
      const expected = all
        .map((t, order) => ({ t, order }))
        .filter(({ t }) => t.taskId.toLowerCase().includes(q) || (t.message ?? '').toLowerCase().includes(q))
        .filter(({ t }) => statuses === null || statuses.includes(t.displayStatus))
        .sort((a, b) => {
          if (c.sort === 'addedAsc') return a.t.addedAt - b.t.addedAt || a.order - b.order
          if (c.sort === 'finishedDesc') return (b.t.finishedAt ?? -Infinity) - (a.t.finishedAt ?? -Infinity) || b.order - a.order
          return b.t.addedAt - a.t.addedAt || b.order - a.order
        })
        .map(({ t }) => t.taskId)
      expect(expected.length, JSON.stringify(c)).toBeGreaterThan(0)
      for (const offset of [0, 7, 40, expected.length]) {
        const page = store.listTasks({ ...c, status: c.status as never, limit: 20, offset })
        expect(page.total, JSON.stringify(c)).toBe(expected.length)
        expect(idsOf(page.rows), `${JSON.stringify(c)} offset ${offset}`).toEqual(expected.slice(offset, offset + 20))
      }
    }
  })
})
