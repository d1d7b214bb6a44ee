// Temporary files: `.aidge-<id>.part` holds the bytes received so far, `.aidge-<id>.part.json` what the server
// said about them (ETag, Last-Modified, total length) so a later run can resume with Range + If-Range. Both live
// in the target folder (same file system: the final rename is atomic) and are hidden by their leading dot. The
// meta file is written only when data reaches the disk before the body is complete (a body that fits in one
// write batch never needs it), which spares small files three system calls.
// Their names are stable (a later run must find them), so anyone who can write to the folder can guess them: a
// symlink or a file planted under such a name is never followed or written through. Both are created exclusively
// without following links, and a resumed partial file must be the very regular file its name shows (lstat = fstat).
import { createHash, type Hash } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { APPEND_NOFOLLOW, createExclusive, READ_NOFOLLOW, sameFileAsPath } from '../exclusiveFile'
import { SNIFF_BYTES } from './imageType'

export const PART_PREFIX = '.aidge-'
export const PART_SUFFIX = '.part'
export const META_SUFFIX = '.part.json'

export interface PartPaths {
  part: string
  meta: string
}

/** Stable per folder and image, so a later run finds what an interrupted one left. */
export function partPathsFor(folder: string, key: string): PartPaths {
  const id = createHash('sha256').update(key).digest('hex').slice(0, 24)
  const part = path.join(folder, `${PART_PREFIX}${id}${PART_SUFFIX}`)
  return { part, meta: `${part.slice(0, -PART_SUFFIX.length)}${META_SUFFIX}` }
}

export function isPartFileName(name: string): boolean {
  return name.startsWith(PART_PREFIX) && (name.endsWith(PART_SUFFIX) || name.endsWith(META_SUFFIX) || name.endsWith('.tmp'))
}

export interface PartMeta {
  /** which object: the URL without its query (signatures change at every re-query, the object does not) */
  source: string
  etag: string | null
  lastModified: string | null
  /** the full object length, when the server said */
  total: number | null
  taskId?: string
  index?: number
}

/** Reads a file that must be a regular file under its own name (never through a symlink). */
async function readOwnFile(file: string): Promise<string> {
  const fh = await fs.open(file, READ_NOFOLLOW)
  try {
    if (!(await fh.stat()).isFile()) throw Object.assign(new Error(`${file} is not a regular file`), { code: 'EINVAL' })
    return await fh.readFile('utf8')
  } finally {
    await fh.close()
  }
}

/** Creates `file` afresh: whatever is under the name (a stale file, a planted link) is unlinked, never opened. */
async function createFresh(file: string): Promise<fs.FileHandle> {
  await fs.unlink(file).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'ENOENT') throw e
  })
  return createExclusive(file)
}

export async function readMeta(file: string): Promise<PartMeta | null> {
  try {
    const m = JSON.parse(await readOwnFile(file)) as Partial<PartMeta>
    if (typeof m.source !== 'string') return null
    return {
      source: m.source,
      etag: typeof m.etag === 'string' ? m.etag : null,
      lastModified: typeof m.lastModified === 'string' ? m.lastModified : null,
      total: typeof m.total === 'number' && Number.isSafeInteger(m.total) ? m.total : null,
      ...(typeof m.taskId === 'string' ? { taskId: m.taskId } : {}),
      ...(typeof m.index === 'number' ? { index: m.index } : {})
    }
  } catch {
    return null
  }
}

/** Not synced: a lost or torn meta file only costs a restart from byte 0. */
export async function writeMeta(file: string, meta: PartMeta): Promise<void> {
  const fh = await createFresh(file)
  try {
    await fh.writeFile(JSON.stringify(meta))
  } finally {
    await fh.close()
  }
}

/** The size of a regular file under this very name, with no other name; null for anything else (not resumed from). */
export async function sizeOf(file: string): Promise<number | null> {
  try {
    const st = await fs.lstat(file)
    return st.isFile() && st.nlink === 1 ? st.size : null
  } catch {
    return null
  }
}

/** unlink, ignoring a missing file (one system call; fs.rm would add an lstat) */
export async function removeQuietly(...files: string[]): Promise<void> {
  await Promise.all(files.map((f) => fs.unlink(f).catch(() => undefined)))
}

