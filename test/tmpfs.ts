// Whether this machine lets the tests mount a small tmpfs (root with CAP_SYS_ADMIN): the full-disk and read-only
// tests use a real file system when it does, and say they are skipped (or simulate) when it does not.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

export const canMountTmpfs = ((): boolean => {
  const probe = fs.mkdtempSync('/tmp/aidge-mount-probe-')
  const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' }).status === 0
  if (ok) spawnSync('umount', [probe], { stdio: 'ignore' })
  fs.rmdirSync(probe)
  return ok
})()

/** Writes a filler file until the file system refuses (ENOSPC); returns its path (remove it to "free space"). */
export function fillDisk(dir: string): string {
  const filler = path.join(dir, 'filler.bin')
  const fd = fs.openSync(filler, 'w')
  const chunk = Buffer.alloc(16 * 1024, 1)
  try {
    for (;;) fs.writeSync(fd, chunk)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e
  } finally {
    fs.closeSync(fd)
  }
  return filler
}
