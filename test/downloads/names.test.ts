// File names: sanitising for every OS, templates, traversal attempts, shared names, wrong extensions, and never
// overwriting a file that is already there.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { originalFileName, renderFileName, sanitizeComponent, sniffImageType } from '../../src/main/downloads'
import { finishedTask, listFiles, setup } from './helpers'

describe('sanitizeComponent', () => {
  it.each([
    ['..', '_'],
    ['.', '_'],
    ['', '_'],
    ['a/b\\c', 'a_b_c'],
    ['<>:"|?*', '_______'],
    ['bell\u0007tab\tnul\u0000', 'bell_tab_nul_'],
    ['CON', '_CON'],
    ['con.png', '_con.png'],
    ['LPT9.jpg', '_LPT9.jpg'],
    ['COM1', '_COM1'],
    ['nul.tar.gz', '_nul.tar.gz'],
    ['CONSOLE.png', 'CONSOLE.png'],
    ['prn  .x.png', '_prn  .x.png'],
    ['aux .png', '_aux .png'],
    ['Com1. .jpg', '_Com1. .jpg'],
    ['trailing. . ', 'trailing'],
    ['  leading', 'leading'],
    ['normal name.png', 'normal name.png']
  ])('%j -> %j', (input, expected) => {
    expect(sanitizeComponent(input)).toBe(expected)
  })

  it('bounds a component to 200 UTF-8 bytes on a character boundary, keeping the extension', () => {
    const long = `${'日本語'.repeat(100)}.png`
    const out = sanitizeComponent(long)
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(200)
    expect(out.endsWith('.png')).toBe(true)
    expect(out).not.toContain('\uFFFD')
    expect(Buffer.from(out).toString()).toBe(out)
  })
})

describe('originalFileName', () => {
  const base = 'http://127.0.0.1:1/oss/bucket/pengxin.sim%2Fsd%2F0123456789abcdef-0%2F'
  it.each([
    ['result.png', 'result.png'],
    ['..%2Fevil.png', 'evil.png'],
    ['%2e%2e%2fevil.png', 'evil.png'],
    ['%252e%252e%252fevil.png', 'evil.png'],
    ['..%5C..%5Cwin.png', 'win.png']
  ])('%s -> %s', (tail, expected) => {
    expect(originalFileName(`${base}${tail}?OSSAccessKeyId=k&Expires=1&Signature=s`)).toBe(expected)
  })
})

describe('renderFileName', () => {
  const vars = { taskId: 'T1', index: 3, originalName: 'photo.png', ext: 'jpg', date: new Date(2024, 5, 26).getTime() }
  it('default and subfolder templates; variables cannot add folders', () => {
    expect(renderFileName('{taskId}_{index}.{ext}', vars)).toBe('T1_3.jpg')
    expect(renderFileName('{taskId}/{index}.{ext}', vars)).toBe('T1/3.jpg')
    expect(renderFileName('{date}/{name}.{ext}', vars)).toBe('2024-06-26/photo.jpg')
    expect(renderFileName('{name}', vars)).toBe('photo.jpg')
    expect(renderFileName('{taskId}_{index}.{ext}', { ...vars, taskId: '../../etc' })).toBe('.._.._etc_3.jpg')
    expect(renderFileName('../{taskId}/../{index}.{ext}', vars)).toBe('_/T1/_/3.jpg')
    expect(renderFileName('/abs/{index}.{ext}', vars)).toBe('abs/3.jpg')
    expect(() => renderFileName('{taskid}.{ext}', vars)).toThrow(/Unknown variable \{taskid\}/)
  })
})

