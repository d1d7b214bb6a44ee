// The auto-download rule on its own: which task updates start a batch, when, and into which folder. Task records
// come from a real history store; time is a manual clock; `start` records the batches the rule asks for (in the
// app it is the download service, tested with real downloads in autoDownload.test.ts).
import { describe, expect, it } from 'vitest'
import type { AutoDownloadSkipped } from '../../src/shared/ipc'
import { AUTO_BATCH_MS, AutoDownload } from '../../src/main/downloads'
import { ManualClock } from '../../src/main/tracking'
import { imageUrl, tempStore } from '../history/helpers'

function rig(settings: { autoDownload: boolean; folder: string | null }) {
  const { store } = tempStore()
  const clock = new ManualClock()
  const started: Array<{ taskIds: string[]; folder: string }> = []
  const notices: AutoDownloadSkipped[] = []
  const auto = new AutoDownload({ settings: () => settings, start: (taskIds, folder) => started.push({ taskIds, folder }), skipped: (n) => notices.push(n), clock })
  const finish = (id: string, images = 1) => store.recordQuery(id, { status: 'finished', images: Array.from({ length: images }, (_, i) => ({ url: imageUrl(`${id}-${i}`) })) }).task
  return { store, clock, started, notices, auto, finish, settings }
}

describe('the auto-download rule', () => {
  it('does nothing until the app enables it (the CLI never does)', () => {
    const r = rig({ autoDownload: true, folder: '/downloads' })
    r.auto.taskUpdated(r.finish('t-1'))
    r.clock.advanceBy(AUTO_BATCH_MS * 2)
    expect(r.started).toEqual([])
  })

  it('tasks that finish within the batching window share one batch; each task is fetched once per run', () => {
    const r = rig({ autoDownload: true, folder: '/downloads' })
    r.auto.enable()
    r.auto.taskUpdated(r.finish('t-1'))
    r.clock.advanceBy(AUTO_BATCH_MS - 1)
    r.auto.taskUpdated(r.finish('t-2', 2))
    expect(r.started).toEqual([])
    r.clock.advanceBy(1)
    expect(r.started).toEqual([{ taskIds: ['t-1', 't-2'], folder: '/downloads' }])
    r.auto.taskUpdated(r.store.getTask('t-1')!)
    r.clock.advanceBy(AUTO_BATCH_MS)
    expect(r.started).toHaveLength(1)
  })

  it('skips tasks not finished, without images, or already downloaded', () => {
    const r = rig({ autoDownload: true, folder: '/downloads' })
    r.auto.enable()
    r.auto.taskUpdated(r.store.recordQuery('running', { status: 'running', images: [] }).task)
    r.auto.taskUpdated(r.finish('empty', 0))
    r.finish('done')
    r.store.setImageDownload('done', 0, { state: 'done', localPath: '/downloads/done_0.png', bytes: 1, sha256: 'x' })
    r.auto.taskUpdated(r.store.getTask('done')!)
    r.clock.advanceBy(AUTO_BATCH_MS)
    expect(r.started).toEqual([])
  })

  it('switched off, or the folder cleared while tasks gather: nothing starts', () => {
    const r = rig({ autoDownload: false, folder: '/downloads' })
    r.auto.enable()
    r.auto.taskUpdated(r.finish('t-1'))
    r.clock.advanceBy(AUTO_BATCH_MS)
    r.settings.autoDownload = true
    r.auto.taskUpdated(r.finish('t-2'))
    r.settings.folder = null
    r.clock.advanceBy(AUTO_BATCH_MS)
    expect(r.started).toEqual([])
  })

  it('with no folder it says so once until a batch could start again', () => {
    const r = rig({ autoDownload: true, folder: null })
    r.auto.enable()
    r.auto.taskUpdated(r.finish('t-1'))
    r.auto.taskUpdated(r.finish('t-2'))
    expect(r.notices).toEqual([{ reason: 'noFolder', tasks: 1 }])
    r.settings.folder = '/downloads'
    r.auto.taskUpdated(r.store.getTask('t-1')!)
    r.clock.advanceBy(AUTO_BATCH_MS)
    expect(r.started).toEqual([{ taskIds: ['t-1'], folder: '/downloads' }])
    r.settings.folder = null
    r.auto.taskUpdated(r.finish('t-3'))
    expect(r.notices).toHaveLength(2)
  })

  it('close() drops what was gathered', () => {
    const r = rig({ autoDownload: true, folder: '/downloads' })
    r.auto.enable()
    r.auto.taskUpdated(r.finish('t-1'))
    r.auto.close()
    r.clock.advanceBy(AUTO_BATCH_MS)
    expect(r.started).toEqual([])
    expect(r.clock.pendingTimers()).toBe(0)
  })
})
