// SIGKILL in the middle of a batch, then a second run: every file complete and byte-identical, no temp files left,
// history consistent with the files. The downloader runs in a child process (node --import tsx crashWorker.ts).
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { verifyManifest } from '../../src/main/downloads'
import { openHistoryStore } from '../../src/main/history'
import { finishedTask, listFiles, partFiles, setup, type Setup } from './helpers'

const here = path.dirname(fileURLToPath(import.meta.url))
const repoRoot = path.resolve(here, '../..')
const IMAGES = 12

interface RunOptions {
  /** kill once this returns true for the lines seen so far */
  killWhen?: (lines: string[]) => boolean
}

function runWorker(s: Setup, config: Record<string, unknown>, opts: RunOptions = {}): Promise<{ lines: string[]; killed: boolean }> {
  const full = { dataDir: s.dataDir, folder: s.target, simUrl: s.sim.url, accessKeyName: s.sim.accessKeyName, secret: s.sim.secret, ...config }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'crashWorker.ts'), JSON.stringify(full)], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] })
    const lines: string[] = []
    let buffered = ''
    let stderr = ''
    let killing = false
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`worker timed out; stderr: ${stderr}; last lines: ${lines.slice(-5).join(' | ')}`))
    }, 30_000)
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString()
      const parts = buffered.split('\n')
      buffered = parts.pop() ?? ''
      lines.push(...parts)
      if (!killing && opts.killWhen?.(lines)) {
        killing = true
        // a moment later, so the bytes received so far have reached the partial files
        setTimeout(() => child.kill('SIGKILL'), 150)
      }
    })
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      if (signal === 'SIGKILL' && killing) resolve({ lines, killed: true })
      else if (code === 0) resolve({ lines, killed: false })
      else reject(new Error(`worker exited with ${code ?? signal}; stderr: ${stderr}`))
    })
  })
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')

describe('crash safety of a batch', () => {
  it('SIGKILL mid-batch, run again: complete, byte-identical files, no temp files, history consistent', { timeout: 60_000 }, async () => {
    const s = await setup([finishedTask('k', Array.from({ length: IMAGES }, () => ({ bytes: 2_500_000 })))])
    await s.seed('k')
    const expected = await Promise.all(Array.from({ length: IMAGES }, (_, i) => s.sim.imageBytes('k', i)))
    // two transfers hang after half their bytes (more than one 1 MiB write batch), so the kill surely lands in
    // the middle of files that have data on disk
    s.sim.fault({ kind: 'imageStall', taskId: 'k', index: 2, delayMs: 60_000 })
    s.sim.fault({ kind: 'imageStall', taskId: 'k', index: 6, delayMs: 60_000 })

    const first = await runWorker(
      s,
      { taskIds: ['k'], concurrency: 4, progressIntervalMs: 0 },
      {
        killWhen: (lines) => {
          const finished = lines.filter((l) => l.startsWith('finished ')).length
          const halfOf = (i: number) => lines.some((l) => l.startsWith(`progress k ${i} `) && Number(l.split(' ')[3]) >= 1_200_000)
          return finished >= 4 && halfOf(2) && halfOf(6)
        }
      }
    )
    expect(first.killed).toBe(true)

    // What a crash leaves: final names hold only complete files; the rest are hidden partial files.
    const finals = listFiles(s.target).filter((f) => !f.startsWith('.'))
    expect(finals.length).toBeGreaterThanOrEqual(4)
    expect(finals.length).toBeLessThan(IMAGES)
    for (const f of finals) expect(fs.readFileSync(path.join(s.target, f)).equals(expected[Number(/k_(\d+)\./.exec(f)![1])]!)).toBe(true)
    const partial = partFiles(s.target).filter((f) => f.endsWith('.part') && fs.statSync(path.join(s.target, f)).size > 0)
    expect(partial.length).toBeGreaterThanOrEqual(2)

    s.sim.clearFaults()
    s.sim.resetStats()
    const second = await runWorker(s, { taskIds: ['k'], concurrency: 4 })
    const report = JSON.parse(second.lines.find((l) => l.startsWith('report '))!.slice('report '.length)) as { downloaded: number; skipped: number; failed: number }
    expect(report.failed).toBe(0)
    expect(report.downloaded + report.skipped).toBe(IMAGES)
    // the interrupted transfers continued from their partial files
    expect(s.imageOutcomes('k').filter((o) => o === 'http:206').length).toBeGreaterThanOrEqual(2)

    expect(partFiles(s.target)).toEqual([])
    expect(listFiles(s.target)).toEqual([...Array.from({ length: IMAGES }, (_, i) => `k_${i}.png`), 'manifest.json'].sort())
    for (let i = 0; i < IMAGES; i++) expect(fs.readFileSync(path.join(s.target, `k_${i}.png`)).equals(expected[i]!)).toBe(true)
    expect(await verifyManifest(s.target)).toEqual({ ok: true, problems: [] })

    const store = openHistoryStore({ dataDir: s.dataDir })
    try {
      expect(store.checkIntegrity()).toBe('ok')
      for (const img of store.getTask('k')!.images) {
        expect(img).toMatchObject({ downloadState: 'done', localPath: path.join(s.target, `k_${img.index}.png`), bytes: expected[img.index]!.length, sha256: sha(expected[img.index]!) })
      }
    } finally {
      store.close()
    }
  })
})
