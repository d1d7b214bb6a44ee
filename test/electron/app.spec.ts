// The smoke suite of the real desktop app: the built app (`npm run build`) launched in Electron with a temp data
// folder, pointed at the gateway simulator. It runs wherever Electron's binary exists (`npx --no install-electron`)
// and skips, with one line, where it does not (this project's CI machine installs with
// ELECTRON_SKIP_BINARY_DOWNLOAD=1). Main-process dialogs and shell.openExternal are replaced inside the running
// app (electronApp.evaluate): a test cannot click a native dialog, and must not open a real browser.
import { test, expect, _electron as electron, type ElectronApplication, type Page } from '@playwright/test'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startSimulator, type Simulator } from '../sim'
import { makePhoto } from '../submit/photos'
import type { WindowApi } from '../../src/shared/ipc'
import { openHistoryStore } from '../../src/main/history'
import { ELECTRON_TARGETS } from '../../electron.vite.config'
import { pickLanguage } from '../../src/shared/languages'

const ROOT = resolve(__dirname, '../..')

/** The Electron binary Electron's installer put in place, without triggering a download (which fails here). */
function electronBinary(): string | null {
  for (const candidate of [process.env['ELECTRON_EXEC_PATH'], process.env['ELECTRON_OVERRIDE_DIST_PATH']]) {
    if (candidate && existsSync(candidate)) return candidate
  }
  const pathFile = join(ROOT, 'node_modules/electron/path.txt')
  if (!existsSync(pathFile)) return null
  const bin = join(ROOT, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(bin) ? bin : null
}

const binary = electronBinary()
const SKIP = 'no Electron binary here (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1); `npx --no install-electron` enables the real-app smoke suite'
if (binary === null) console.warn(`[electron] skipped: ${SKIP}`)

type Api = { api: WindowApi }
const TASK = 'sim-electron-0001'

/** Every process under `pid` (Linux: /proc), to prove none is left behind after quitting. */
function descendants(pid: number): number[] {
  if (process.platform !== 'linux') return []
  try {
    const out = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    const children = new Map<number, number[]>()
    for (const line of out.trim().split('\n')) {
      const [p, pp] = line.trim().split(/\s+/).map(Number) as [number, number]
      children.set(pp, [...(children.get(pp) ?? []), p])
    }
    const all: number[] = []
    const walk = (p: number): void => {
      for (const c of children.get(p) ?? []) {
        all.push(c)
        walk(c)
      }
    }
    walk(pid)
    return all
  } catch {
    return []
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

test.describe('the real Electron app', () => {
  test.skip(binary === null, SKIP)
  test.describe.configure({ mode: 'serial' })

  let root = ''
  let dataDir = ''
  let downloads = ''
  let sim: Simulator
  let app: ElectronApplication
  let win: Page
  const consoleErrors: string[] = []

  test.beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'aidge-electron-'))
    dataDir = join(root, 'data')
    downloads = join(root, 'downloads')
    sim = await startSimulator({ autoTasks: true })
    app = await electron.launch({
      executablePath: binary as string,
      // Chromium refuses to run as root with its sandbox; only CI containers run tests as root.
      args: [ROOT, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
      env: {
        ...process.env,
        AIDGE_DATA_DIR: dataDir,
        AIDGE_ENDPOINT: sim.url,
        AIDGE_ACCESS_KEY_NAME: sim.accessKeyName,
        AIDGE_ACCESS_KEY_SECRET: sim.secret
      }
    })
    app.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text())
    })
    win = await app.firstWindow()
    win.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text())
    })
    win.on('pageerror', (e) => consoleErrors.push(e.message))
    // what the native dialogs and the browser would do, answered inside main
    await app.evaluate(({ dialog, shell }, folder) => {
      const g = globalThis as unknown as { __opened: string[] }
      g.__opened = []
      dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [folder] })) as typeof dialog.showOpenDialog
      shell.openExternal = async (url: string) => void g.__opened.push(url)
    }, downloads)
  })

  test.afterAll(async () => {
    await app?.close().catch(() => undefined)
    await sim?.close()
    rmSync(root, { recursive: true, force: true })
  })

  test('one window, loaded from the aidge-app scheme, with the CSP header and no console errors', async () => {
    await expect(win.getByRole('heading', { name: 'Aidge Task Desk' })).toBeVisible()
    expect(app.windows()).toHaveLength(1)
    expect(win.url()).toBe('aidge-app://app/index.html')
    const csp = await win.evaluate(async () => {
      const page = (globalThis as unknown as { location: { href: string } }).location.href
      return (await fetch(page)).headers.get('content-security-policy')
    })
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("script-src 'self'")
    expect(consoleErrors).toEqual([])
  })

  test('the build targets match what this Electron runs', async () => {
    const versions = await app.evaluate(() => ({ node: process.versions.node, chrome: process.versions.chrome, electron: process.versions.electron }))
    const t = ELECTRON_TARGETS[versions.electron.split('.')[0] as string]
    expect(t, `build targets for Electron ${versions.electron}`).toBeDefined()
    const [major, minor] = t!.node.replace('node', '').split('.').map(Number) as [number, number]
    const [nMajor, nMinor] = versions.node.split('.').map(Number) as [number, number]
    expect(nMajor).toBe(major)
    expect(nMinor).toBeGreaterThanOrEqual(minor)
    expect(versions.chrome.split('.')[0]).toBe(t!.chrome.replace('chrome', ''))
  })

  test('window.api works and nothing else of Node or Electron is reachable from the page', async () => {
    const seen = await win.evaluate(() => {
      const g = globalThis as unknown as Record<string, unknown>
      return {
        api: Object.keys(g['api'] as object).sort(),
        names: ['require', 'process', 'module', 'Buffer', 'global', 'electron', 'ipcRenderer', '__dirname'].filter((n) => typeof g[n] !== 'undefined')
      }
    })
    expect(seen).toEqual({ api: ['invoke', 'on'], names: [] })
    const info = await win.evaluate(() => (globalThis as unknown as Api).api.invoke('app:info'))
    expect(info).toMatchObject({ ok: true, value: { name: 'Aidge Task Desk', dataDir } })
    // the window's language is what Electron reports for the OS (app.getPreferredSystemLanguages(), else getLocale())
    const reported = await app.evaluate(({ app: a }) => (a.getPreferredSystemLanguages().length > 0 ? a.getPreferredSystemLanguages() : [a.getLocale()]))
    expect(info).toMatchObject({ ok: true, value: { languages: reported } })
    await expect(win.locator('html')).toHaveAttribute('lang', pickLanguage(reported))
  })

  test('a task is added and finishes; its thumbnail comes from the media protocol', async () => {
    const added = await win.evaluate((id) => (globalThis as unknown as Api).api.invoke('tasks:add', { text: id }), TASK)
    expect(added).toMatchObject({ ok: true, value: { added: [TASK] } })
    await expect
      .poll(async () => {
        const r = await win.evaluate((id) => (globalThis as unknown as Api).api.invoke('tasks:get', { taskId: id }), TASK)
        return r.ok ? r.value?.status : r.error.message
      }, { timeout: 30_000 })
      .toBe('finished')
    const media = await win.evaluate((id) => (globalThis as unknown as Api).api.invoke('media:url', { taskId: id, index: 0, kind: 'thumb' }), TASK)
    expect(media.ok).toBe(true)
    const url = (media as { ok: true; value: { url: string } }).value.url
    expect(url).toMatch(/^aidge-media:\/\/thumb\//)
    // an <img> under the page's CSP, as the task list shows it
    const size = await win.evaluate(async (src) => {
      type Img = { src: string; decode(): Promise<void>; naturalWidth: number; naturalHeight: number }
      const img = new (globalThis as unknown as { Image: new () => Img }).Image()
      img.src = src
      await img.decode()
      return { w: img.naturalWidth, h: img.naturalHeight }
    }, url)
    expect(size.w).toBeGreaterThan(0)
    expect(size.h).toBeGreaterThan(0)
  })

  test('a batch download writes the files', async () => {
    const folder = await win.evaluate(() => (globalThis as unknown as Api).api.invoke('shell:chooseFolder', {}))
    expect(folder).toEqual({ ok: true, value: { path: downloads } })
    const started = await win.evaluate(([id, dir]) => (globalThis as unknown as Api).api.invoke('downloads:start', { taskIds: [id], folder: dir }), [TASK, downloads] as const)
    expect(started.ok).toBe(true)
    await expect.poll(() => (existsSync(downloads) ? readdirSync(downloads).filter((f) => /\.(png|jpg|webp|gif)$/.test(f)) : []), { timeout: 30_000 }).not.toHaveLength(0)
    await expect.poll(() => readdirSync(downloads).includes('manifest.json'), { timeout: 30_000 }).toBe(true)
  })

  test('the application menu exists and its commands reach the page', async () => {
    const labels = await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.items.map((i) => i.label.replace('&', '')) ?? [])
    for (const name of ['File', 'Edit', 'View', 'Window', 'Help']) expect(labels).toContain(name)
    await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.getMenuItemById('settings')?.click())
    await expect(win.getByRole('heading', { name: 'Settings', exact: true }).first()).toBeVisible()
    await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.getMenuItemById('add-tasks')?.click())
    await expect(win.getByRole('textbox', { name: 'Task ids to add' })).toBeFocused()
    // View > List or Gallery switches the tasks view (the page owns its shortcut, so the item has no accelerator)
    await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.getMenuItemById('toggle-gallery')?.click())
    await expect(win.getByRole('grid', { name: 'Gallery' })).toBeVisible()
    await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.getMenuItemById('toggle-gallery')?.click())
    await expect(win.getByRole('grid', { name: 'Tasks' })).toBeVisible()
    // Help links go through the allow-list to the (replaced) browser
    await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.getMenuItemById('report-issue')?.click())
    await expect.poll(() => app.evaluate(() => (globalThis as unknown as { __opened: string[] }).__opened)).toEqual([expect.stringMatching(/\/issues$/)])
  })

  test("the menu speaks the window's language: choosing 简体中文 in Settings relabels it, English restores it", async () => {
    const setLanguage = (language: 'zh-CN' | 'en') => win.evaluate((l) => (globalThis as unknown as Api).api.invoke('settings:update', { language: l }), language)
    const addLabel = () => app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.getMenuItemById('add-tasks')?.label)
    await setLanguage('zh-CN')
    await expect.poll(addLabel).toBe('添加任务…')
    await setLanguage('en')
    await expect.poll(addLabel).toBe('Add Tasks…')
  })

  test('window.open opens no window; only allowed links reach the browser', async () => {
    await win.evaluate(() => {
      const page = globalThis as unknown as { open(url: string): unknown }
      page.open('https://evil.example/phish')
      page.open('https://www.aidge.com/documentation')
    })
    await expect.poll(() => app.evaluate(() => (globalThis as unknown as { __opened: string[] }).__opened)).toContain('https://www.aidge.com/documentation')
    const opened = await app.evaluate(() => (globalThis as unknown as { __opened: string[] }).__opened)
    expect(opened.some((u) => u.includes('evil.example'))).toBe(false)
    expect(app.windows()).toHaveLength(1)
    expect(consoleErrors).toEqual([])
  })

  test('photos chosen in main\'s own open dialog are checked, submitted once and linked to their task', async () => {
    const photo = join(root, 'garment.jpg')
    writeFileSync(photo, await makePhoto({ seed: 99 }))
    // the native dialog answers with the photo (replaced inside main, as above), then with the folder again
    await app.evaluate(({ dialog }, file) => {
      const folderDialog = dialog.showOpenDialog
      dialog.showOpenDialog = (async () => {
        dialog.showOpenDialog = folderDialog
        return { canceled: false, filePaths: [file] }
      }) as typeof dialog.showOpenDialog
    }, photo)
    const chosen = await win.evaluate(() => (globalThis as unknown as Api).api.invoke('submit:choosePhotos', { kind: 'files' }))
    expect(chosen).toMatchObject({ ok: true, value: { photos: [{ input: photo, problem: null, width: 640, height: 800 }] } })
    const params = { model: 'WHITE', gender: 'FEMALE', age: 'YOUTH', bgStyle: 'room', dimension: '768', count: 1, keepBackground: false }
    const started = await win.evaluate(([input, p]) => (globalThis as unknown as Api).api.invoke('submit:start', { photos: [{ input, params: p, fit: false }], again: false }), [photo, params] as const)
    expect(started.ok).toBe(true)
    // a path the dialog did not return is refused
    const forged = await win.evaluate((p) => (globalThis as unknown as Api).api.invoke('submit:start', { photos: [{ input: '/etc/passwd', params: p, fit: false }], again: false }), params)
    expect(forged).toMatchObject({ ok: false, error: { code: 'PHOTO_NOT_CHOSEN' } })
    await expect.poll(() => sim.stats().tasksCreated, { timeout: 30_000 }).toBe(1)
    const taskId = sim.taskIds().at(-1) as string
    await expect
      .poll(async () => (await win.evaluate((id) => (globalThis as unknown as Api).api.invoke('tasks:get', { taskId: id }), taskId)).ok, { timeout: 30_000 })
      .toBe(true)
    const detail = await win.evaluate((id) => (globalThis as unknown as Api).api.invoke('tasks:get', { taskId: id }), taskId)
    expect(detail).toMatchObject({ ok: true, value: { input: { input: photo, thumbnail: expect.stringMatching(/^data:image\/jpeg;base64,/) } } })
  })

  test('a new API host from the page waits for main\'s own dialog; an export needs the save dialog\'s file', async () => {
    // the user's answers, given inside main (Electron's dialog docs: docs/api/dialog.md): Cancel to the question,
    // a name without the format's extension in the save dialog
    await app.evaluate(({ dialog }, dir) => {
      const g = globalThis as unknown as { __asked: Array<{ message: string; buttons: string[] }> }
      g.__asked = []
      dialog.showMessageBox = (async (...args: unknown[]) => {
        const o = args[args.length - 1] as { message: string; buttons?: string[]; cancelId?: number }
        g.__asked.push({ message: o.message, buttons: o.buttons ?? [] })
        return { response: o.cancelId ?? 0, checkboxChecked: false }
      }) as typeof dialog.showMessageBox
      dialog.showSaveDialog = (async () => ({ canceled: false, filePath: `${dir}/.bashrc` })) as typeof dialog.showSaveDialog
    }, downloads)
    // a loopback address the simulator does not use: nothing could leave the machine even if the dialog were skipped
    const moved = await win.evaluate(() => (globalThis as unknown as Api).api.invoke('settings:update', { endpoint: 'http://127.0.0.2:9' }))
    expect(moved).toMatchObject({ ok: false, error: { code: 'ENDPOINT_NOT_CONFIRMED' } })
    const asked = await app.evaluate(() => (globalThis as unknown as { __asked: Array<{ message: string; buttons: string[] }> }).__asked)
    expect(asked).toEqual([{ message: expect.stringContaining('127.0.0.2:9'), buttons: ['Keep the current server', 'Use 127.0.0.2:9'] }])
    const exported = await win.evaluate(() => (globalThis as unknown as Api).api.invoke('tasks:export', { format: 'csv' }))
    expect(exported).toMatchObject({ ok: false, error: { code: 'EXPORT_EXTENSION' } })
    expect(existsSync(join(downloads, '.bashrc'))).toBe(false)
  })

  test('quits cleanly: the database closed with its WAL checkpointed, no process left', async () => {
    const pid = app.process().pid as number
    const children = descendants(pid)
    await app.close()
    await expect.poll(() => alive(pid), { timeout: 10_000 }).toBe(false)
    await expect.poll(() => children.filter(alive), { timeout: 10_000 }).toEqual([])
    // SQLite removes the -wal file when the last connection closes after a checkpoint
    expect(existsSync(join(dataDir, 'history.sqlite'))).toBe(true)
    expect(existsSync(join(dataDir, 'history.sqlite-wal'))).toBe(false)
    const store = openHistoryStore({ dataDir })
    try {
      expect(store.getTask(TASK)?.status).toBe('finished')
    } finally {
      store.close()
    }
  })
})
