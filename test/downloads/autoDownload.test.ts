// Auto-download runs in main: with no window at all (macOS keeps the app running with none), a task that
// finishes has its images land in the default folder. Real services on a temp folder, the simulator over real
// HTTP, real files; nothing stands in for the window because nothing needs one.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { AutoDownloadSkipped, DownloadProgressView } from '../../src/shared/ipc'
import type { Services } from '../../src/main/services'
import type { Simulator, TaskSpec } from '../sim'
import { servicesOnSim, tempDir } from './helpers'

async function startApp(tasks: TaskSpec[], folder: string | null): Promise<{ sim: Simulator; services: Services }> {
  const env = await servicesOnSim(tasks)
  env.services.updateSettings({ downloads: { autoDownload: true, folder } })
  env.services.start() // what the app does at start; no window is ever created
  return env
}

/** The next auto-download batch to end, from the services' event hub. */
function nextAutoBatch(services: Services): Promise<DownloadProgressView> {
  return new Promise((resolve) => {
    const onDone = (v: DownloadProgressView): void => {
      if (v.origin !== 'auto') return
      services.events.off('download:done', onDone)
      resolve(v)
    }
    services.events.on('download:done', onDone)
  })
}

function traffic(sim: Simulator, id: string): { queries: number; images: string[] } {
  const log = sim.stats().log.filter((e) => e.taskId === id)
  return { queries: log.filter((e) => !e.path.startsWith('/oss/')).length, images: log.filter((e) => e.path.startsWith('/oss/')).map((e) => e.outcome) }
}

async function expectLanded(sim: Simulator, folder: string, id: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) expect(fs.readFileSync(path.join(folder, `${id}_${i}.png`)).equals(await sim.imageBytes(id, i))).toBe(true)
}

describe('auto-download in main, with no window', () => {
  it('the window closed, a task finishes, its images land in the default folder', async () => {
    const folder = tempDir()
    const { sim, services } = await startApp([{ id: 'auto-1', lifecycle: [{ status: 'running' }, { status: 'finished', afterQueries: 1 }], images: 2 }], folder)
    const done = nextAutoBatch(services)
    services.addTasks(['auto-1'])
    expect(await done).toMatchObject({ state: 'done', downloaded: 2, failed: 0, origin: 'auto', tasks: 1, folder })
    await expectLanded(sim, folder, 'auto-1', 2)
    expect(services.history.getTask('auto-1')).toMatchObject({ imagesDownloaded: 2 })
    // it is fetched once: later updates of the task (a re-query) start nothing more
    await services.scheduler.requery('auto-1')
    expect(services.downloads.status().filter((b) => b.origin === 'auto')).toHaveLength(1)
  })

  it.each([
    ['expired in the very first answer: re-queried before any image request', { expiredLinks: 1 }, ['http:200', 'http:200']],
    ['that expired later (the store refuses it): re-queried after the refusal', {}, ['fault:imageExpire', 'http:200', 'http:200']]
  ])('a link %s, once, then the images land', async (_name, spec, images) => {
    const folder = tempDir()
    const id = `auto-exp-${images.length}`
    const { sim, services } = await startApp([{ id, lifecycle: [{ status: 'finished' }], images: 2, ...spec }], folder)
    if (images.length === 3) sim.fault({ kind: 'imageExpire', taskId: id, index: 0, times: 1 })
    const done = nextAutoBatch(services)
    services.addTasks([id])
    expect(await done).toMatchObject({ state: 'done', downloaded: 2, failures: [] })
    await expectLanded(sim, folder, id, 2)
    const seen = traffic(sim, id)
    expect({ queries: seen.queries, images: seen.images.sort() }).toEqual({ queries: 2, images: [...images].sort() })
  })

  it('with no default folder it says so once, on the event hub, and downloads nothing', async () => {
    const { services } = await startApp(
      ['nf-1', 'nf-2'].map((id) => ({ id, lifecycle: [{ status: 'finished' }], images: 1 })),
      null
    )
    const notices: AutoDownloadSkipped[] = []
    services.events.on('download:autoSkipped', (n) => notices.push(n))
    services.addTasks(['nf-1', 'nf-2'])
    await Promise.all(['nf-1', 'nf-2'].map((id) => services.scheduler.requery(id)))
    expect(notices).toEqual([{ reason: 'noFolder', tasks: 1 }])
    expect(services.downloads.status()).toEqual([])
  })
})
