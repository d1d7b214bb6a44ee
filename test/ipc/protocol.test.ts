import { describe, expect, it, vi } from 'vitest'
import type * as Electron from 'electron'
import { MediaPathError } from '../../src/main/mediaPaths'

// protocol and net are typed mocks (no Electron binary here); what is tested is the handler the app registers.
let handler: ((req: Request) => Promise<Response>) | null = null
const fetched: string[] = []
const privileged: unknown[] = []
vi.mock('electron', (): Pick<typeof Electron, 'protocol' | 'net'> => ({
  protocol: {
    handle: (_scheme: string, h: (req: Request) => Promise<Response>) => void (handler = h),
    registerSchemesAsPrivileged: (s: unknown[]) => void privileged.push(...s)
  } as unknown as typeof Electron.protocol,
  net: {
    fetch: async (url: string) => {
      fetched.push(url)
      return new Response('bytes', { status: 200 })
    }
  } as unknown as typeof Electron.net
}))

const { handleMediaProtocol, registerMediaScheme } = await import('../../src/main/protocol')

describe('the media protocol handler', () => {
  it('registers a secure standard scheme', () => {
    registerMediaScheme()
    expect(privileged).toEqual([{ scheme: 'aidge-media', privileges: expect.objectContaining({ secure: true, standard: true }) }])
  })

  it('serves the resolved file and refuses what the resolver refuses, with the status that fits', async () => {
    handleMediaProtocol(async (kind, taskId, index) => {
      if (taskId === 'outside') throw new MediaPathError('OUTSIDE_ALLOWED_FOLDERS', 'Refused: outside')
      if (taskId === 'gone') throw new MediaPathError('NOT_FOUND', 'missing')
      return `/cache/${kind}-${taskId}-${index}.png`
    })
    const ok = await handler!(new Request('aidge-media://thumb/abc/2'))
    expect(ok.status).toBe(200)
    expect(fetched).toEqual(['file:///cache/thumb-abc-2.png'])
    expect((await handler!(new Request('aidge-media://full/outside/0'))).status).toBe(403)
    expect((await handler!(new Request('aidge-media://full/gone/0'))).status).toBe(404)
    const traversal = await handler!(new Request('aidge-media://thumb/..%2F..%2Fetc%2Fpasswd/0'))
    expect(traversal.status).toBe(403)
    expect(fetched).toHaveLength(1)
  })
})
