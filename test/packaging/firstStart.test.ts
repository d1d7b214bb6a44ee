// The first start of a fresh clone: `npm start` runs scripts/electron-vite.cjs, which makes Electron's binary present
// with Electron's own installer (node_modules/electron/install.js) before electron-vite runs. Each test builds a
// throwaway project that holds the real script, the real package.json and a copy of the real electron package with
// no binary, i.e. what `npm install` leaves behind with Electron 45. The "download server" is a mirror this test
// starts on 127.0.0.1 (ELECTRON_MIRROR): nothing here reaches any other address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { crc32 } from 'node:zlib'

const ROOT = resolve(__dirname, '../..')
const ELECTRON_PKG = join(ROOT, 'node_modules/electron')
const VERSION = (JSON.parse(readFileSync(join(ELECTRON_PKG, 'package.json'), 'utf8')) as { version: string }).version
const ZIP_NAME = `electron-v${VERSION}-linux-x64.zip`

/** A clean clone after `npm install`: the script, package.json, and the electron package without its binary. */
function freshProject(checksums?: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'aidge-first-start-'))
  mkdirSync(join(dir, 'scripts'))
  copyFileSync(join(ROOT, 'scripts/electron-vite.cjs'), join(dir, 'scripts/electron-vite.cjs'))
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'))
  const pkg = join(dir, 'node_modules/electron')
  mkdirSync(pkg, { recursive: true })
  for (const f of ['package.json', 'index.js', 'install.js', 'cli.js', 'checksums.json']) copyFileSync(join(ELECTRON_PKG, f), join(pkg, f))
  if (checksums) writeFileSync(join(pkg, 'checksums.json'), JSON.stringify(checksums))
  // the installer's own dependencies, as npm installed them
  for (const scope of ['@electron', '@electron-internal']) symlinkSync(join(ROOT, 'node_modules', scope), join(dir, 'node_modules', scope), 'dir')
  return dir
}

/** The environment of a user's shell: no npm or Electron settings leaking in from the test run. */
function userEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(npm_|ELECTRON_|NPM_CONFIG_ELECTRON_)/i.test(k) || /proxy$/i.test(k)) continue
    env[k] = v
  }
  return { ...env, ELECTRON_GET_NO_PROGRESS: '1', ...extra }
}

interface Run {
  code: number | null
  out: string
  ms: number
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<Run> {
  const started = Date.now()
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' })
    let out = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    child.stderr.on('data', (c: Buffer) => (out += c.toString()))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${cmd} ${args.join(' ')} did not end within ${timeoutMs} ms:\n${out}`))
    }, timeoutMs)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolvePromise({ code, out, ms: Date.now() - started })
    })
  })
}

/** A ZIP archive with stored (uncompressed) entries, Unix modes kept: what Electron's release zips are, in small. */
function zip(entries: Array<{ name: string; data: Buffer; mode: number }>): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const name = Buffer.from(e.name)
    const crc = crc32(e.data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(e.data.length, 18)
    local.writeUInt32LE(e.data.length, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE((3 << 8) | 20, 4) // made by Unix: the external attributes carry the file mode
    central.writeUInt16LE(20, 6)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(e.data.length, 20)
    central.writeUInt32LE(e.data.length, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(((0o100000 | e.mode) << 16) >>> 0, 38)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, e.data)
    centrals.push(central, name)
    offset += local.length + name.length + e.data.length
  }
  const dir = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(dir.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, dir, end])
}

const FAKE_ZIP = zip([
  { name: 'electron', data: Buffer.from('#!/bin/sh\necho fake electron\n'), mode: 0o755 },
  { name: 'version', data: Buffer.from(`v${VERSION}`), mode: 0o644 }
])

/** The mirror: serves the fake release zip, or refuses everything (a proxy or mirror that says no). */
let mirror: Server
let mirrorUrl = ''
let mode: 'serve' | 'refuse' = 'refuse'
const requests: string[] = []

beforeAll(async () => {
  mirror = createServer((req, res) => {
    requests.push(req.url ?? '')
    if (mode === 'serve' && req.url === `/v${VERSION}/${ZIP_NAME}`) {
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': FAKE_ZIP.length }).end(FAKE_ZIP)
      return
    }
    res.writeHead(403, { 'content-type': 'text/plain' }).end('Forbidden by policy')
  })
  await new Promise<void>((r) => mirror.listen(0, '127.0.0.1', r))
  mirrorUrl = `http://127.0.0.1:${(mirror.address() as { port: number }).port}/`
})

