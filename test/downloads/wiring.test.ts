// The downloader wired to the real services the way the app and the CLI use it: a batch that waits for tasks
// (`watch --download`) follows the services' event hub, and expired links are refreshed through scheduler.requery().
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatProgressLine } from '../../src/cli/download'
import { createDownloader, DownloadService, LOCAL_ENDPOINT_HOSTS, refreshWithRequery, type TaskUpdateSource } from '../../src/main/downloads'
import type { EventHub } from '../../src/main/events'
import type { PollScheduler } from '../../src/main/tracking'
import { onCleanup, servicesOnSim, tempDir } from './helpers'

const startEnv = servicesOnSim

// compile-time: the scheduler and the event hub are TaskUpdateSources as they are
const asSource = (s: PollScheduler | EventHub): TaskUpdateSource => s
void asSource

describe('wired to the services', () => {
  it('watch --download: images of tasks that finish while watched are downloaded; a failed task is reported', async () => {
    const { services } = await startEnv([
      { id: 'w1', images: 2 }, // submitted -> running -> finished after 3 queries
      { id: 'w2', lifecycle: [{ status: 'running' }, { status: 'finished', afterQueries: 2 }], images: 1 },
      { id: 'w3', finalStatus: 'failed', failMessage: 'model failed' }
    ])
    const target = path.join(tempDir(), 'watched')
    services.addTasks(['w1', 'w2', 'w3'])
    const lines: string[] = []
    const { batchId } = services.downloads.start({ folder: target, taskIds: ['w1', 'w2', 'w3'], waitForUnfinished: true }, { persist: false })
    const batch = services.downloads.batch(batchId)!
    batch.on('progress', (p) => lines.push(formatProgressLine(p)))
    services.scheduler.start()
    const report = await batch.done
    expect(report.downloaded).toBe(3)
    expect(report.tasks).toEqual([{ taskId: 'w3', state: 'failed', reason: 'the task failed: model failed' }])
    expect(fs.readdirSync(target).sort()).toEqual(['manifest.json', 'w1_0.png', 'w1_1.png', 'w2_0.png'])
    expect(services.history.getTask('w1')!.imagesDownloaded).toBe(2)
    expect(lines.at(-1)).toMatch(/^3\/3 files, .* at /)
  })

  it('an expired link is refreshed through scheduler.requery(), and the DownloadService reports the batch', async () => {
    const { services, sim } = await startEnv([{ id: 'e1', lifecycle: [{ status: 'finished' }], images: 2 }])
    services.history.recordQuery('e1', { status: 'finished', images: [0, 1].map((i) => ({ url: sim.imageUrl('e1', i, { expiresAt: Date.now() - 60_000 }) })) })
    services.scheduler.start()
    const downloader = createDownloader({ history: services.history, imageHosts: () => LOCAL_ENDPOINT_HOSTS, refresh: refreshWithRequery((id) => services.scheduler.requery(id), services.history) })
    onCleanup(() => downloader.close())
    const service = new DownloadService(downloader)
    const done = new Promise((resolve) => service.on('done', resolve))
    const target = tempDir()
    const { batchId } = service.start({ folder: target, taskIds: ['e1'] })
    expect(await done).toMatchObject({ batchId, state: 'done', downloaded: 2, failed: 0, failures: [] })
    expect(sim.stats().callsByTask.e1).toBe(1) // one re-query for both images
    expect(service.status()).toEqual([expect.objectContaining({ batchId, state: 'done' })])
    expect(services.history.getTask('e1')!.images.every((i) => i.downloadState === 'done' && i.expiresAt! > Date.now())).toBe(true)
  })
})
