// `npm run preview:web` as a person runs it: a real child process (npm, tsx, node) on a port we chose, its Open line
// opened in Chromium, the app shown with no console error, the token enforced, then Ctrl-C (SIGINT to the whole
// process group, as a terminal sends it) and everything it started is gone.
import { test, expect, type APIRequestContext } from '@playwright/test'
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer, connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve, sep } from 'node:path'
import type { WindowApi } from '../../src/shared/ipc'

const ROOT = resolve(__dirname, '../..')

/** A port nothing listens on right now (the preview is asked for it, as `--port N` would be). */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolvePort(port))
    })
  })
}

/** Whether something accepts connections on 127.0.0.1:port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolveListening) => {
    const socket = connect({ host: '127.0.0.1', port })
    socket.once('connect', () => {
      socket.destroy()
      resolveListening(true)
    })
    socket.once('error', () => resolveListening(false))
  })
}

interface Preview {
  child: ChildProcess
  output: () => string
  /** resolves with the exit code (or signal name) */
  exited: Promise<number | string>
}

function startPreview(args: string[]): Preview {
  // detached: its own process group, so SIGINT reaches npm, tsx and node together as a terminal's Ctrl-C does
  const child = spawn('npm', ['run', '-s', 'preview:web', '--', ...args], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  let text = ''
  child.stdout?.on('data', (c: Buffer) => (text += c.toString('utf8')))
  child.stderr?.on('data', (c: Buffer) => (text += c.toString('utf8')))
  const exited = new Promise<number | string>((r) => child.once('exit', (code, signal) => r(code ?? signal ?? 'unknown')))
  return { child, output: () => text, exited }
}

/** Whether any process of the group is still alive. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0)
    return true
  } catch {
    return false
  }
}

async function refused(request: APIRequestContext, origin: string, headers: Record<string, string>, query = ''): Promise<number> {
  const r = await request.post(`${origin}/__harness/invoke/app:info${query}`, { headers: { 'content-type': 'application/json', ...headers }, data: '[]' })
  return r.status()
}

test.describe('npm run preview:web', () => {
  test.skip(process.platform === 'win32', 'Ctrl-C cannot be sent to a child process group from a test on Windows')

  test('serves the app on 127.0.0.1 with a token, then Ctrl-C stops everything and removes its temp folder', async ({ page, request }) => {
    test.setTimeout(120_000)
    const port = await freePort()
    const keep = mkdtempSync(join(tmpdir(), 'aidge-preview-keep-'))
    const dataDir = join(keep, 'data')
    const preview = startPreview(['--port', String(port), '--lang', 'zh-CN', '--data-dir', dataDir])
    const pgid = preview.child.pid as number
    try {
      // Bounded wait for the one Open line (tsx, the services and the simulator start in a few seconds).
      await expect.poll(() => preview.output(), { timeout: 60_000, message: 'the Open line' }).toMatch(/^Open /m)
      const open = /^Open (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]{16,}))$/m.exec(preview.output())
      expect(open, preview.output()).not.toBeNull()
      const [, url, openPort, token] = open as unknown as [string, string, string, string]
      expect(Number(openPort)).toBe(port)
      expect(preview.output().match(/^Open /gm)).toHaveLength(1)
      const tempDir = /temp folder (.+?): data in /.exec(preview.output())?.[1] as string
      const simPort = Number(/simulator http:\/\/127\.0\.0\.1:(\d+)/.exec(preview.output())?.[1])
      expect(existsSync(tempDir)).toBe(true)
      expect(await listening(simPort)).toBe(true)

      // The app, ready on the simulator's sample tasks, with no console error.
      const problems: string[] = []
      page.on('pageerror', (e) => problems.push(e.message))
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text())
      })
      await page.goto(url)
      await expect(page.getByText('sample-finished').first()).toBeVisible({ timeout: 20_000 })
      expect(await page.evaluate(() => [navigator.language, [...navigator.languages]])).toEqual(['zh-CN', ['zh-CN']])
      // --lang stands in for the OS language main reports: the window speaks it
      await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
      await expect(page.getByRole('main', { name: '任务' })).toBeVisible()
      // Dialogs answer with folders inside the preview's own temp folder.
      const chosen = await page.evaluate(() => (globalThis as unknown as { api: WindowApi }).api.invoke('shell:chooseFolder', {}))
      expect(chosen.ok && chosen.value.path?.startsWith(tempDir + sep)).toBe(true)
      expect(problems).toEqual([])

      // The token is enforced: none, a wrong one, or a wrong one in the query are refused; the right one works.
      const origin = `http://127.0.0.1:${port}`
      expect(await refused(request, origin, {})).toBe(403)
      expect(await refused(request, origin, { 'x-harness-token': 'x'.repeat(token.length) })).toBe(403)
      // one character changed (to one it is not: a token ending in A would otherwise pass as itself)
      expect(await refused(request, origin, {}, `?token=${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).toBe(403)
      expect((await request.get(`${origin}/__harness/events?token=wrong`)).status()).toBe(403)
      const ok = await request.post(`${origin}/__harness/invoke/app:info`, { headers: { 'x-harness-token': token, 'content-type': 'application/json' }, data: '[]' })
      expect(await ok.json()).toMatchObject({ ok: true, value: { dataDir, languages: ['zh-CN'] } })
      await page.close()

      // Ctrl-C: the whole group exits, cleanly and within bounds. npm itself ends by the signal (as npm does on
      // Ctrl-C), the preview by cleaning up and saying so.
      process.kill(-pgid, 'SIGINT')
      const code = await Promise.race([preview.exited, new Promise((r) => setTimeout(() => r('timeout'), 30_000))])
      expect([0, 'SIGINT'], preview.output()).toContain(code)
      await expect.poll(() => groupAlive(pgid), { timeout: 30_000, message: 'no process of the preview is left' }).toBe(false)
      // (the last output may be read a moment after the processes are gone)
      await expect.poll(() => preview.output(), { timeout: 5_000 }).toMatch(/^preview: stopped; temp folder removed$/m)
      expect(preview.output()).not.toMatch(/while stopping|Error/)
      expect(existsSync(tempDir)).toBe(false)
      expect(await listening(port)).toBe(false)
      expect(await listening(simPort)).toBe(false)
      // --data-dir is the user's: kept, with the history in it.
      expect(existsSync(join(dataDir, 'history.sqlite'))).toBe(true)
    } finally {
      if (groupAlive(pgid)) process.kill(-pgid, 'SIGKILL')
      rmSync(keep, { recursive: true, force: true })
    }
  })

  test('refuses a bad option with a plain message and exit code 2', async () => {
    const preview = startPreview(['--port', '80a'])
    try {
      expect(await preview.exited).toBe(2)
      expect(preview.output()).toContain('--port must be a number from 1 to 65535, not "80a"')
      expect(preview.output()).toContain('usage: npm run preview:web --')
    } finally {
      if (groupAlive(preview.child.pid as number)) process.kill(-(preview.child.pid as number), 'SIGKILL')
    }
  })
})
