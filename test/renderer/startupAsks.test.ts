// The asks early.ts sends before the main bundle runs must be exactly what the stores ask first (api.ts hands an
// early answer only to a call with the same channel and arguments): otherwise the start asks main twice.
import { describe, expect, it } from 'vitest'
import { askKey, BROWSE_KEY, DEFAULT_FILTER, EARLY_FRESH_MS, filterQuery, GALLERY_PAGE, galleryPageQuery, pageQuery, startupAsks, takeEarly, type EarlyAnswers } from '../../src/renderer/src/lib/startupAsks'

describe('the early asks', () => {
  it("are the list's first page and counts as the tasks store asks for them, and the boot calls", () => {
    const keys = startupAsks('list').map(([channel, ...args]) => askKey(channel, args))
    const firstPage = pageQuery(DEFAULT_FILTER, 0)
    expect(firstPage).toEqual({ sort: 'addedDesc', limit: 100, offset: 0 })
    expect(keys).toContain(askKey('tasks:list', [firstPage]))
    expect(keys).toContain(askKey('tasks:counts', []))
    for (const boot of ['settings:get', 'credentials:status', 'app:info', 'app:notices']) expect(keys).toContain(askKey(boot, []))
  })

  it("are the gallery's first page and layout instead when the window opens on the gallery, the page first", () => {
    expect(BROWSE_KEY).toBe('aidge.browse')
    const asks = startupAsks('gallery')
    expect(asks.map(([c]) => c)).toEqual(['settings:get', 'credentials:status', 'app:info', 'app:notices', 'gallery:tasks', 'gallery:layout'])
    // as stores/gallery.ts asks: its first page (galleryPageQuery) and the layout under the list's filter
    expect(asks[4]).toEqual(['gallery:tasks', { sort: 'addedDesc', limit: 50, offset: 0 }])
    expect(asks[5]).toEqual(['gallery:layout', filterQuery(DEFAULT_FILTER)])
    expect(galleryPageQuery(DEFAULT_FILTER, 2)).toEqual({ sort: 'addedDesc', limit: GALLERY_PAGE, offset: 100 })
  })

  it("are each taken once, and only soon: an answer left untaken (a first run's setup) is dropped, not shown late", async () => {
    const key = askKey('tasks:counts', [])
    const make = (): EarlyAnswers => ({ askedAt: 1_000, answers: new Map([[key, Promise.resolve({ ok: true as const, value: 7 })]]) })
    const early = make()
    expect(await takeEarly(early, key, 1_200)).toEqual({ ok: true, value: 7 })
    expect(takeEarly(early, key, 1_300)).toBeNull()
    const late = make()
    expect(takeEarly(late, key, 1_000 + EARLY_FRESH_MS + 1)).toBeNull()
    expect(late.answers.size).toBe(0)
    expect(takeEarly(undefined, key, 0)).toBeNull()
  })
})
