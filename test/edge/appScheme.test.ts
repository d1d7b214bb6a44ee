// The aidge-app:// handler (plain Node): only files inside the built renderer folder, with their MIME types and
// the CSP, against real files and symlinks in a temp folder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { APP_INDEX_URL, CONTENT_SECURITY_POLICY, createAppFileHandler, isAppOrigin, isAppPageUrl } from '../../src/main/appScheme'
import { MIME_TYPES, mimeTypeOf } from '../../src/main/servedFiles'

let base = ''
let serve: (r: Request) => Promise<Response>
const get = (path: string, init?: RequestInit): Promise<Response> => serve(new Request(`aidge-app://app${path}`, init))

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'aidge-app-scheme-'))
  const r = join(base, 'renderer')
  mkdirSync(join(r, 'assets'), { recursive: true })
  writeFileSync(join(r, 'index.html'), '<!doctype html><title>Aidge</title>')
  writeFileSync(join(r, 'assets/app.js'), 'export {}')
  writeFileSync(join(r, 'assets/app.css'), 'body{}')
  writeFileSync(join(r, 'icon.svg'), '<svg/>')
  writeFileSync(join(r, 'assets/notes.xyz'), 'unknown kind')
  // a sibling folder whose name starts with the renderer's: a string-prefix check would let it through
  mkdirSync(join(base, 'renderer-private'))
  writeFileSync(join(base, 'renderer-private/key.js'), 'secret')
  writeFileSync(join(base, 'outside.js'), 'secret')
  symlinkSync(join(base, 'outside.js'), join(r, 'assets/out.js'))
  symlinkSync(join(base, 'renderer-private'), join(r, 'private'))
  symlinkSync(join(r, 'assets/app.js'), join(r, 'alias.js'))
  serve = createAppFileHandler(r)
})
afterAll(() => rmSync(base, { recursive: true, force: true }))

describe('the aidge-app scheme', () => {
  it('serves the page and its assets with their MIME types, the CSP and nosniff', async () => {
    const page = await serve(new Request(APP_INDEX_URL))
    expect(page.status).toBe(200)
    expect(Object.fromEntries(page.headers)).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff'
    })
    expect(await page.text()).toBe('<!doctype html><title>Aidge</title>')
    expect((await get('/')).headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect((await get('/assets/app.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect((await get('/assets/app.css')).headers.get('content-type')).toBe('text/css; charset=utf-8')
    expect((await get('/icon.svg')).headers.get('content-type')).toBe('image/svg+xml')
    expect((await get('/assets/app.js?v=1#x')).status).toBe(200)
    const head = await get('/assets/app.js', { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('content-length')).toBe('9')
    expect(await head.text()).toBe('')
  })

  it('refuses every way out of the renderer folder', async () => {
    for (const path of ['/..%2Foutside.js', '/..%2F..%2F..%2F..%2Fetc%2Fpasswd', '/assets%2F..%2F..%2Foutside.js', '/..%2Frenderer-private%2Fkey.js', '/%2E%2E%2Foutside.js']) {
      const r = await get(path)
      expect(r.status, path).toBe(403)
      expect(await r.text(), path).not.toContain('secret')
    }
    // dot segments the URL parser resolves itself stay inside the host's root: nothing there, nothing served
    for (const path of ['/../outside.js', '/assets/../../outside.js', '/%2e%2e/outside.js']) expect((await get(path)).status, path).toBe(404)
    // symlinks out (a file, a folder) are refused; a symlink that stays inside is followed
    expect((await get('/assets/out.js')).status).toBe(403)
    expect((await get('/private/key.js')).status).toBe(403)
    expect(await (await get('/alias.js')).text()).toBe('export {}')
    // NUL bytes, malformed escapes, Windows separators
    expect((await get('/index.html%00.js')).status).toBe(403)
    expect((await get('/%E0%A4%A')).status).toBe(403)
    expect((await get('/..%5Coutside.js')).status).toBe(403)
  })

  it('serves only known kinds of file, only to GET and HEAD, only on its own host', async () => {
    expect((await get('/assets/notes.xyz')).status).toBe(403)
    expect((await get('/assets')).status).toBe(403)
    expect((await get('/missing.js')).status).toBe(404)
    expect((await get('/assets/app.js', { method: 'POST', body: 'x' })).status).toBe(405)
    expect((await serve(new Request('aidge-app://other/index.html'))).status).toBe(404)
    expect((await serve(new Request('aidge-media://app/index.html'))).status).toBe(404)
  })

  it('maps file names to MIME types, and unknown kinds to none', () => {
    expect(mimeTypeOf('/x/INDEX.HTML')).toBe('text/html; charset=utf-8')
    expect(mimeTypeOf('a.mjs')).toBe('text/javascript; charset=utf-8')
    expect(mimeTypeOf('a.woff2')).toBe('font/woff2')
    expect(mimeTypeOf('a.jpeg')).toBe('image/jpeg')
    expect(mimeTypeOf('a.exe')).toBeNull()
    expect(mimeTypeOf('noext')).toBeNull()
    for (const type of Object.values(MIME_TYPES)) expect(type).toMatch(/^[a-z]+\/[a-z0-9.+-]+(; charset=utf-8)?$/)
  })

  it('knows its own page and origin (compared by scheme and host: Node reports a custom scheme origin as "null")', () => {
    expect(isAppPageUrl('aidge-app://app/index.html')).toBe(true)
    expect(isAppPageUrl('aidge-app://app/')).toBe(true)
    expect(isAppPageUrl('aidge-app://app/assets/app.js')).toBe(false)
    expect(isAppPageUrl('aidge-app://evil/index.html')).toBe(false)
    expect(isAppPageUrl('file:///index.html')).toBe(false)
    expect(isAppOrigin('aidge-app://app')).toBe(true)
    expect(isAppOrigin('https://app')).toBe(false)
    expect(isAppOrigin('not a url')).toBe(false)
  })
})
