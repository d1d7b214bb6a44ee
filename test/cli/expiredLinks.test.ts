// An expired result link, end to end through the built CLI: `download` and `watch --download` re-query the task
// once and then save the image, whether the link was already expired in the task's very first answer (Expires in
// the past: refreshed before any request) or expired later (the object store refuses it with 403).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cliEnv, cliSuite, expectExit, parseJson, runCli, show, taskId } from './cliHarness'

const suite = cliSuite({ accessKeyName: 'cli-expired-key' })

interface DownloadDoc {
  files: Array<{ taskId: string; index: number; path: string }>
  failed: Array<{ taskId: string; index: number; error: string }>
}

/** Queries of the task the gateway answered, and what the object store answered for its images. */
function traffic(id: string): { queries: number; images: string[] } {
  const log = suite.sim.stats().log.filter((e) => e.taskId === id)
  return { queries: log.filter((e) => !e.path.startsWith('/oss/')).length, images: log.filter((e) => e.path.startsWith('/oss/')).map((e) => e.outcome) }
}

async function expectSaved(dir: string, id: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) expect(readFileSync(join(dir, `${id}_${i}.png`)).equals(await suite.sim.imageBytes(id, i))).toBe(true)
}

describe.each([
  ['watch --download', (id: string, dir: string) => ['watch', '--json', id, '--download', dir]],
  ['download', (id: string, dir: string) => ['download', '--json', id, '--out', dir]]
])('%s with an expired link', (_name, argv) => {
  it('expired in the very first answer: re-queried once before any image request, then saved', async () => {
    const id = taskId('first')
    suite.sim.addTask({ id, lifecycle: [{ status: 'finished' }], images: 2, expiredLinks: 1 })
    const dir = join(suite.sb.root, 'out')

    const r = await runCli(argv(id, dir), { env: cliEnv(suite.sim, suite.sb) })
    expectExit(r, 0)
    const doc = parseJson<DownloadDoc>(r)
    expect(doc.failed, show(r)).toEqual([])
    expect(doc.files.map((f) => f.index).sort()).toEqual([0, 1])
    await expectSaved(dir, id, 2)
    // one answer with expired links, one re-query for both images; the store never saw the expired ones
    expect(traffic(id)).toEqual({ queries: 2, images: ['http:200', 'http:200'] })
  })

  it('expired later (the store refuses it): one re-query, then saved', async () => {
    const id = taskId('later')
    suite.sim.addTask({ id, lifecycle: [{ status: 'finished' }], images: 1 })
    const fault = suite.sim.fault({ kind: 'imageExpire', taskId: id, index: 0, times: 1 })
    try {
      const dir = join(suite.sb.root, 'out')
      const r = await runCli(argv(id, dir), { env: cliEnv(suite.sim, suite.sb) })
      expectExit(r, 0)
      expect(parseJson<DownloadDoc>(r).failed, show(r)).toEqual([])
      await expectSaved(dir, id, 1)
      expect(traffic(id)).toEqual({ queries: 2, images: ['fault:imageExpire', 'http:200'] })
    } finally {
      suite.sim.clearFaults(fault)
    }
  })
})