afterAll(async () => {
  mirror.closeAllConnections()
  await new Promise<void>((r) => mirror.close(() => r()))
})

const projects: string[] = []
afterAll(() => {
  for (const p of projects) rmSync(p, { recursive: true, force: true })
})

function project(checksums?: Record<string, string>): string {
  const p = freshProject(checksums)
  projects.push(p)
  return p
}

/** What a person must never see instead of the paragraph: electron-vite's error or a stack trace. */
function expectPlainParagraph(r: Run): void {
  expect(r.out).not.toContain('Electron uninstall')
  expect(r.out).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m)
  expect(r.out).toContain(`Aidge Task Desk cannot start: the Electron ${VERSION} program it runs in is not on this computer`)
  expect(r.out).toContain('npx --no install-electron')
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

describe('the first `npm start` of a fresh clone', () => {
  it('with ELECTRON_SKIP_BINARY_DOWNLOAD=1: npm start and npm run dev end within seconds with the plain paragraph, touching no network', async () => {
    const dir = project()
    requests.length = 0
    const env = userEnv({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1', ELECTRON_MIRROR: mirrorUrl, electron_config_cache: join(dir, 'cache') })
    for (const script of ['start', 'dev']) {
      const r = await run(npm, ['run', script], dir, env)
      expect(r.code, r.out).not.toBe(0)
      expect(r.ms).toBeLessThan(15_000)
      expectPlainParagraph(r)
      expect(r.out).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD=1 is set, so it was not downloaded')
    }
    expect(requests).toEqual([])
    expect(existsSync(join(dir, 'node_modules/electron/path.txt'))).toBe(false)
  })

  it('when the download server refuses: the installer is tried once, then the paragraph with the reason, non-zero', async () => {
    const dir = project()
    mode = 'refuse'
    requests.length = 0
    const r = await run(process.execPath, ['scripts/electron-vite.cjs', 'preview'], dir, userEnv({
      ELECTRON_MIRROR: mirrorUrl,
      ELECTRON_INSTALL_PLATFORM: 'linux',
      ELECTRON_INSTALL_ARCH: 'x64',
      electron_config_cache: join(dir, 'cache')
    }))
    expect(r.code, r.out).toBe(1)
    expect(r.ms).toBeLessThan(15_000)
    expect(r.out).toContain(`Fetching Electron ${VERSION} (linux-x64`)
    expectPlainParagraph(r)
    expect(r.out).toMatch(/failed: Response code 403 \(Forbidden\)/)
    expect(r.out).toContain('ELECTRON_GET_USE_PROXY=1')
    expect(requests).toEqual([`/v${VERSION}/${ZIP_NAME}`])
  })

  it("fetches the binary with Electron's own installer, with a progress line, and is done", async () => {
    const dir = project({ [ZIP_NAME]: createHash('sha256').update(FAKE_ZIP).digest('hex') })
    mode = 'serve'
    requests.length = 0
    const env = userEnv({
      ELECTRON_MIRROR: mirrorUrl,
      ELECTRON_INSTALL_PLATFORM: 'linux',
      ELECTRON_INSTALL_ARCH: 'x64',
      electron_config_cache: join(dir, 'cache')
    })
    const r = await run(process.execPath, ['scripts/electron-vite.cjs', 'ensure'], dir, env)
    expect(r.code, r.out).toBe(0)
    expect(r.out).toContain(`Fetching Electron ${VERSION} (linux-x64, about 100 MB, once) from the mirror ${mirrorUrl}`)
    expect(r.out).toMatch(new RegExp(`Electron ${VERSION.replace(/\./g, '\\.')} is ready \\(\\d+ s\\)`))
    const pkg = join(dir, 'node_modules/electron')
    expect(readFileSync(join(pkg, 'path.txt'), 'utf8')).toBe('electron')
    expect(readFileSync(join(pkg, 'dist/electron'), 'utf8')).toContain('fake electron')
    // the second start finds it and fetches nothing
    requests.length = 0
    const again = await run(process.execPath, ['scripts/electron-vite.cjs', 'ensure'], dir, env)
    expect(again.code, again.out).toBe(0)
    expect(again.out).toBe('')
    expect(requests).toEqual([])
  })
})
