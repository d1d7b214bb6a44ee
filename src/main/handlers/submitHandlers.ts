// The submit:* channels. The page never names a file for main to read: photos come from main's own dialog (the
// paths it returned are granted for this session) or as the bytes of a drop, which main keeps under its data folder.
import { resolve } from 'node:path'
import type { HandlerTable } from '.'
import { IpcFailure, type PlatformDeps } from '.'
import type { Services } from '../services'
import { badUrl, inspectPhoto, photosInFolder, stageDroppedPhoto, urlProblem, MAX_READ_BYTES, type NewSubmission } from '../submit'

type SubmitChannels = 'submit:choosePhotos' | 'submit:addDropped' | 'submit:start' | 'submit:list' | 'submit:resolveUnknown' | 'submit:balance'

const isUrl = (s: string): boolean => /^https?:\/\//i.test(s)

export function createSubmitHandlers(services: Services, platform: PlatformDeps): Pick<HandlerTable, SubmitChannels> {
  const submissions = services.submissions
  const granted = new Set<string>()
  const grant = (paths: string[]): string[] => {
    for (const p of paths) granted.add(resolve(p))
    return paths
  }
  const refuse = (code: string, message: string): IpcFailure => new IpcFailure({ kind: 'forbidden', code, message, retryable: false })
  return {
    'submit:choosePhotos': async ({ kind }) => {
      const chosen = await platform.choosePhotos(kind)
      if (chosen.length === 0) return { photos: [] }
      const paths = kind === 'folder' ? await photosInFolder(chosen[0]!) : chosen
      return { photos: await Promise.all(grant(paths).map(inspectPhoto)) }
    },
    'submit:addDropped': async ({ name, base64 }) => {
      const bytes = Buffer.from(base64, 'base64')
      if (bytes.length === 0 || bytes.length > MAX_READ_BYTES) {
        throw new IpcFailure({ kind: 'invalidInput', code: 'DROP_SIZE', data: { name }, message: `${name}: photos are at most 4 MB (and fit reads at most 64 MB).`, retryable: false })
      }
      const [file] = grant([await stageDroppedPhoto(services.dataDir, name, bytes)])
      return { ...(await inspectPhoto(file!)), name }
    },
    'submit:start': ({ photos, again }) => {
      const items: NewSubmission[] = photos.map((p) => {
        if (isUrl(p.input)) {
          const problem = urlProblem(p.input)
          if (problem) {
            const { data, message } = badUrl(p.input, problem)
            throw new IpcFailure({ kind: 'invalidInput', code: 'BAD_URL', ...(data ? { data } : {}), message, retryable: false })
          }
          return { input: p.input, inputKind: 'url', params: p.params, fit: p.fit, again }
        }
        if (!granted.has(resolve(p.input))) throw refuse('PHOTO_NOT_CHOSEN', 'Add photos with the file dialog or by dropping them on the window.')
        return { input: resolve(p.input), inputKind: 'file', params: p.params, fit: p.fit, again }
      })
      try {
        const { batchId, rows } = submissions.submit(items)
        return { batchId, submissions: rows }
      } catch (e) {
        if (e instanceof RangeError) throw new IpcFailure({ kind: 'invalidInput', code: 'BAD_PARAMS', message: e.message, retryable: false })
        throw e
      }
    },
    'submit:list': () => submissions.journal.recent(500),
    'submit:resolveUnknown': ({ id, taskId }) => {
      const row = submissions.resolveUnknown(id, taskId)
      if (!row) throw new IpcFailure({ kind: 'notFound', code: 'NOT_UNKNOWN', message: 'That photo no longer has an unknown outcome.', retryable: false })
      return row
    },
    'submit:balance': ({ auto }) => submissions.balance({ auto })
  }
}
