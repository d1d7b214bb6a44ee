// Reading a file for the app's own schemes (aidge-app: the built renderer; aidge-media: cached and downloaded
// images) without Electron: one open, one fstat, the bytes from that same handle. Plain Node, so vitest covers it.
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

export interface ReadOptions {
  /** refuse files larger than this many bytes */
  maxBytes: number
  /**
   * Also require that the handle is the very file the path names now (same device and inode as an lstat of the
   * path), so a file swapped for another between the path check and the open is refused. Not for files inside an
   * asar archive, whose stats are synthetic (Electron's docs: "Fake Stat Information of fs.stat").
   */
  sameFileAsPath: boolean
}

/**
 * The bytes of `file`, a path the caller has already resolved (realpath) and found inside its allowed folder:
 * opened once without following a final symlink, checked with fstat on that handle (a regular file, not too big),
 * and read from that handle. The path is never opened a second time.
 */
export async function readServedFile(file: string, options: ReadOptions): Promise<Buffer> {
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
    if (st.size > options.maxBytes) throw new MediaPathError('BAD_REQUEST', 'Refused: the file is larger than the app serves.')
    if (options.sameFileAsPath) {
      const now = await lstat(file).catch(() => null)
      if (!now || !now.isFile() || now.ino !== st.ino || now.dev !== st.dev) {
        throw new MediaPathError('OUTSIDE_ALLOWED_FOLDERS', 'Refused: the file changed while it was being opened.')
      }
    }
    const bytes = await handle.readFile()
    if (bytes.length > options.maxBytes) throw new MediaPathError('BAD_REQUEST', 'Refused: the file is larger than the app serves.')
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
