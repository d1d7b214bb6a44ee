// What the app's own schemes share without Electron: the MIME types they serve, their refusals, and reading a file
// from the user's folders (aidge-media) through one handle: one open, one fstat, the bytes from that same handle.
import { constants } from 'node:fs'
import { lstat, open } from 'node:fs/promises'
import { extname } from 'node:path'
import { MediaPathError } from './mediaPaths'

/** Where the OS has it (not Windows): opening a path whose last part is a symlink fails instead of following it. */
const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0

/** The content types the built renderer and the image folders hold; anything else is not served. */
export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8'
}

/** The content type for a file name, or null when the app has no business serving that kind of file. */
export function mimeTypeOf(file: string): string | null {
  return MIME_TYPES[extname(file).toLowerCase()] ?? null
}

/**
 * The bytes of `file`, a path the caller has already resolved (realpath) and found inside an allowed folder:
 * opened once without following a final symlink, checked with fstat on that handle (a regular file, not too big,
 * and the very file the path names now, by device and inode, so a file swapped in between the path check and the
 * open is refused), then read from that same handle. The path is never opened a second time.
 * (For the user's folders: files inside an asar archive have synthetic inodes, Electron's docs/tutorial/asar-archives.md.)
 */
export async function readServedFile(file: string, maxBytes: number): Promise<Buffer> {
  let handle
  try {
    handle = await open(file, constants.O_RDONLY | O_NOFOLLOW)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ELOOP' || code === 'EMLINK') throw new MediaPathError('OUTSIDE_ALLOWED_FOLDERS', 'Refused: the file is a symbolic link.')
    throw new MediaPathError('NOT_FOUND', 'The file is missing.')
  }
  try {
    const st = await handle.stat()
    if (!st.isFile()) throw new MediaPathError('NOT_FOUND', 'Not a file.')
    if (st.size > maxBytes) throw new MediaPathError('BAD_REQUEST', 'Refused: the file is larger than the app serves.')
    const now = await lstat(file).catch(() => null)
    if (!now || !now.isFile() || now.ino !== st.ino || now.dev !== st.dev) {
      throw new MediaPathError('OUTSIDE_ALLOWED_FOLDERS', 'Refused: the file changed while it was being opened.')
    }
    const bytes = await handle.readFile()
    if (bytes.length > maxBytes) throw new MediaPathError('BAD_REQUEST', 'Refused: the file is larger than the app serves.')
    return bytes
  } finally {
    await handle.close()
  }
}

/** The status a refused or missing file answers with: 404 when it is not there, 403 for everything refused. */
export function statusFor(e: unknown): number {
  return !(e instanceof MediaPathError) || e.code === 'NOT_FOUND' ? 404 : 403
}

/** A short plain-text answer for a refused request (the page never sees a path or a stack). */
export function refusal(e: unknown): Response {
  const message = e instanceof MediaPathError ? e.message : 'Not found.'
  return new Response(message, { status: statusFor(e), headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' } })
}
