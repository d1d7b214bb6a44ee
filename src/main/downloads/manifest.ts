// manifest.json: what a download folder should hold (task, image, file, size, sha256, source without its
// signature), so the folder can prove it is complete. Merged with what earlier runs wrote; written atomically.
// The folder is the user's: a manifest.json this app did not write (a web app's, say) is never replaced; the
// list then goes under ALT_MANIFEST_NAME, and the batch says so.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { createExclusive, READ_NOFOLLOW } from '../exclusiveFile'
import { isInside, stripQuery } from './fileNames'
import { sha256OfFile, syncFolder } from './partFile'

import { ALT_MANIFEST_NAME, MANIFEST_NAME, type ManifestNote } from '../../shared/downloads'

export { MANIFEST_NAME, ALT_MANIFEST_NAME }
const GENERATOR = 'aidge-task-desk'

export interface ManifestEntry {
  taskId: string
  index: number
  /** relative to the folder, with '/' separators */
  file: string
  bytes: number
  sha256: string
  /** the result URL without query string (no signature, no expiry) */
  source: string
  downloadedAt: string
}

export interface ManifestFailure {
  taskId: string
  index: number
  reason: string
}

export interface Manifest {
  version: 1
  generator: 'aidge-task-desk'
  updatedAt: string
  files: ManifestEntry[]
  /** images the last run could not download */
  missing: ManifestFailure[]
}

type Found = { kind: 'none' } | { kind: 'ours'; manifest: Manifest } | { kind: 'foreign' }

/** What is under `name` in the folder: nothing, a manifest of ours (a regular file with our generator), or anything else. */
async function inspect(folder: string, name: string): Promise<Found> {
  let text: string
  try {
    const fh = await fs.open(path.join(folder, name), READ_NOFOLLOW)
    try {
      if (!(await fh.stat()).isFile()) return { kind: 'foreign' }
      text = await fh.readFile('utf8')
    } finally {
      await fh.close()
    }
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? { kind: 'none' } : { kind: 'foreign' }
  }
  const manifest = parseManifest(text)
  return manifest ? { kind: 'ours', manifest } : { kind: 'foreign' }
}

/** Where this app's manifest lives in a folder: manifest.json unless another program's file holds that name. */
async function locate(folder: string): Promise<{ name: string; found: Found } | null> {
  const main = await inspect(folder, MANIFEST_NAME)
  if (main.kind !== 'foreign') return { name: MANIFEST_NAME, found: main }
  const alt = await inspect(folder, ALT_MANIFEST_NAME)
  return alt.kind === 'foreign' ? null : { name: ALT_MANIFEST_NAME, found: alt }
}

export async function readManifest(folder: string): Promise<Manifest | null> {
  const at = await locate(folder)
  return at?.found.kind === 'ours' ? at.found.manifest : null
}

function parseManifest(text: string): Manifest | null {
  try {
    const m = JSON.parse(text) as Partial<Manifest>
    if (m === null || typeof m !== 'object' || m.generator !== GENERATOR || m.version !== 1 || !Array.isArray(m.files)) return null
    const files = m.files.filter(
      (f): f is ManifestEntry =>
        !!f && typeof f.taskId === 'string' && typeof f.index === 'number' && typeof f.file === 'string' && typeof f.sha256 === 'string' && typeof f.bytes === 'number'
    )
    return { version: 1, generator: 'aidge-task-desk', updatedAt: String(m.updatedAt ?? ''), files, missing: Array.isArray(m.missing) ? m.missing : [] }
  } catch {
    return null
  }
}

const keyOf = (e: { taskId: string; index: number }): string => `${e.taskId}\u0000${e.index}`

export interface ManifestUpdate {
  /** absolute paths of this run's files (downloaded or found complete) */
  files: Array<{ taskId: string; index: number; path: string; bytes: number; sha256: string; url: string; at: number }>
  failures: ManifestFailure[]
}

export class ForeignManifestError extends Error {}

/**
 * Merges this run into the folder's manifest and replaces it atomically (temp file, fsync, rename, fsync folder).
 * Returns where it went, and 'alternate' when that is not manifest.json because another program's file has the name.
 */
export async function updateManifest(folder: string, update: ManifestUpdate, now: number): Promise<{ path: string; note: ManifestNote | null }> {
  const at = await locate(folder)
  if (at === null) {
    throw new ForeignManifestError(`${MANIFEST_NAME} and ${ALT_MANIFEST_NAME} in ${folder} belong to another program`)
  }
  const previous = at.found.kind === 'ours' ? at.found.manifest : null
  const byKey = new Map<string, ManifestEntry>()
  for (const e of previous?.files ?? []) byKey.set(keyOf(e), e)
  for (const f of update.files) {
    byKey.set(keyOf(f), {
      taskId: f.taskId,
      index: f.index,
      file: path.relative(folder, f.path).split(path.sep).join('/'),
      bytes: f.bytes,
      sha256: f.sha256,
      source: stripQuery(f.url),
      downloadedAt: new Date(f.at).toISOString()
    })
  }
  const missing = new Map<string, ManifestFailure>()
  for (const m of [...(previous?.missing ?? []), ...update.failures]) if (!byKey.has(keyOf(m))) missing.set(keyOf(m), m)
  for (const f of update.files) missing.delete(keyOf(f))
  const manifest: Manifest = {
    version: 1,
    generator: 'aidge-task-desk',
    updatedAt: new Date(now).toISOString(),
    files: [...byKey.values()].sort((a, b) => (a.taskId < b.taskId ? -1 : a.taskId > b.taskId ? 1 : a.index - b.index)),
    missing: [...missing.values()]
  }
  const target = path.join(folder, at.name)
  const temp = path.join(folder, `.aidge-manifest-${randomBytes(9).toString('hex')}.tmp`)
  const fh = await createExclusive(temp)
  try {
    await fh.writeFile(`${JSON.stringify(manifest, null, 2)}\n`)
    await fh.sync()
  } finally {
    await fh.close()
  }
  try {
    await fs.rename(temp, target)
  } catch (e) {
    await fs.rm(temp, { force: true })
    throw e
  }
  await syncFolder(folder)
  return { path: target, note: at.name === MANIFEST_NAME ? null : 'alternate' }
}

export interface ManifestCheck {
  ok: boolean
  problems: string[]
}

/** Checks that every file the manifest lists is there with its size and sha256. */
export async function verifyManifest(folder: string): Promise<ManifestCheck> {
  const m = await readManifest(folder)
  if (!m) return { ok: false, problems: [`${path.join(folder, MANIFEST_NAME)} (or ${ALT_MANIFEST_NAME}) is missing or unreadable`] }
  const problems: string[] = []
  for (const e of m.files) {
    const file = path.resolve(folder, ...e.file.split('/'))
    if (!isInside(folder, file)) {
      problems.push(`${e.file}: outside the folder`)
      continue
    }
    try {
      const { bytes, sha256 } = await sha256OfFile(file)
      if (bytes !== e.bytes || sha256 !== e.sha256) problems.push(`${e.file}: content differs from the manifest`)
    } catch {
      problems.push(`${e.file}: missing`)
    }
  }
  for (const f of m.missing) problems.push(`task ${f.taskId} image ${f.index}: not downloaded (${f.reason})`)
  return { ok: problems.length === 0, problems }
}
