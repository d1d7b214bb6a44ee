// The asks early.ts sends before the main bundle runs must be exactly what the stores ask first (api.ts hands an
// early answer only to a call with the same channel and arguments): otherwise the start asks main twice.
import { describe, expect, it } from 'vitest'
import { askKey, BROWSE_KEY, DEFAULT_FILTER, pageQuery, startupAsks } from '../../src/renderer/src/lib/startupAsks'

describe('the early asks', () => {
  it("are the list's first page and counts as the tasks store asks for them, and the boot calls", () => {
    const keys = startupAsks(null).map(([channel, ...args]) => askKey(channel, args))
    const firstPage = pageQuery(DEFAULT_FILTER, 0)
    expect(firstPage).toEqual({ sort: 'addedDesc', limit: 100, offset: 0 })
    expect(keys).toContain(askKey('tasks:list', [firstPage]))
    expect(keys).toContain(askKey('tasks:counts', []))
    for (const boot of ['settings:get', 'credentials:status', 'app:info', 'app:notices']) expect(keys).toContain(askKey(boot, []))
  })

  it("leave out the list's when the window opens on the gallery", () => {
    expect(BROWSE_KEY).toBe('aidge.browse')
    expect(startupAsks('gallery').map(([c]) => c)).toEqual(['settings:get', 'credentials:status', 'app:info', 'app:notices'])
    expect(startupAsks('list').map(([c]) => c)).toContain('tasks:list')
  })
})