/** Hashes what a partial file already holds and returns its first bytes, so a resumed transfer can continue both. */
export async function hashPrefix(file: string, hash: Hash): Promise<{ bytes: number; head: Buffer }> {
  let bytes = 0
  const heads: Buffer[] = []
  let headLen = 0
  const fh = await fs.open(file, READ_NOFOLLOW)
  for await (const chunk of fh.createReadStream({ highWaterMark: 1024 * 1024 })) {
    const b = chunk as Buffer
    hash.update(b)
    bytes += b.length
    if (headLen < SNIFF_BYTES) {
      heads.push(b.subarray(0, SNIFF_BYTES - headLen))
      headLen += Math.min(b.length, SNIFF_BYTES - headLen)
    }
  }
  return { bytes, head: Buffer.concat(heads) }
}

export async function sha256OfFile(file: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256')
  const { bytes } = await hashPrefix(file, hash)
  return { bytes, sha256: hash.digest('hex') }
}

/** The write side of a partial file. Injectable so a test can make the disk fill up without a tiny file system. */
export interface PartWriter {
  /** appends all chunks, in order */
  write(chunks: readonly Buffer[]): Promise<void>
  /** makes the written data durable (fdatasync is enough: the file's size is part of what it flushes) */
  sync(): Promise<void>
  close(): Promise<void>
}

export interface DownloadIo {
  /** 'append' continues a partial file; 'truncate' starts it over */
  openPart(file: string, mode: 'append' | 'truncate'): Promise<PartWriter>
}

export const nodeIo: DownloadIo = {
  async openPart(file, mode) {
    const fh = mode === 'append' ? await fs.open(file, APPEND_NOFOLLOW) : await createFresh(file)
    // the name may have been swapped (for a hard link to someone's file, say) since it was measured for the resume
    if (mode === 'append' && !(await sameFileAsPath(fh, file))) {
      await fh.close()
      throw Object.assign(new Error(`${file} changed under the download (not the partial file it was)`), { code: 'ESTALE' })
    }
    return {
      async write(chunks) {
        let pending = chunks.filter((c) => c.length > 0)
        while (pending.length > 0) {
          const want = pending.reduce((n, c) => n + c.length, 0)
          const { bytesWritten } = await fh.writev(pending)
          if (bytesWritten >= want) return
          // a short write: drop what landed and go again (the next call reports ENOSPC if that was the cause)
          let skip = bytesWritten
          const rest: Buffer[] = []
          for (const c of pending) {
            if (skip >= c.length) skip -= c.length
            else {
              rest.push(skip > 0 ? c.subarray(skip) : c)
              skip = 0
            }
          }
          pending = rest
        }
      },
      // fdatasync: the data and the size that reaches it, without a journal commit for timestamps alone
      sync: () => fh.datasync(),
      close: () => fh.close()
    }
  }
}

/** fsync a folder so a rename in it survives power loss (a no-op where folders cannot be opened, e.g. Windows). */
export async function syncFolder(folder: string): Promise<void> {
  let fh: fs.FileHandle | undefined
  try {
    fh = await fs.open(folder, 'r')
    await fh.sync()
  } catch {
    // Windows and some network file systems refuse; the rename itself is still atomic there.
  } finally {
    await fh?.close().catch(() => undefined)
  }
}

/**
 * Group commit for folder syncs: a caller joins the next sync that starts after its call, so N files placed at
 * once cost one or two folder fsyncs instead of N, and every rename is still durable before its caller goes on.
 */
export class FolderSyncer {
  private readonly running = new Map<string, Promise<void>>()
  private readonly queued = new Map<string, Promise<void>>()

  constructor(private readonly syncOne: (folder: string) => Promise<void> = syncFolder) {}

  sync(folder: string): Promise<void> {
    const waiting = this.queued.get(folder)
    if (waiting) return waiting
    const before = this.running.get(folder) ?? Promise.resolve()
    const next = before.then(() => {
      this.queued.delete(folder)
      const run = this.syncOne(folder)
      this.running.set(folder, run)
      return run.finally(() => {
        if (this.running.get(folder) === run) this.running.delete(folder)
      })
    })
    this.queued.set(folder, next)
    return next
  }
}
