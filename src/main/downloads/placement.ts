// Moving a verified partial file to its final name without ever replacing a file: the same bytes already there
// are reused, anything else gets a new name (`name (2).png`). link() fails atomically on an existing name, so a
// file a user creates at the same moment is safe too; where links are unsupported, the bytes are copied into a
// name created exclusively, which fails as atomically (a check then a rename would race with that user).
import fs from 'node:fs/promises'
import path from 'node:path'
import { createExclusive, READ_NOFOLLOW } from '../exclusiveFile'
import { fileSystemError } from './errors'
import { withCopySuffix } from './fileNames'
import { FolderSyncer, removeQuietly, sha256OfFile, type PartPaths } from './partFile'

/**
 * One batch's view of its target folders: final paths handed out (case-folded, for case-insensitive file
 * systems), so two images never race for one name; folders known to exist; grouped folder syncs.
 */
export class NameReservations {
  private readonly taken = new Map<string, string>()
  private readonly folders = new Set<string>()
  readonly syncer = new FolderSyncer()

  private static key(file: string): string {
    return path.resolve(file).normalize('NFC').toLowerCase()
  }

  /** true when `owner` may use the name (it is free or already theirs) */
  claim(file: string, owner: string): boolean {
    const k = NameReservations.key(file)
    const cur = this.taken.get(k)
    if (cur !== undefined && cur !== owner) return false
    this.taken.set(k, owner)
    return true
  }

  release(file: string, owner: string): void {
    const k = NameReservations.key(file)
    if (this.taken.get(k) === owner) this.taken.delete(k)
  }

  async ensureFolder(folder: string, again = false): Promise<void> {
    if (this.folders.has(folder) && !again) return
    await fs.mkdir(folder, { recursive: true })
    this.folders.add(folder)
  }
}

export interface PlaceInput {
  paths: PartPaths
  /** the transfer may have left a meta file beside the partial file */
  metaMayExist: boolean
  /** the wanted final path (already inside the target folder) */
  wanted: string
  bytes: number
  sha256: string
  owner: string
  reservations: NameReservations
  /** link(2); a test stands in for a file system without hard links (FAT, some network shares) */
  link?: (from: string, to: string) => Promise<void>
}

export interface PlaceResult {
  path: string
  /** an identical file was already at `path`; the partial file was dropped */
  reused: boolean
}

const MAX_NAME_TRIES = 1000

/** True when `file` itself (not a link's target) is a regular file holding exactly these bytes (size first: cheap). */
export async function sameFile(file: string, bytes: number, sha256: string): Promise<boolean> {
  try {
    const st = await fs.lstat(file)
    if (!st.isFile() || st.size !== bytes) return false
    return (await sha256OfFile(file)).sha256 === sha256
  } catch {
    return false
  }
}

type LinkOutcome = 'ok' | 'exists' | 'unsupported' | 'no-folder'

/**
 * Copies `from` into a new file `to`, created exclusively and never through a symlink, and makes it durable.
 * 'exists' when anything already has the name (nothing is written then).
 */
export async function copyNoReplace(from: string, to: string): Promise<'ok' | 'exists'> {
  let dst: fs.FileHandle
  try {
    dst = await createExclusive(to)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'EEXIST' || code === 'ELOOP') return 'exists'
    throw e
  }
  try {
    const src = await fs.open(from, READ_NOFOLLOW)
    try {
      const buf = Buffer.allocUnsafe(1024 * 1024)
      for (;;) {
        const { bytesRead } = await src.read(buf, 0, buf.length, null)
        if (bytesRead === 0) break
        for (let at = 0; at < bytesRead; ) at += (await dst.write(buf, at, bytesRead - at)).bytesWritten
      }
    } finally {
      await src.close()
    }
    await dst.datasync()
    await dst.close()
  } catch (e) {
    await dst.close().catch(() => undefined)
    await fs.unlink(to).catch(() => undefined)
    throw e
  }
  return 'ok'
}

/** link(): no system call can replace an existing file this way. */
async function linkNoReplace(from: string, to: string, link: (from: string, to: string) => Promise<void>): Promise<LinkOutcome> {
  try {
    await link(from, to)
    return 'ok'
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'EEXIST') return 'exists'
    if (code === 'ENOENT') return 'no-folder'
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS' || code === 'EXDEV' || code === 'EMLINK') return 'unsupported'
    throw e
  }
}

export async function placeFile(input: PlaceInput): Promise<PlaceResult> {
  const folder = path.dirname(input.wanted)
  const base = path.basename(input.wanted)
  const { reservations: r, owner } = input
  try {
    await r.ensureFolder(folder)
    // The meta file goes first: a crash after this point leaves a partial file that restarts, never one that
    // resumes onto a name that is already final.
    if (input.metaMayExist) await removeQuietly(input.paths.meta)
    for (let n = 1; n <= MAX_NAME_TRIES; n++) {
      const candidate = path.join(folder, n === 1 ? base : withCopySuffix(base, n))
      if (!r.claim(candidate, owner)) continue
      const link = input.link ?? fs.link
      let linked = await linkNoReplace(input.paths.part, candidate, link)
      if (linked === 'no-folder') {
        // the folder went away during the batch (or the partial file did: then link fails again and throws)
        await r.ensureFolder(folder, true)
        linked = await linkNoReplace(input.paths.part, candidate, link)
        if (linked === 'no-folder') throw Object.assign(new Error(`${input.paths.part} is missing`), { code: 'ENOENT' })
      }
      if (linked === 'exists') {
        // a file is there already: the same bytes are kept as they are, anything else is left alone
        if (await sameFile(candidate, input.bytes, input.sha256)) {
          await removeQuietly(input.paths.part)
          return { path: candidate, reused: true }
        }
        r.release(candidate, owner)
        continue
      }
      if (linked === 'unsupported') {
        if ((await copyNoReplace(input.paths.part, candidate)) === 'exists') {
          if (await sameFile(candidate, input.bytes, input.sha256)) {
            await removeQuietly(input.paths.part)
            return { path: candidate, reused: true }
          }
          r.release(candidate, owner)
          continue
        }
        await fs.unlink(input.paths.part)
      } else {
        await fs.unlink(input.paths.part)
      }
      // the folder is synced before history records the file (HistoryWriter), for many files at once
      return { path: candidate, reused: false }
    }
  } catch (e) {
    throw fileSystemError(e, `Saving ${input.wanted}`)
  }
  throw fileSystemError(new Error(`no free name after ${MAX_NAME_TRIES} tries`), `Saving ${input.wanted}`)
}
