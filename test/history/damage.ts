// The kinds of damage a history file meets in the wild, made with real bytes on a real file: a bad sector or a
// stray write over the header, a sync tool's half copy, a write-ahead log that is not one. Shared by the store's,
// the CLI's and the UI's tests.
import fs from 'node:fs'

export type Damage = 'header' | 'truncated' | 'garbageWal'

/** Damages the (closed) history file in place. */
export function damage(file: string, kind: Damage): void {
  if (kind === 'header') {
    const fd = fs.openSync(file, 'r+')
    try {
      fs.writeSync(fd, Buffer.alloc(100, 0x41), 0, 100, 0)
    } finally {
      fs.closeSync(fd)
    }
  } else if (kind === 'truncated') {
    fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2))
  } else {
    fs.writeFileSync(`${file}-wal`, Buffer.alloc(40_000, 0x5a))
  }
}

/** What the damage leaves on disk, to prove the damaged file was kept byte for byte. */
export function bytesOf(file: string): Buffer {
  return fs.readFileSync(file)
}
