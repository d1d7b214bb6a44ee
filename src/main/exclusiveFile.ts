// Creating files in folders other programs or people can write to (a shared download folder, the folder of an
// export): a name planted there beforehand, a symlink above all, must never redirect our bytes into someone
// else's file. O_CREAT|O_EXCL fails on any existing name, a dangling symlink included; O_NOFOLLOW (where the OS has
// it: not on Windows, whose symlinks need privileges to create) refuses a symlink even where EXCL is not used.
import { randomBytes } from 'node:crypto'
import { constants, openSync } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'

const NOFOLLOW = constants.O_NOFOLLOW ?? 0

/** Flags that create a new file for writing, or fail: never an existing file, never through a symlink. */
export const CREATE_EXCLUSIVE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW

/** Flags that open an existing file for appending without following a symlink. */
export const APPEND_NOFOLLOW = constants.O_WRONLY | constants.O_APPEND | NOFOLLOW

/** Flags that open an existing file for reading without following a symlink. */
export const READ_NOFOLLOW = constants.O_RDONLY | NOFOLLOW

/** A temp file name next to `target` that nobody can guess ahead of time (a leading dot keeps it out of sight). */
export function unpredictableTempPath(target: string, suffix = '.part'): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(9).toString('base64url')}${suffix}`)
}

/** Creates `file` exclusively and returns its descriptor (sync: exports write in one synchronous pass). */
export function createExclusiveSync(file: string, mode = 0o666): number {
  return openSync(file, CREATE_EXCLUSIVE, mode)
}

/** Creates `file` exclusively and returns its handle. */
export function createExclusive(file: string, mode = 0o666): Promise<fs.FileHandle> {
  return fs.open(file, CREATE_EXCLUSIVE, mode)
}

/** True when an open handle and the name it was opened by are one and the same regular file (no swap, no link). */
export async function sameFileAsPath(fh: fs.FileHandle, file: string): Promise<boolean> {
  const [byHandle, byName] = await Promise.all([fh.stat(), fs.lstat(file).catch(() => null)])
  // one link only: a second name would be someone else's file that this one was hard-linked to
  return byName !== null && byName.isFile() && byHandle.isFile() && byHandle.dev === byName.dev && byHandle.ino === byName.ino && byHandle.nlink === 1
}
