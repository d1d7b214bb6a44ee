// The gallery's plain parts (src/renderer/src/lib/): where a flat index lives, the grid's rows flat and grouped,
// and the thumbnail loader's limits, order and cancelling.
import { describe, expect, it } from 'vitest'
import { columnsFor, geometryOf, gridRows, locate } from '../../src/renderer/src/lib/galleryLayout'
import { createThumbLoader } from '../../src/renderer/src/lib/thumbLoader'

describe('the gallery layout', () => {
  const g = geometryOf([3, 1, 4])

  it('finds the task and the place in it of every flat index', () => {
    expect(g.total).toBe(8)
    expect([...Array(8).keys()].map((i) => locate(g, i))).toEqual([
      { task: 0, k: 0 },
      { task: 0, k: 1 },
      { task: 0, k: 2 },
      { task: 1, k: 0 },
      { task: 2, k: 0 },
      { task: 2, k: 1 },
      { task: 2, k: 2 },
      { task: 2, k: 3 }
    ])
    expect(locate(g, -1)).toBeNull()
    expect(locate(g, 8)).toBeNull()
    expect(locate(geometryOf([]), 0)).toBeNull()
  })

  it('flat: images wrap across tasks, cols to a row', () => {
    const rows = gridRows(g, 3, false)
    expect(rows.count).toBe(3)
    expect([0, 1, 2].map((r) => rows.row(r))).toEqual([
      { kind: 'cells', task: null, from: 0, to: 3 },
      { kind: 'cells', task: null, from: 3, to: 6 },
      { kind: 'cells', task: null, from: 6, to: 8 }
    ])
    expect(rows.rowOf(7)).toBe(2)
  })

  it('grouped: each task has its heading row, and its images start a new row', () => {
    const rows = gridRows(g, 3, true)
    // task 0: head + 1 row; task 1: head + 1; task 2: head + 2
    expect(rows.count).toBe(7)
    expect([...Array(7).keys()].map((r) => rows.row(r))).toEqual([
      { kind: 'head', task: 0 },
      { kind: 'cells', task: 0, from: 0, to: 3 },
      { kind: 'head', task: 1 },
      { kind: 'cells', task: 1, from: 3, to: 4 },
      { kind: 'head', task: 2 },
      { kind: 'cells', task: 2, from: 4, to: 7 },
      { kind: 'cells', task: 2, from: 7, to: 8 }
    ])
    expect([0, 3, 4, 7].map((i) => rows.rowOf(i))).toEqual([1, 3, 5, 6])
  })

  it('scales: 100,000 images in 25,000 tasks are laid out and looked up without walking them', () => {
    const big = geometryOf(Array.from({ length: 25_000 }, () => 4))
    const rows = gridRows(big, 7, true)
    expect(rows.count).toBe(25_000 * 2)
    expect(locate(big, 99_999)).toEqual({ task: 24_999, k: 3 })
    expect(rows.row(rows.rowOf(99_999))).toEqual({ kind: 'cells', task: 24_999, from: 99_996, to: 100_000 })
  })

  it('fits as many columns as the width holds, at least one', () => {
    expect(columnsFor(1000, 152, 8)).toBe(6)
    expect(columnsFor(152, 152, 8)).toBe(1)
    expect(columnsFor(10, 152, 8)).toBe(1)
  })
})

/** A fetch the test finishes by hand, recording what was asked and what was aborted. */
function manualFetch() {
  const pending = new Map<string, { resolve(v: string): void; reject(e: unknown): void }>()
  const aborted: string[] = []
  const fetchImage = (url: string, signal: AbortSignal): Promise<string> =>
    new Promise((resolve, reject) => {
      pending.set(url, { resolve, reject })
      signal.addEventListener('abort', () => {
        aborted.push(url)
        reject(new Error('aborted'))
      })
    })
  return { fetchImage, pending, aborted }
}

const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 0))

describe('the thumbnail loader', () => {
  it('fetches at most `concurrency` at once, the newest asks first, and gives up those no longer wanted', async () => {
    const f = manualFetch()
    const loader = createThumbLoader(f.fetchImage, 2)
    const ctl = Array.from({ length: 5 }, () => new AbortController())
    const results = ctl.map((c, i) => loader.load(async () => `u${i}`, c.signal).then((v) => v, (e: Error) => `rejected: ${e.name === 'AbortError' ? 'abort' : e.message}`))
    await settle()
    expect([...f.pending.keys()]).toEqual(['u0', 'u1'])
    expect(loader.stats()).toMatchObject({ inFlight: 2, queued: 3 })
    // scrolled away: one waiting (never fetched), one in flight (its fetch aborted)
    ctl[2]!.abort()
    ctl[0]!.abort()
    await settle()
    expect(f.aborted).toEqual(['u0'])
    // the newest waiting ask took the freed place
    expect([...f.pending.keys()]).toEqual(['u0', 'u1', 'u4'])
    f.pending.get('u1')!.resolve('img1')
    await settle()
    expect([...f.pending.keys()]).toContain('u3')
    f.pending.get('u4')!.resolve('img4')
    f.pending.get('u3')!.reject(new Error('404'))
    expect(await Promise.all(results)).toEqual(['rejected: abort', 'img1', 'rejected: abort', 'rejected: 404', 'img4'])
    expect(loader.stats()).toEqual({ inFlight: 0, queued: 0, maxInFlight: 2, started: 4, cancelled: 2, failed: 1 })
  })

  it('a fetch that never settles after its abort still gives its place back', async () => {
    const loader = createThumbLoader<string>((url) => (url === 'hang' ? new Promise<string>(() => undefined) : Promise.resolve(`img:${url}`)), 1)
    const c = new AbortController()
    const hung = loader.load(async () => 'hang', c.signal)
    await settle()
    c.abort()
    await expect(hung).rejects.toMatchObject({ name: 'AbortError' })
    expect(await loader.load(async () => 'next', new AbortController().signal)).toBe('img:next')
    expect(loader.stats()).toMatchObject({ inFlight: 0, cancelled: 1 })
  })

  it('an ask whose signal is already aborted is refused at once', async () => {
    const f = manualFetch()
    const loader = createThumbLoader(f.fetchImage, 2)
    const c = new AbortController()
    c.abort()
    await expect(loader.load(async () => 'x', c.signal)).rejects.toMatchObject({ name: 'AbortError' })
    expect(f.pending.size).toBe(0)
  })
})
