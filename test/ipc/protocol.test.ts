// protocol.ts, the Electron side of the app's two schemes. No Electron binary runs here: `protocol` is a typed
// stand-in that records what the app registers, and `net.fetch` throws if anything still reaches for file:// (the
// handlers read files themselves, once). The handlers then run against real files in a temp folder.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type * as Electron from 'electron'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MediaPathError } from '../../src/main/mediaPaths'

type Handler = (req: Request) => Promise<Response>
const handlers = new Map<string, Handler>()
const privileged: Electron.CustomScheme[][] = []
vi.mock('electron', (): Pick<typeof Electron, 'protocol' | 'net'> => ({
  protocol: {
    handle: (scheme: string, h: Handler) => void handlers.set(scheme, h),
    registerSchemesAsPrivileged: (s: Electron.CustomScheme[]) => void privileged.push(s)
  } as unknown as typeof Electron.protocol,
  net: {
    fetch: () => {
      throw new Error('net.fetch must not be used: the schemes serve from the handle they opened')
    }
  } as unknown as typeof Electron.net
}))

const { handleAppScheme, handleMediaProtocol, registerSchemes } = await import('../../src/main/protocol')
const { CONTENT_SECURITY_POLICY } = await import('../../src/main/appScheme')

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')
let root = ''

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'aidge-protocol-'))
  mkdirSync(join(root, 'renderer/assets'), { recursive: true })
  writeFileSync(join(root, 'renderer/index.html'), '<!doctype html><title>app</title>')
  writeFileSync(join(root, 'renderer/assets/index.js'), 'console.log(1)')
  mkdirSync(join(root, 'cache'))
  writeFileSync(join(root, 'cache/a.png'), PNG)
  writeFileSync(join(root, 'cache/page.png'), '<html>not an image</html>')
  writeFileSync(join(root, 'secret.png'), PNG)
  symlinkSync(join(root, 'secret.png'), join(root, 'cache/link.png'))
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('protocol.ts', () => {
  it('registers every scheme as privileged in one call, with the privileges each needs', () => {
    registerSchemes()
    expect(privileged).toEqual([
      [
        { scheme: 'aidge-app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } },
        { scheme: 'aidge-media', privileges: { standard: true, secure: true, supportFetchAPI: true } }
      ]
    ])
  })

  it('serves the built renderer on aidge-app://app/ with its MIME type and the CSP header', async () => {
    handleAppScheme(join(root, 'renderer'))
    const app = handlers.get('aidge-app')!
    const page = await app(new Request('aidge-app://app/index.html'))
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(await page.text()).toContain('<title>app</title>')
    const script = await app(new Request('aidge-app://app/assets/index.js'))
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect((await app(new Request('aidge-app://app/../secret.png'))).status).toBe(404)
    expect((await app(new Request('aidge-app://app/..%2Fsecret.png'))).status).toBe(403)
  })

  it('serves a media image from the file the resolver names, and refuses what the resolver or the bytes refuse', async () => {
    handleMediaProtocol(async (kind, taskId, index) => {
      if (taskId === 'outside') throw new MediaPathError('OUTSIDE_ALLOWED_FOLDERS', 'Refused: outside')
      if (taskId === 'gone') throw new MediaPathError('NOT_FOUND', 'missing')
      if (taskId === 'html') return join(root, 'cache/page.png')
      if (taskId === 'link') return join(root, 'cache/link.png')
      return join(root, `cache/a.png`) + (kind === 'thumb' && index === 0 ? '' : 'x')
    })
    const media = handlers.get('aidge-media')!
    const ok = await media(new Request('aidge-media://thumb/abc/0'))
    expect(ok.status).toBe(200)
    expect(ok.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await ok.arrayBuffer())).toEqual(PNG)
    expect((await media(new Request('aidge-media://full/outside/0'))).status).toBe(403)
    expect((await media(new Request('aidge-media://full/gone/0'))).status).toBe(404)
    expect((await media(new Request('aidge-media://thumb/abc/1'))).status).toBe(404)
    // an HTML page stored under a .png name is not served as anything
    expect((await media(new Request('aidge-media://full/html/0'))).status).toBe(403)
    // a path that is a symlink is not followed when it is opened
    expect((await media(new Request('aidge-media://full/link/0'))).status).toBe(403)
    expect((await media(new Request('aidge-media://thumb/..%2F..%2Fetc%2Fpasswd/0'))).status).toBe(403)
  })
})
