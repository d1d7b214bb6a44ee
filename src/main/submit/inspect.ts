// Photos as the "New tasks" view sees them before anything is sent: the local check and a thumbnail for each,
// the photos of a chosen folder, and main's own copy of a file dropped on the window (the page hands over the
// bytes it was given; it never names a file for main to read).
import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import type { PhotoView, TaskInputView } from '../../shared/submit'
import type { SubmitJournal } from './journal'
import { checkPhoto, sha256Hex, sniffInputFormat, thumbnailOf } from './photoCheck'
import { readInputBytes } from './prepare'

const dataUrl = (jpeg: Buffer | null): string | null => (jpeg ? `data:image/jpeg;base64,${jpeg.toString('base64')}` : null)

export async function inspectPhoto(path: string): Promise<PhotoView> {
  const base: PhotoView = { input: path, inputKind: 'file', name: basename(path), thumbnail: null, bytes: null, width: null, height: null, problem: null }
  const bytes = await readInputBytes(path)
  if (!Buffer.isBuffer(bytes)) return { ...base, problem: bytes }
  const checked = await checkPhoto(bytes, { fit: false })
  const thumbnail = dataUrl(await thumbnailOf(bytes))
  if (checked.ok) return { ...base, thumbnail, bytes: bytes.length, width: checked.width, height: checked.height }
  return { ...base, thumbnail, bytes: bytes.length, problem: checked.problem }
}

const PHOTO_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.bmp', '.webp'])
/** A folder of thousands is not a batch anyone means to pay for at once. */
export const MAX_FOLDER_PHOTOS = 500

/** The photo files directly in a folder (by name; each is then checked by its bytes), sorted by name. */
export async function photosInFolder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true })
  return entries
    .filter((e) => e.isFile() && PHOTO_EXTENSIONS.has(extname(e.name).toLowerCase()))
    .map((e) => join(folder, e.name))
    .sort()
    .slice(0, MAX_FOLDER_PHOTOS)
}

/** Writes dropped bytes under <dataDir>/inputs/ named by their sha256 (the same bytes land in the same file). */
export async function stageDroppedPhoto(dataDir: string, name: string, bytes: Buffer): Promise<string> {
  const dir = join(dataDir, 'inputs')
  await mkdir(dir, { recursive: true })
  const format = sniffInputFormat(bytes)
  const ext = format === 'jpeg' ? 'jpg' : (format ?? (extname(name).slice(1).toLowerCase().replace(/[^a-z0-9]/g, '') || 'bin'))
  const file = join(dir, `${sha256Hex(bytes)}.${ext}`)
  await writeFile(file, bytes, { flag: 'w' })
  return file
}

/** The photo a task was created from, for its detail view. */
export function taskInputView(journal: SubmitJournal, taskId: string): TaskInputView | null {
  const row = journal.forTask(taskId)
  if (!row) return null
  return { input: row.input, params: row.params, fitted: row.fitted, submittedAt: row.updatedAt, thumbnail: dataUrl(journal.thumbnailForTask(taskId)) }
}
