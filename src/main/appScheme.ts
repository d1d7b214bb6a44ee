// The app's own page comes from a privileged custom scheme, aidge-app://app/, never from file:// (Electron's
// security checklist, item 18; the packaged app turns off the grantFileProtocolExtraPrivileges fuse). This file
// is the handler without Electron: it serves only files inside the built renderer folder. protocol.ts installs it.
import { realpath } from 'node:fs/promises'
import { resolve } from 'node:path'
import { inside, MediaPathError } from './mediaPaths'
import { mimeTypeOf, readServedFile, refusal } from './servedFiles'

export const APP_SCHEME = 'aidge-app'
export const APP_ORIGIN = `${APP_SCHEME}://app`
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`

/** Content-Security-Policy of the app's page, sent as a response header: only its own scripts and styles,
 * images from itself and the media scheme, no remote origin at all. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: aidge-media:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'"
].join('; ')

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
      const bytes = await readServedFile(real, { maxBytes: MAX_APP_FILE_BYTES, sameFileAsPath: false })
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
