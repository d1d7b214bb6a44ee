// Errors cross IPC as a code and its parameters; the renderer words them (src/renderer/src/lib/errorText.ts). Each
// error here is produced by the real handler table on real services (a temp data folder, no network), then worded
// by the renderer's own function, so a code main sends without words in the renderer fails here.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { IpcError, IpcResult } from '../../src/shared/ipc'
import { createHandlers, dispatch, type PlatformDeps } from '../../src/main/handlers'
import { createMemoryStore } from '../../src/main/credentials'
import { createServices, type Services } from '../../src/main/services'
import { describeError } from '../../src/renderer/src/lib/errorText'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!()
})

async function handlersOnTempServices(): Promise<{ services: Services; call: (channel: string, ...args: unknown[]) => Promise<IpcError> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aidge-errwords-'))
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }))
  // an endpoint nobody listens on: nothing here makes a call
  const services = await createServices({ dataDir: dir, credentials: createMemoryStore(), env: {}, connection: { endpoint: 'http://127.0.0.1:9' } })
  cleanups.push(() => services.close())
  // what only a window can do (dialogs, the shell) answers "cancelled" / refuses: Electron cannot run here
  const platform: PlatformDeps = {
    appVersion: 'test',
    systemLanguages: () => [],
    chooseFolder: async () => null,
    choosePhotos: async () => [],
    chooseSaveFile: async () => path.join(dir, 'export.txt'),
    confirmEndpointChange: async () => false,
    revealFile: () => undefined,
    openFolder: () => undefined,
    openExternal: async () => undefined,
    mediaUrl: () => 'aidge-media://x'
  }
  const handlers = createHandlers(services, platform)
  return {
    services,
    call: async (channel, ...args) => {
      const r = (await dispatch(handlers, channel, args)) as IpcResult<unknown>
      if (r.ok) throw new Error(`${channel} succeeded`)
      return r.error
    }
  }
}

describe('errors are a code and data from main, words in the renderer', () => {
  it('each handler error has its words, built from its parameters', async () => {
    const { services, call } = await handlersOnTempServices()
    services.history.addTasks(['t-1'])
    const cases: Array<[IpcError, string]> = [
      [await call('tasks:add', { text: 'nothing here' }), 'No task ids found in the text.'],
      [await call('tasks:requery', { taskId: 'nope-1234' }), 'Task nope-1234 is not in the history.'],
      [await call('media:url', { taskId: 't-1', index: 2, kind: 'thumb' }), 'Task t-1 has no image 3.'],
      [await call('shell:openFolder', { batchId: 'gone' }), 'That download is no longer known; its files are in the folder it was saved to.'],
      [await call('downloads:start', { folder: '/somewhere', taskIds: ['t-1'] }), 'Choose the download folder with the folder dialog first.'],
      [await call('settings:update', { downloads: { folder: '/elsewhere' } }), 'Choose the default download folder with the folder dialog first.'],
      [await call('tasks:export', { format: 'csv', path: '/tmp/x.csv' }), 'Choose where to export with the save dialog.'],
      [await call('tasks:export', { format: 'json' }), 'An export in JSON is saved only under a name ending in .json; nothing was written.'],
      [await call('settings:update', { endpoint: 'https://other.example.com' }), 'Requests still go to the current server: sending them to other.example.com was not confirmed.'],
      [await call('settings:update', { downloads: { maxConcurrency: 4 } }), 'Files downloaded at once to start with (6) cannot be more than at most (4).'],
      [await call('no:such', {}), 'Unknown request.']
    ]
    for (const [error, words] of cases) {
      expect(describeError(error), error.code).toBe(words)
      // main's message is its diagnostic, not these words
      expect(error.message).not.toBe(words)
    }
    const template = await call('settings:update', { downloads: { filenameTemplate: '{nope}.{ext}' } })
    expect(template).toMatchObject({ code: 'INVALID_TEMPLATE', data: { field: 'downloads.filenameTemplate' } })
    expect(describeError(template)).toMatch(/^downloads\.filenameTemplate: .*\{nope\}.*\.$/)
  })

  it('a code the renderer does not know (the gateway\'s own) is shown with the detail main sent', () => {
    const vendor: IpcError = { kind: 'business', code: '1002', message: 'task not found (requestId abc)', retryable: false }
    expect(describeError(vendor)).toBe('task not found (requestId abc)')
  })
})
