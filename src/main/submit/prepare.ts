// Reading and checking one input before its call: the bytes, their sha256 (the idempotency key), the local checks
// (and fit), the Base64 body and a thumbnail. Runs ahead of the calls, so it overlaps with them.
import { open } from 'node:fs/promises'
import type { InputProblem, SubmissionRecord } from '../../shared/submit'
import type { SubmitImage } from '../aidge/submitBody'
import { checkPhoto, sha256Hex, thumbnailOf } from './photoCheck'

export type Prepared =
  | { ok: true; sha256: string; image: SubmitImage; fitted: boolean; thumbnail: Buffer | null }
  | { ok: false; sha256: string | null; problem: InputProblem }

/** Beyond this a file is not read at all, fit or not: no photo needs it, and it would only fill memory. */
export const MAX_READ_BYTES = 64 * 1024 * 1024

/** The file's bytes, or the problem reading it (missing, a folder, no permission, far too big). */
export async function readInputBytes(path: string): Promise<Buffer | InputProblem> {
  let handle
  try {
    handle = await open(path, 'r')
    const { size } = await handle.stat()
    if (size > MAX_READ_BYTES) return { code: 'FILE_TOO_BIG', message: `The file is ${Math.round(size / 1048576)} MB; photos are at most 4 MB (and fit reads at most 64 MB).` }
    return await handle.readFile()
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'it does not exist' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (e as Error).message
    return { code: 'UNREADABLE', message: `The photo ${path} cannot be read: ${why}.` }
  } finally {
    await handle?.close()
  }
}

/** The one rule for what counts as an image URL input. */
export function urlProblem(text: string): string | null {
  let u: URL
  try {
    u = new URL(text)
  } catch {
    return 'not a URL'
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'only http and https URLs can be given to the vendor'
  if (text.length > 2048) return 'longer than 2048 characters'
  return null
}

export async function prepareInput(row: Pick<SubmissionRecord, 'input' | 'inputKind' | 'fit'>): Promise<Prepared> {
  if (row.inputKind === 'url') {
    const problem = urlProblem(row.input)
    // A URL's key is its text: the vendor downloads it, the app never does.
    const sha256 = sha256Hex(`url:${row.input}`)
    if (problem) return { ok: false, sha256, problem: { code: 'BAD_URL', message: `${row.input.slice(0, 100)}: ${problem}.` } }
    return { ok: true, sha256, image: { url: row.input }, fitted: false, thumbnail: null }
  }
  const bytes = await readInputBytes(row.input)
  if (!Buffer.isBuffer(bytes)) return { ok: false, sha256: null, problem: bytes }
  const sha256 = sha256Hex(bytes)
  const checked = await checkPhoto(bytes, { fit: row.fit })
  if (!checked.ok) return { ok: false, sha256, problem: checked.problem }
  const thumbnail = (await thumbnailOf(bytes)) ?? (checked.fitted ? await thumbnailOf(checked.bytes) : null)
  return { ok: true, sha256, image: { base64: checked.bytes.toString('base64') }, fitted: checked.fitted, thumbnail }
}
