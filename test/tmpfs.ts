// Whether this machine lets the tests mount a small tmpfs (root with CAP_SYS_ADMIN): the full-disk and read-only
// tests use a real file system when it does, and say they are skipped (or simulate) when it does not.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'

export const canMountTmpfs = ((): boolean => {
  const probe = fs.mkdtempSync('/tmp/aidge-mount-probe-')
  const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' }).status === 0
  if (ok) spawnSync('umount', [probe], { stdio: 'ignore' })
  fs.rmdirSync(probe)
  return ok
})()
