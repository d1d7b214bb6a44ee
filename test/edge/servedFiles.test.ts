// Reading an image for aidge-media through one handle (issue 11, item 9): real files, links and folders.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MediaPathError } from '../../src/main/mediaPaths'
import { readServedFile, statusFor } from '../../src/main/servedFiles'

let dir = ''
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'aidge-served-'))
  writeFileSync(join(dir, 'a.png'), Buffer.alloc(1000, 7))
  writeFileSync(join(dir, 'secret.txt'), 'secret')
  symlinkSync(join(dir, 'secret.txt'), join(dir, 'link.png'))
  mkdirSync(join(dir, 'folder.png'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const refusal = async (p: Promise<unknown>): Promise<{ code: string; status: number }> => {
  const e = await p.then(
    () => null,
    (err: unknown) => err
  )
  expect(e).toBeInstanceOf(MediaPathError)
  return { code: (e as MediaPathError).code, status: statusFor(e) }
}

describe('readServedFile', () => {
  it('reads a regular file whole from the handle it opened', async () => {
    expect(await readServedFile(join(dir, 'a.png'), 1000)).toEqual(Buffer.alloc(1000, 7))
  })

  it('refuses a final symlink instead of following it (O_NOFOLLOW), a folder, a missing file and a file over the cap', async () => {
    if (process.platform !== 'win32') expect(await refusal(readServedFile(join(dir, 'link.png'), 1e6))).toEqual({ code: 'OUTSIDE_ALLOWED_FOLDERS', status: 403 })
    expect(await refusal(readServedFile(join(dir, 'folder.png'), 1e6))).toEqual({ code: 'NOT_FOUND', status: 404 })
    expect(await refusal(readServedFile(join(dir, 'gone.png'), 1e6))).toEqual({ code: 'NOT_FOUND', status: 404 })
    expect(await refusal(readServedFile(join(dir, 'a.png'), 999))).toEqual({ code: 'BAD_REQUEST', status: 403 })
  })
})
