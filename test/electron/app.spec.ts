import { test, expect, _electron as electron } from '@playwright/test'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

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

  test('opens one locked-down window that shows the app name', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'aidge-e2e-'))
    const app = await electron.launch({
      executablePath: binary as string,
      args: [ROOT, '--no-sandbox'],
      env: { ...process.env, AIDGE_DATA_DIR: dataDir }
    })
    try {
      const win = await app.firstWindow()
      await expect(win.getByRole('heading', { name: 'Aidge Task Desk' })).toBeVisible()
      // Sandboxed and context-isolated: the page sees neither Node's process nor require, only window.api.
      expect(await win.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined')
      expect(await win.evaluate(() => typeof (globalThis as { api?: unknown }).api)).toBe('object')
      expect(await win.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined')
    } finally {
      await app.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
