// What a hostile object store (or whoever answers in its place) can send, through the simulator over real HTTP
// (issue 11): file names that are Windows devices, a foreign manifest.json in the target folder, and more below.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { readManifest, verifyManifest } from '../../src/main/downloads'
import { finishedTask, listFiles, setup } from './helpers'

describe('names a server chooses', () => {
  it('Windows device names with spaces or dots before the extension never become file names', async () => {
    const names = ['prn  .x', 'aux ', 'CON.', 'nul. .tar', 'com1 ', 'LPT9 . ', 'con']
    const s = await setup([finishedTask('dev', names.map((name) => ({ name })))])
    await s.seed('dev')
    const report = await s.downloader().start({ targetDir: s.target, taskIds: ['dev'], template: '{name}.{ext}' }).done
    expect(report.downloaded).toBe(names.length)
    const files = listFiles(s.target)
    expect(files).toHaveLength(names.length)
    for (const f of files) {
      const stem = f.split('.')[0]!.replace(/[. ]+$/, '')
      expect(stem, f).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)$/i)
      expect(fs.statSync(path.join(s.target, f)).isFile()).toBe(true)
    }
    expect(files).toEqual(expect.arrayContaining(['_prn  .x.png', '_aux.png', '_CON.png']))
  })
})

describe("the folder's own manifest.json", () => {
  const WEB_APP = `${JSON.stringify({ name: 'My web app', start_url: '/', icons: [] }, null, 2)}\n`

  it('a manifest.json another program wrote is left alone; the list goes under another name, and the batch says so', async () => {
    const s = await setup([finishedTask('m1', 2), finishedTask('m2', 1)])
    await s.seed('m1', 'm2')
    fs.mkdirSync(s.target, { recursive: true })
    fs.writeFileSync(path.join(s.target, 'manifest.json'), WEB_APP)
    const report = await s.downloader().start({ targetDir: s.target, taskIds: ['m1'], manifest: true }).done
    expect(report.downloaded).toBe(2)
    expect(fs.readFileSync(path.join(s.target, 'manifest.json'), 'utf8')).toBe(WEB_APP)
    expect(report.manifestPath).toBe(path.join(s.target, 'aidge-task-desk.manifest.json'))
    expect(report.warnings.join('\n')).toMatch(/manifest\.json in this folder belongs to another program.*aidge-task-desk\.manifest\.json/)
    // a later run finds its own list there and adds to it
    const again = await s.downloader().start({ targetDir: s.target, taskIds: ['m2'], manifest: true }).done
    expect(again.manifestPath).toBe(report.manifestPath)
    expect((await readManifest(s.target))?.files.map((f) => f.taskId)).toEqual(['m1', 'm1', 'm2'])
    expect(await verifyManifest(s.target)).toEqual({ ok: true, problems: [] })
    expect(fs.readFileSync(path.join(s.target, 'manifest.json'), 'utf8')).toBe(WEB_APP)
  })

  it('a manifest.json that is a link, or not JSON, is not ours either; our own is updated in place', async () => {
    const s = await setup([finishedTask('m3', 1)])
    await s.seed('m3')
    fs.mkdirSync(s.target, { recursive: true })
    const elsewhere = path.join(path.dirname(s.target), 'elsewhere.json')
    fs.writeFileSync(elsewhere, WEB_APP)
    fs.symlinkSync(elsewhere, path.join(s.target, 'manifest.json'))
    const linked = await s.downloader().start({ targetDir: s.target, taskIds: ['m3'], manifest: true }).done
    expect(linked.manifestPath).toBe(path.join(s.target, 'aidge-task-desk.manifest.json'))
    expect(fs.readFileSync(elsewhere, 'utf8')).toBe(WEB_APP)
    expect(fs.lstatSync(path.join(s.target, 'manifest.json')).isSymbolicLink()).toBe(true)

    const own = path.join(path.dirname(s.target), 'own')
    const ours = await s.downloader().start({ targetDir: own, taskIds: ['m3'], manifest: true }).done
    expect(ours.manifestPath).toBe(path.join(own, 'manifest.json'))
    expect(ours.warnings).toEqual([])
    fs.writeFileSync(path.join(own, 'notes.txt'), 'x')
    const twice = await s.downloader().start({ targetDir: own, taskIds: ['m3'], manifest: true }).done
    expect(twice.manifestPath).toBe(path.join(own, 'manifest.json'))
    expect(listFiles(own)).toEqual(['m3_0.png', 'manifest.json', 'notes.txt'])
  })
})
