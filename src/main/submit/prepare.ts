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
    if (size > MAX_READ_BYTES) {
      return { code: 'FILE_TOO_BIG', data: { bytes: size, reason: 'read' }, message: `The file is ${Math.round(size / 1048576)} MB; photos are at most 4 MB (and fit reads at most 64 MB).` }
    }
    return await handle.readFile()
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    const reason = code === 'ENOENT' || code === 'EISDIR' ? code : code === 'EACCES' || code === 'EPERM' ? 'EACCES' : 'other'
    const detail = (e as Error).message
    const why = { ENOENT: 'it does not exist', EISDIR: 'it is a folder', EACCES: 'permission denied', other: detail }[reason]
    return { code: 'UNREADABLE', data: { path, reason, detail }, message: `The photo ${path} cannot be read: ${why}.` }
  } finally {
    await handle?.close()
  }
}

export type UrlProblem = 'NOT_A_URL' | 'NOT_HTTP' | 'TOO_LONG'
const URL_PROBLEM_WORDS: Record<UrlProblem, string> = {
  NOT_A_URL: 'not a URL',
  NOT_HTTP: 'only http and https URLs can be given to the vendor',
  TOO_LONG: 'longer than 2048 characters'
}

/** The one rule for what counts as an image URL input: null, or why not (a code the window words). */
export function urlProblem(text: string): UrlProblem | null {
  let u: URL
  try {
    u = new URL(text)
  } catch {
    return 'NOT_A_URL'
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'NOT_HTTP'
  if (text.length > 2048) return 'TOO_LONG'
  return null
}

/** A refused URL as an input problem: the reason as data, the English line for the CLI and the log. */
export function badUrl(url: string, reason: UrlProblem): InputProblem {
  const shown = url.slice(0, 100)
  return { code: 'BAD_URL', data: { url: shown, reason }, message: `${shown}: ${URL_PROBLEM_WORDS[reason]}.` }
}

export async function prepareInput(row: Pick<SubmissionRecord, 'input' | 'inputKind' | 'fit'>): Promise<Prepared> {
  if (row.inputKind === 'url') {
    const problem = urlProblem(row.input)
    // A URL's key is its text: the vendor downloads it, the app never does.
    const sha256 = sha256Hex(`url:${row.input}`)
    if (problem) return { ok: false, sha256, problem: badUrl(row.input, problem) }
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
