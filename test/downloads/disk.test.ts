// Local file trouble: a target folder that cannot be written and a disk that fills up.
//
// Tests run as root, and chmod does not stop root, so "not writable" is made two real ways:
//  - a target path under a regular FILE (ENOTDIR): works everywhere;
//  - a read-only tmpfs mount (EROFS): only where mount is permitted (root in a container with CAP_SYS_ADMIN);
//    skipped otherwise.
// "Disk full" is a real 5 MiB tmpfs when mount is permitted (then remounted bigger to show the resume). A second
// test SIMULATES ENOSPC at the write layer through the injectable DownloadIo, so the path is covered even where
// mounting is not allowed.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { nodeIo, type DownloadIo } from '../../src/main/downloads'
import { canMountTmpfs } from '../tmpfs'
import { finishedTask, listFiles, partFiles, setup, tempDir, tryMount } from './helpers'

const canMount = canMountTmpfs

const big = (n: number) => Array.from({ length: n }, () => ({ bytes: 300_000 }))

describe('a target folder that is not writable', () => {
  it('a path under a regular file (ENOTDIR): every file fails with the reason, nothing is thrown', async () => {
    const s = await setup([finishedTask('w', 3)])
    await s.seed('w')
    const file = path.join(tempDir(), 'just-a-file')
    fs.writeFileSync(file, 'x')
    const report = await s.downloader().start({ folder: path.join(file, 'out'), taskIds: ['w'] }).done
    expect(report.failed).toBe(3)
    for (const f of report.failures) {
      expect(f.errorCode).toBe('NOT_WRITABLE')
      expect(f.reason).toMatch(/cannot be used: a part of the path is a file, not a folder \(ENOTDIR\)/)
    }
    expect(s.store.getTask('w')!.images.map((i) => i.downloadState)).toEqual(['failed', 'failed', 'failed'])
    expect(s.sim.stats().imageRequests).toBe(0)
  })

  it.skipIf(!canMount)('a read-only file system (EROFS, a real read-only tmpfs mount)', async () => {
    const s = await setup([finishedTask('ro', 3)])
    await s.seed('ro')
    const dir = tempDir()
    expect(tryMount(['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs'], dir)).toBe(true)
    const report = await s.downloader({ concurrency: 1 }).start({ folder: dir, taskIds: ['ro'] }).done
    expect(report.failed).toBe(3)
    expect(report.failures[0]!.reason).toMatch(/read-only \(EROFS\)/)
    // after the first failure the rest are not even tried
    expect(report.failures.slice(1).every((f) => /not started: .*EROFS/.test(f.reason!))).toBe(true)
  })
})

describe('the disk filling up', () => {
  it.skipIf(!canMount)('a real 5 MiB tmpfs: clear DISK_FULL errors, no partial file under a final name; after freeing space a re-run resumes', async () => {
    // four ~1.5 MB images into 5 MiB: three fit, the fourth fills the disk part way through
    const s = await setup([finishedTask('full', Array.from({ length: 4 }, () => ({ bytes: 1_500_000 })))])
    await s.seed('full')
    const mnt = tempDir()
    expect(tryMount(['-t', 'tmpfs', '-o', 'size=5m', 'tmpfs'], mnt)).toBe(true)
    const report = await s.downloader({ concurrency: 1 }).start({ folder: mnt, taskIds: ['full'] }).done
    expect(report.downloaded).toBe(3)
    expect(report.failures).toHaveLength(1)
    expect(report.failures[0]).toMatchObject({ index: 3, errorCode: 'DISK_FULL' })
    expect(report.failures[0]!.reason).toMatch(/the disk is full \(ENOSPC\)/)
    const finals = listFiles(mnt).filter((f) => !f.startsWith('.'))
    expect(finals).toEqual(['full_0.png', 'full_1.png', 'full_2.png'])
    for (const f of finals) expect(fs.readFileSync(path.join(mnt, f)).equals(await s.sim.imageBytes('full', Number(f[5])))).toBe(true)
    expect(s.store.getTask('full')!.images[3]).toMatchObject({ downloadState: 'failed', localPath: null })

    // "free some space" (grow the file system) and run again: the interrupted file resumes from its partial file
    expect(spawnSync('mount', ['-o', 'remount,size=16m', mnt]).status).toBe(0)
    s.sim.resetStats()
    const again = await s.downloader({ concurrency: 1 }).start({ folder: mnt, taskIds: ['full'] }).done
    expect(again).toMatchObject({ downloaded: 1, skipped: 3, failed: 0 })
    expect(again.files.find((f) => f.index === 3)!.resumedFrom).toBeGreaterThan(0)
    expect(s.imageOutcomes('full')).toEqual(['http:206'])
    expect(partFiles(mnt)).toEqual([])
    for (let i = 0; i < 4; i++) expect(fs.readFileSync(path.join(mnt, `full_${i}.png`)).equals(await s.sim.imageBytes('full', i))).toBe(true)
  })

  it('SIMULATED ENOSPC at the write layer (injected DownloadIo): same outcome without a small file system', async () => {
    const s = await setup([finishedTask('sim', big(4))])
    await s.seed('sim')
    let budget = 700_000 // bytes the "disk" takes before it is full
    const fullDisk: DownloadIo = {
      async openPart(file, mode) {
        const real = await nodeIo.openPart(file, mode)
        return {
          ...real,
          async write(chunks) {
            const n = chunks.reduce((a, c) => a + c.length, 0)
            if (n > budget) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })
            budget -= n
            await real.write(chunks)
          }
        }
      }
    }
    const report = await s.downloader({ concurrency: 1, io: fullDisk }).start({ folder: s.target, taskIds: ['sim'] }).done
    expect(report.downloaded).toBe(2)
    expect(report.failures.map((f) => f.errorCode)).toEqual(['DISK_FULL', 'DISK_FULL'])
    expect(listFiles(s.target).filter((f) => !f.startsWith('.'))).toEqual(['sim_0.png', 'sim_1.png'])
    expect(s.store.getTask('sim')!.images.map((i) => i.downloadState)).toEqual(['done', 'done', 'failed', 'failed'])
    const again = await s.downloader().start({ folder: s.target, taskIds: ['sim'] }).done
    expect(again).toMatchObject({ downloaded: 2, skipped: 2, failed: 0 })
    expect(partFiles(s.target)).toEqual([])
  })
})
