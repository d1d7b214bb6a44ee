// Real SQLite files in throwaway folders, and a clock the test moves by hand.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach } from 'vitest'
import { openHistoryStore, type HistoryStore, type HistoryStoreOptions } from '../../src/main/history'

export interface ManualClock {
  (): number
  set(ms: number): void
  advance(ms: number): number
}

export function manualClock(start = 1_700_000_000_000): ManualClock {
  let t = start
  const clock = (() => t) as ManualClock
  clock.set = (ms) => {
    t = ms
  }
  clock.advance = (ms) => (t += ms)
  return clock
}

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!()
})

/** A fresh folder under the OS temp dir, removed after the test. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aidge-history-test-'))
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** A store on a real file in a temp folder, closed (then the folder removed) after the test. */
export function tempStore(options: Partial<HistoryStoreOptions> = {}): { store: HistoryStore; dir: string; clock: ManualClock } {
  const dir = options.dataDir ?? tempDir()
  const clock = manualClock()
  const store = openHistoryStore({ dataDir: dir, now: clock, ...options })
  // registered after the folder, so it runs first (cleanups pop in reverse)
  cleanups.push(() => store.close())
  return { store, dir, clock }
}

export function imageUrl(name: string, expiresSec?: number): string {
  const q = expiresSec === undefined ? 'OSSAccessKeyId=k' : `OSSAccessKeyId=k&Expires=${expiresSec}&Signature=s%3D`
  return `https://bucket.oss-ap-southeast-1.aliyuncs.com/sd%2F${name}.png?${q}`
}
