// Partial files and their metadata in a folder someone else can write to (issue 11, item 7): their names are
// stable, so a link or a hard link can be planted under them before a download. Real files in a temp folder.
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { nodeIo } from '../../src/main/downloads'
import { hashPrefix, partPathsFor, readMeta, sizeOf, writeMeta } from '../../src/main/downloads/partFile'
import { copyNoReplace, NameReservations, placeFile } from '../../src/main/downloads/placement'
import { tempDir } from './helpers'

const PRECIOUS = 'the user\'s own file\n'

function scene(): { folder: string; victim: string; paths: ReturnType<typeof partPathsFor> } {
  const root = tempDir('aidge-parts-')
  const folder = path.join(root, 'shared')
  fs.mkdirSync(folder)
  const victim = path.join(root, 'precious.txt')
  fs.writeFileSync(victim, PRECIOUS)
  return { folder, victim, paths: partPathsFor(folder, 'https://oss.example/a.png') }
}

const META = { source: 'https://oss.example/a.png', etag: '"e"', lastModified: null, total: 10 }

describe('partial files under planted names', () => {
  // a symlink would be written through; a hard link shares the victim's inode, so truncating it empties the victim
  it.each([
    ['symlink', fs.symlinkSync],
    ['hard link', fs.linkSync]
  ] as const)('a fresh partial file replaces a planted %s instead of writing into the file it points at', async (_, plant) => {
    const { victim, paths } = scene()
    plant(victim, paths.part)
    const w = await nodeIo.openPart(paths.part, 'truncate')
    await w.write([Buffer.from('image bytes')])
    await w.close()
    expect(fs.readFileSync(victim, 'utf8')).toBe(PRECIOUS)
    expect(fs.lstatSync(paths.part).isFile()).toBe(true)
    expect(fs.readFileSync(paths.part, 'utf8')).toBe('image bytes')
  })

  it('a resume never appends through a symlink or into a hard-linked file', async () => {
    const { victim, paths } = scene()
    fs.symlinkSync(victim, paths.part)
    await expect(nodeIo.openPart(paths.part, 'append')).rejects.toThrow()
    fs.unlinkSync(paths.part)
    fs.linkSync(victim, paths.part)
    await expect(nodeIo.openPart(paths.part, 'append')).rejects.toThrow(/changed under the download/)
    expect(fs.readFileSync(victim, 'utf8')).toBe(PRECIOUS)
  })

  it('a link is never taken for a partial file to resume: no size, no hash of its target', async () => {
    const { victim, paths } = scene()
    fs.symlinkSync(victim, paths.part)
    expect(await sizeOf(paths.part)).toBeNull()
    await expect(hashPrefix(paths.part, createHash('sha256'))).rejects.toThrow()
    fs.unlinkSync(paths.part)
    fs.linkSync(victim, paths.part)
    expect(await sizeOf(paths.part)).toBeNull()
    fs.unlinkSync(paths.part)
    fs.writeFileSync(paths.part, 'abc')
    expect(await sizeOf(paths.part)).toBe(3)
  })

  it('the meta file is written and read only as itself, never through a planted link', async () => {
    const { victim, paths } = scene()
    fs.symlinkSync(victim, paths.meta)
    await writeMeta(paths.meta, META)
    expect(fs.readFileSync(victim, 'utf8')).toBe(PRECIOUS)
    expect(await readMeta(paths.meta)).toEqual(META)
    // a link to a well-formed meta file elsewhere is not read either
    fs.unlinkSync(paths.meta)
    const elsewhere = path.join(path.dirname(victim), 'meta.json')
    fs.writeFileSync(elsewhere, JSON.stringify(META))
    fs.symlinkSync(elsewhere, paths.meta)
    expect(await readMeta(paths.meta)).toBeNull()
  })
})

describe('placing a file where hard links are unsupported', () => {
  const noLinks = async (): Promise<void> => {
    throw Object.assign(new Error('links unsupported here'), { code: 'EPERM' })
  }

  it('copyNoReplace creates the name exclusively: an existing file or a link there is left as it is', async () => {
    const { folder, victim } = scene()
    const from = path.join(folder, 'from.bin')
    fs.writeFileSync(from, 'new bytes')
    const existing = path.join(folder, 'taken.png')
    fs.writeFileSync(existing, 'old bytes')
    expect(await copyNoReplace(from, existing)).toBe('exists')
    expect(fs.readFileSync(existing, 'utf8')).toBe('old bytes')
    const link = path.join(folder, 'link.png')
    fs.symlinkSync(victim, link)
    expect(await copyNoReplace(from, link)).toBe('exists')
    const dangling = path.join(folder, 'dangling.png')
    fs.symlinkSync(path.join(folder, 'nowhere'), dangling)
    expect(await copyNoReplace(from, dangling)).toBe('exists')
    expect(fs.existsSync(path.join(folder, 'nowhere'))).toBe(false)
    expect(fs.readFileSync(victim, 'utf8')).toBe(PRECIOUS)
    expect(await copyNoReplace(from, path.join(folder, 'free.png'))).toBe('ok')
    expect(fs.readFileSync(path.join(folder, 'free.png'), 'utf8')).toBe('new bytes')
  })

  it('placeFile falls back to the exclusive copy and never replaces what is under the wanted name', async () => {
    const { folder, victim, paths } = scene()
    const bytes = Buffer.from('downloaded image')
    fs.writeFileSync(paths.part, bytes)
    const wanted = path.join(folder, 'a.png')
    fs.symlinkSync(victim, wanted)
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    const placed = await placeFile({ paths, metaMayExist: false, wanted, bytes: bytes.length, sha256, owner: 'a', reservations: new NameReservations(), link: noLinks })
    expect(placed).toEqual({ path: path.join(folder, 'a (2).png'), reused: false })
    expect(fs.readFileSync(placed.path)).toEqual(bytes)
    expect(fs.readFileSync(victim, 'utf8')).toBe(PRECIOUS)
    expect(fs.existsSync(paths.part)).toBe(false)
  })
})
