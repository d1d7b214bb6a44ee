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
import { describeError, describeProblem } from '../../src/renderer/src/lib/errorText'
import { i18n } from '../../src/renderer/src/i18n'
import { DEFAULT_SUBMIT_PARAMS, type PhotoView } from '../../src/shared/submit'
import { makePhoto } from '../submit/photos'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  await i18n.changeLanguage('en')
  while (cleanups.length) await cleanups.pop()!()
})

async function tempHandlers(): Promise<{ services: Services; handlers: ReturnType<typeof createHandlers> }> {
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
  return { services, handlers: createHandlers(services, platform) }
}

async function handlersOnTempServices(): Promise<{ services: Services; call: (channel: string, ...args: unknown[]) => Promise<IpcError> }> {
  const { services, handlers } = await tempHandlers()
  return {
    services,
    call: async (channel, ...args) => {
      const r = (await dispatch(handlers, channel, args)) as IpcResult<unknown>
      if (r.ok) throw new Error(`${channel} succeeded`)
      return r.error
    }
  }
}

async function handlersOnTempServicesValue(): Promise<{ dispatchValue: (channel: string, ...args: unknown[]) => Promise<unknown> }> {
  const { handlers } = await tempHandlers()
  return {
    dispatchValue: async (channel, ...args) => {
      const r = (await dispatch(handlers, channel, args)) as IpcResult<unknown>
      if (!r.ok) throw new Error(`${channel} failed: ${r.error.message}`)
      return r.value
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

  it('the errors main added later are codes with data too, worded in both languages', async () => {
    const { call, services } = await handlersOnTempServices()
    const many = Array.from({ length: 10_001 }, (_, i) => `00000000-0000-4000-a000-${String(i).padStart(12, '0')}`).join('\n')
    const longUrl = `https://example.com/${'a'.repeat(2100)}.jpg`
    const cases: Array<[IpcError, string]> = [
      [await call('tasks:add', { text: many }), 'The text holds 10,001 task ids; add at most 10,000 at a time.'],
      [await call('submit:addDropped', { name: 'shirt.jpg', base64: '====' }), 'shirt.jpg: photos are at most 4 MB (and fit reads at most 64 MB).'],
      [await call('submit:start', { photos: [{ input: longUrl, params: DEFAULT_SUBMIT_PARAMS, fit: false }], again: false }), `${longUrl.slice(0, 100)}: longer than 2048 characters.`],
      [await call('submit:start', { photos: [{ input: path.join(services.dataDir, 'x.jpg'), params: DEFAULT_SUBMIT_PARAMS, fit: false }], again: false }), 'Add photos with the file dialog or by dropping them on the window.'],
      [await call('submit:resolveUnknown', { id: 4242, taskId: '00000000-0000-4000-a000-000000000001' }), 'That photo no longer has an unknown outcome.'],
      [await call('shell:openExternal', { url: 'not a url' }), 'That is not a URL.'],
      [await call('shell:openExternal', { url: 'http://example.com/' }), 'Only https links are opened.'],
      [await call('shell:openExternal', { url: 'https://example.com/' }), 'Only links to the Aidge documentation and console and to this app’s own pages are opened.']
    ]
    for (const [error, words] of cases) expect(describeError(error), error.code).toBe(words)
    // the same codes in Chinese: every one has its own words (Han characters), none is main's English line
    await i18n.changeLanguage('zh-CN')
    for (const [error] of cases) {
      expect(describeError(error), error.code).toMatch(/[\u4e00-\u9fff]/)
      expect(describeError(error)).not.toBe(error.message)
    }
    expect(describeError(cases[0]![0])).toBe('文本中有 10,001 个任务 ID；每次最多添加 10,000 个。')
  })

  it("a photo's local check carries its data: the window's English is main's line, and it has Chinese words", async () => {
    const { dispatchValue } = await handlersOnTempServicesValue()
    const small = await makePhoto({ width: 100, height: 120 })
    const view = (await dispatchValue('submit:addDropped', { name: 'small.jpg', base64: small.toString('base64') })) as PhotoView
    expect(view.problem).toMatchObject({ code: 'TOO_SMALL', data: { width: 100, height: 120, min: 512, max: 3000 } })
    expect(describeProblem(view.problem!)).toBe(view.problem!.message)
    await i18n.changeLanguage('zh-CN')
    expect(describeProblem(view.problem!)).toBe('照片为 100x120 像素；必须大于 512x512 且小于 3000x3000 像素。')
    // a record written before problems carried data still shows main's line
    expect(describeProblem({ code: 'TOO_SMALL', message: 'old words' })).toBe('old words')
  })
})
