import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MediaPathError, mediaUrl, parseMediaUrl, resolveAllowedFile } from '../../src/main/mediaPaths'

// Real files and real symlinks in a temp folder: the checks the media protocol relies on.
let root: string
let cache: string
let outside: string

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'aidge-media-'))
  cache = join(root, 'cache')
  outside = join(root, 'outside')
  mkdirSync(cache)
  mkdirSync(outside)
  writeFileSync(join(cache, 'a.png'), 'png')
  writeFileSync(join(outside, 'secret.txt'), 'secret')
  symlinkSync(join(outside, 'secret.txt'), join(cache, 'link-out.png'))
  symlinkSync(outside, join(cache, 'dir-link'))
  symlinkSync(join(cache, 'a.png'), join(cache, 'link-in.png'))
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

const code = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p
    return 'resolved'
  } catch (e) {
    return e instanceof MediaPathError ? e.code : String(e)
  }
}

describe('resolveAllowedFile', () => {
  it('serves a file inside an allowed folder, and a symlink that stays inside', async () => {
    expect(await resolveAllowedFile(join(cache, 'a.png'), [cache])).toBe(join(cache, 'a.png'))
    expect(await resolveAllowedFile(join(cache, 'link-in.png'), [cache])).toBe(join(cache, 'a.png'))
  })

  it('refuses traversal, symlinks out (file or folder), relative paths, NUL bytes and missing files', async () => {
    expect(await code(resolveAllowedFile(join(cache, '../outside/secret.txt'), [cache]))).toBe('OUTSIDE_ALLOWED_FOLDERS')
    expect(await code(resolveAllowedFile(join(cache, 'link-out.png'), [cache]))).toBe('OUTSIDE_ALLOWED_FOLDERS')
    expect(await code(resolveAllowedFile(join(cache, 'dir-link', 'secret.txt'), [cache]))).toBe('OUTSIDE_ALLOWED_FOLDERS')
    expect(await code(resolveAllowedFile('cache/a.png', [cache]))).toBe('BAD_REQUEST')
    expect(await code(resolveAllowedFile(join(cache, 'a.png\0.txt'), [cache]))).toBe('BAD_REQUEST')
    expect(await code(resolveAllowedFile(join(cache, 'missing.png'), [cache]))).toBe('NOT_FOUND')
    expect(await code(resolveAllowedFile(cache, [cache]))).toBe('OUTSIDE_ALLOWED_FOLDERS')
  })
})

describe('media URLs', () => {
  it('round-trip a task id and index', () => {
    const url = mediaUrl('thumb', 'task/with?odd#chars', 3)
    expect(url.startsWith('aidge-media://thumb/')).toBe(true)
    expect(() => parseMediaUrl(url)).toThrow(MediaPathError) // a '/' in a task id is refused
    expect(parseMediaUrl(mediaUrl('full', '4dcfa662-d5b3-48d5-842e-a87f70ac1522', 0))).toEqual({
      kind: 'full',
      taskId: '4dcfa662-d5b3-48d5-842e-a87f70ac1522',
      index: 0
    })
  })

  it.each([
    'aidge-media://thumb/../../etc/passwd',
    'aidge-media://thumb/%2e%2e%2f%2e%2e%2fetc/0',
    'aidge-media://other/abc/0',
    'aidge-media://thumb/abc/-1',
    'aidge-media://thumb/abc/1.5',
    'aidge-media://thumb/abc/0/extra',
    'file:///etc/passwd',
    'not a url'
  ])('refuses %s', (url) => {
    expect(() => parseMediaUrl(url)).toThrow(MediaPathError)
  })
})