describe('sniffImageType', () => {
  it('PNG, JPEG, WebP, GIF, and not an image', () => {
    expect(sniffImageType(Buffer.from('89504e470d0a1a0a0000000d', 'hex'))).toBe('png')
    expect(sniffImageType(Buffer.from('ffd8ffe000104a464946', 'hex'))).toBe('jpg')
    expect(sniffImageType(Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'))).toBe('webp')
    expect(sniffImageType(Buffer.from('GIF89a\x01\x00', 'latin1'))).toBe('gif')
    expect(sniffImageType(Buffer.from('<?xml version="1.0"'))).toBeNull()
  })
})

describe('names in a batch (over real HTTP into real files)', () => {
  it('two tasks whose images share a file name never overwrite each other', async () => {
    const s = await setup([finishedTask('a', [{ name: 'result' }]), finishedTask('b', [{ name: 'result' }])])
    await s.seed('a', 'b')
    const report = await s.downloader().start({ folder: s.target, taskIds: ['a', 'b'], template: '{name}.{ext}' }).done
    expect(report.downloaded).toBe(2)
    expect(listFiles(s.target)).toEqual(['result (2).png', 'result.png'])
    for (const f of report.files) expect(fs.readFileSync(f.path!).equals(await s.sim.imageBytes(f.taskId, f.index))).toBe(true)
  })

  it('names that try ../ (plain or percent-encoded) stay inside the target folder', async () => {
    const s = await setup([finishedTask('t', [{ name: '../evil' }, { name: '%2e%2e%2fevil' }, { name: '..%5C..%5Cwin' }])])
    await s.seed('t')
    const outside = path.dirname(s.target)
    const report = await s.downloader().start({ folder: s.target, taskIds: ['t'], template: '{name}.{ext}' }).done
    expect(report.downloaded).toBe(3)
    expect(listFiles(s.target)).toEqual(['evil (2).png', 'evil.png', 'win.png'])
    expect(fs.readdirSync(outside)).toEqual(['downloads'])
  })

  it('a JPEG served under a .png name is saved as .jpg', async () => {
    const s = await setup([finishedTask('j', [{ name: 'result', format: 'jpeg', servedAs: 'png' }])])
    await s.seed('j')
    const report = await s.downloader().start({ folder: s.target, taskIds: ['j'] }).done
    expect(listFiles(s.target)).toEqual(['j_0.jpg'])
    expect(report.files[0]!.path).toBe(path.join(s.target, 'j_0.jpg'))
  })

  it('subfolders per task with {taskId}/{index}.{ext}', async () => {
    const s = await setup([finishedTask('x', 2), finishedTask('y', 1)])
    await s.seed('x', 'y')
    await s.downloader().start({ folder: s.target, taskIds: ['x', 'y'], template: '{taskId}/{index}.{ext}' }).done
    expect(listFiles(s.target)).toEqual(['x/0.png', 'x/1.png', 'y/0.png'])
  })

  it('an existing user file: the same bytes are kept (no copy), different bytes get a new name', async () => {
    const s = await setup([finishedTask('u', 2)])
    await s.seed('u')
    fs.mkdirSync(s.target, { recursive: true })
    fs.writeFileSync(path.join(s.target, 'u_0.png'), await s.sim.imageBytes('u', 0)) // same file, placed by hand
    fs.writeFileSync(path.join(s.target, 'u_1.png'), 'my own notes, not an image') // a different user file
    const report = await s.downloader().start({ folder: s.target, taskIds: ['u'] }).done
    expect(listFiles(s.target)).toEqual(['u_0.png', 'u_1 (2).png', 'u_1.png'])
    expect(fs.readFileSync(path.join(s.target, 'u_1.png'), 'utf8')).toBe('my own notes, not an image')
    const byIndex = Object.fromEntries(report.files.map((f) => [f.index, f]))
    expect(byIndex[0]).toMatchObject({ status: 'downloaded', reusedExisting: true, path: path.join(s.target, 'u_0.png') })
    expect(byIndex[1]).toMatchObject({ status: 'downloaded', reusedExisting: false, path: path.join(s.target, 'u_1 (2).png') })
    expect(s.store.getTask('u')!.images.map((i) => i.localPath)).toEqual([byIndex[0]!.path, byIndex[1]!.path])
  })
})
