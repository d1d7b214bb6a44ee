// What a hostile object store (or whoever answers in its place) can send, through the simulator over real HTTP
// (issue 11): file names that are Windows devices, a foreign manifest.json in the target folder, and more below.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
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
