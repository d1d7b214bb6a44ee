import { test, expect, _electron as electron } from '@playwright/test'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startSimulator } from '../sim'
import type { WindowApi } from '../../src/shared/ipc'

const ROOT = resolve(__dirname, '../..')

/** The Electron binary, without triggering the electron package's on-demand download (which fails here). */
function electronBinary(): string | null {
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH']
  if (override) return existsSync(override) ? override : null
  const pathFile = join(ROOT, 'node_modules/electron/path.txt')
  if (!existsSync(pathFile)) return null
  const bin = join(ROOT, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(bin) ? bin : null
}

const binary = electronBinary()
if (binary === null) console.warn('[electron] skipped: no Electron binary here (ELECTRON_SKIP_BINARY_DOWNLOAD=1); run `npx install-electron` where downloads work to enable the real-app test.')

test.describe('the real Electron app', () => {
  test.skip(binary === null, 'No Electron binary on this machine (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1): the real-app test runs where `npx install-electron` has fetched one.')

  test('opens one locked-down window, takes a task id and sees the task finish', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'aidge-e2e-'))
    const sim = await startSimulator({ autoTasks: true })
    const app = await electron.launch({
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
    try {
      const win = await app.firstWindow()
      await expect(win.getByRole('heading', { name: 'Aidge Task Desk' })).toBeVisible()
      // Sandboxed and context-isolated: the page sees neither Node's process nor require, only window.api.
      expect(await win.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined')
      expect(await win.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined')
      const added = await win.evaluate(() => (globalThis as unknown as { api: WindowApi }).api.invoke('tasks:add', { text: 'sim-electron-0001' }))
      expect(added).toMatchObject({ ok: true, value: { added: ['sim-electron-0001'] } })
      await expect
        .poll(
          async () => {
            const r = await win.evaluate(() => (globalThis as unknown as { api: WindowApi }).api.invoke('tasks:get', { taskId: 'sim-electron-0001' }))
            return r.ok ? r.value?.status : r.error.message
          },
          { timeout: 30_000 }
        )
        .toMatch(/^(finished|failed)$/)
    } finally {
      await app.close()
      await sim.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
