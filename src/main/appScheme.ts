// The app's own page comes from a privileged custom scheme, aidge-app://app/, never from file:// (Electron's
// security checklist, item 18; the packaged app turns off the grantFileProtocolExtraPrivileges fuse). This file
// is the handler without Electron: it serves only files inside the built renderer folder. protocol.ts installs it.
import { readFile, realpath } from 'node:fs/promises'
import { resolve } from 'node:path'
import { inside, MediaPathError } from './mediaPaths'
import { mimeTypeOf, refusal } from './servedFiles'

export const APP_SCHEME = 'aidge-app'
export const APP_ORIGIN = `${APP_SCHEME}://app`
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`

/** The Content-Security-Policy of the app's page, one directive per entry: only its own scripts and styles,
 * images from itself and the media scheme, no remote origin at all. */
const CSP_DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'none'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data: aidge-media:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
  ['object-src', "'none'"]
]

const policy = (directives: ReadonlyArray<readonly [string, string]>): string => directives.map(([d, v]) => `${d} ${v}`).join('; ')

/** The policy the aidge-app scheme sends as a response header with every file. */
export const CONTENT_SECURITY_POLICY = policy(CSP_DIRECTIVES)

/**
 * The same policy for the page's <meta> tag (the build writes it into index.html, so the page is protected where no
 * header is sent: the dev server, the browser harness). A meta tag cannot carry frame-ancestors (Chromium warns).
 * In development the dev server needs two more things: React Refresh's inline preamble script, admitted by its
 * hash, and the <style> elements Vite injects for CSS.
 */
export function metaContentSecurityPolicy(dev?: { inlineScriptHashes: readonly string[] }): string {
  const directives = CSP_DIRECTIVES.filter(([d]) => d !== 'frame-ancestors').map(([d, v]): readonly [string, string] => {
    if (!dev) return [d, v]
    if (d === 'script-src') return [d, [v, ...dev.inlineScriptHashes.map((h) => `'${h}'`)].join(' ')]
    if (d === 'style-src') return [d, `${v} 'unsafe-inline'`]
    return [d, v]
  })
  return policy(directives)
}

/** The built renderer is a few hundred KB; anything far bigger in that folder is not ours to serve. */
const MAX_APP_FILE_BYTES = 32 * 1024 * 1024

/** scheme://host of a URL. (Node's URL reports the origin of a custom scheme as "null"; Chromium, which knows
 * the scheme is standard, does not, so the origin is compared by its parts.) */
function originOf(url: string): string | null {
  try {
    const u = new URL(url)
    return `${u.protocol}//${u.host}`
  } catch {
    return null
  }
}

/** True for any URL or origin on the app's own scheme and host. */
export function isAppOrigin(url: string): boolean {
  return originOf(url) === APP_ORIGIN
}

/** True for the app's page itself (what IPC senders must be showing). */
export function isAppPageUrl(url: string): boolean {
  if (!isAppOrigin(url)) return false
  const { pathname } = new URL(url)
  return pathname === '/index.html' || pathname === '/'
}

/** The file a request names, relative to the renderer folder, or a refusal. */
function requestedPath(url: string): string {
  if (!isAppOrigin(url)) throw new MediaPathError('NOT_FOUND', 'Not found.')
  const u = new URL(url)
  let path: string
  try {
    path = decodeURIComponent(u.pathname)
  } catch {
    throw new MediaPathError('BAD_REQUEST', 'Refused: a malformed path.')
  }
  if (path.includes('\0')) throw new MediaPathError('BAD_REQUEST', 'Refused: a malformed path.')
  return path === '/' ? 'index.html' : path.slice(1)
}

/**
 * Serves GET/HEAD aidge-app://app/<path> from `rendererDir` only: the path is resolved and must stay inside the
 * folder (by path.relative, not a prefix), symlinks are followed and must stay inside too, only known file types
 * are served (with their MIME type), and every answer carries the CSP.
 */
export function createAppFileHandler(rendererDir: string): (request: Request) => Promise<Response> {
  let rootReal: Promise<string> | null = null
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed.', { status: 405, headers: { allow: 'GET, HEAD' } })
    }
    try {
      const root = resolve(rendererDir)
      rootReal ??= realpath(root)
      const lexical = resolve(root, requestedPath(request.url))
      if (!inside(root, lexical)) throw new MediaPathError('OUTSIDE_ALLOWED_FOLDERS', 'Refused: outside the app.')
      let real: string
      try {
        real = await realpath(lexical)
      } catch {
        throw new MediaPathError('NOT_FOUND', 'Not found.')
      }
      if (!inside(await rootReal, real)) throw new MediaPathError('OUTSIDE_ALLOWED_FOLDERS', 'Refused: the file links outside the app.')
      const type = mimeTypeOf(real)
      if (type === null) throw new MediaPathError('OUTSIDE_ALLOWED_FOLDERS', 'Refused: not a kind of file the app serves.')
      // readFile, not a file handle: in the packaged app these files sit inside app.asar, where every Electron
      // version patches readFile and realpath (docs/tutorial/asar-archives.md); the folder is read-only there
      let bytes: Buffer
      try {
        bytes = await readFile(real)
      } catch {
        throw new MediaPathError('NOT_FOUND', 'Not found.')
      }
      if (bytes.length > MAX_APP_FILE_BYTES) throw new MediaPathError('OUTSIDE_ALLOWED_FOLDERS', 'Refused: larger than any file of the app.')
      return new Response(request.method === 'HEAD' ? null : new Uint8Array(bytes), {
        status: 200,
        headers: {
          'content-type': type,
          'content-length': String(bytes.length),
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-cache'
        }
      })
    } catch (e) {
      return refusal(e)
    }
  }
}
