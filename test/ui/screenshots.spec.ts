// Screenshots of every main screen in light and dark, for docs/screenshots (run with SCREENSHOTS=1), in English or,
// with SCREENSHOT_LANG=zh-CN, in Simplified Chinese (files named *-zh-CN-light.png): the app starts as on an OS in
// that language, and every control is found by its words in that language, from the catalogs.
import { test, expect, type Page } from '@playwright/test'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { DEFAULT_SUBMIT_PARAMS } from '../../src/shared/submit'
import { makePhoto } from '../submit/photos'
import type { TaskSpec } from '../sim'
import { i18n } from '../../src/renderer/src/i18n'
import { UI_LANGUAGES, type UiLanguage } from '../../src/shared/languages'
import { startUiEnv, uuids, type UiEnv } from './fixtures'

const OUT = resolve(__dirname, '../../docs/screenshots')
const LANG = (process.env['SCREENSHOT_LANG'] ?? 'en') as UiLanguage
if (!UI_LANGUAGES.includes(LANG)) throw new Error(`SCREENSHOT_LANG must be one of ${UI_LANGUAGES.join(', ')}, not ${LANG}`)
/** A control's words in the screenshots' language (typed keys, as the app uses them). */
const L = i18n.getFixedT(LANG)
const SUFFIX = LANG === 'en' ? '' : `-${LANG}`
test.skip(process.env['SCREENSHOTS'] !== '1', 'set SCREENSHOTS=1 to write docs/screenshots')

let env: UiEnv | null = null
test.afterAll(async () => {
  await env?.close()
})

async function shoot(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' })
    await page.screenshot({ path: `${OUT}/${name}${SUFFIX}-${scheme}.png`, animations: 'disabled', caret: 'hide' })
  }
  await page.emulateMedia({ colorScheme: 'light' })
}

async function waitForThumbs(page: Page, n: number): Promise<void> {
  const thumbs = page.getByRole('list', { name: L('images.images') }).getByRole('img')
  await expect(thumbs).toHaveCount(n)
  await expect.poll(() => thumbs.evaluateAll((imgs) => imgs.every((i) => (i as unknown as { complete: boolean; naturalWidth: number }).complete && (i as unknown as { naturalWidth: number }).naturalWidth > 0))).toBe(true)
}

test('screenshots of every main screen', async ({ browser }) => {
  test.setTimeout(150_000)
  mkdirSync(OUT, { recursive: true })
  env = await startUiEnv(browser, { language: LANG })
  const { page, sim } = env

  await expect(page.getByRole('button', { name: L('connection.test') })).toBeVisible()
  await page.getByLabel(L('connection.keyName'), { exact: true }).fill(sim.accessKeyName)
  await page.getByLabel(L('connection.secret'), { exact: true }).fill('wrong secret')
  await page.getByRole('button', { name: L('connection.test') }).click()
  await expect(page.getByRole('alert').first()).toBeVisible()
  await shoot(page, '1-setup')

  await page.getByLabel(L('connection.secret'), { exact: true }).fill(sim.secret)
  await page.getByRole('button', { name: L('connection.test') }).click()
  await page.getByRole('button', { name: L('connection.continue'), exact: true }).click()
  await expect(page.getByText(L('list.empty'))).toBeVisible()
  await shoot(page, '0-empty')

  // a history with every state: finished, failed, running for a long time, and an error
  const ids = uuids(36)
  const specs: TaskSpec[] = ids.map((id, i) => {
    if (i % 9 === 4) return { id, finalStatus: 'failed', failMessage: 'model failed: the garment could not be placed on the model' }
    if (i % 11 === 7) return { id, lifecycle: [{ status: 'submitted' }, { status: 'running', afterQueries: 1 }, { status: 'finished', afterMs: 3_600_000 }] }
    if (i === 32) return { id, businessError: { resCode: 1000 } }
    return { id, images: [{ width: 768, height: 1024 }, { width: 768, height: 1024 }, { width: 768, height: 1024 }].slice(0, 1 + (i % 3)), message: 'done' }
  })
  sim.addTasks(specs)
  await page.getByLabel(L('add.inputLabel')).fill(`Batch from the studio, 2024-06-01\n${ids.map((id, i) => `${i + 1}. ${id} (look ${i + 1})`).join('\n')}`)
  await page.getByRole('button', { name: L('add.addMany', { count: 36 }) }).click()
  await expect(page.getByRole('navigation', { name: L('list.status') }).getByRole('button', { name: new RegExp(`^${L('status.label.finished')}`) })).toContainText(/2\d/, { timeout: 20_000 })
  const finishedId = ids[35] as string
  await page.getByRole('row', { name: new RegExp(finishedId) }).click()
  await waitForThumbs(page, 3)
  await shoot(page, '2-list')

  await page.getByRole('button', { name: L('images.open', { n: 1 }) }).click()
  await expect(page.getByLabel(L('images.size'))).toHaveText(/768 × 1024/)
  await shoot(page, '3-lightbox')
  await page.keyboard.press('Escape')

  await page.getByRole('row', { name: new RegExp(ids[32] as string) }).click()
  await expect(page.getByRole('heading', { name: L('detail.lastError') })).toBeVisible()
  await shoot(page, '3-detail-error')

  await page.getByRole('button', { name: L('list.clearSelection') }).click()
  env.harness.dialogs.nextFolder = env.dir('downloads')
  sim.fault({ kind: 'imageStall', delayMs: 60_000, times: 4 })
  await page.getByRole('button', { name: L('list.downloadFinished') }).click()
  await page.getByRole('button', { name: L('downloads.choose') }).click()
  await expect(page.getByText(env.harness.dialogs.nextFolder)).toBeVisible()
  await shoot(page, '4-download-dialog')
  await page.getByRole('button', { name: L('downloads.start') }).click()
  await expect(page.getByRole('progressbar')).toBeVisible()
  // some files in: the count of downloaded files no longer starts at 0 ("3 of 12 files", "3/12 个文件")
  await expect(page.locator('.batch-stats span').first()).toHaveText(/^[1-9]/, { timeout: 20_000 })
  await shoot(page, '5-downloads')

  await page.getByRole('button', { name: L('header.settings') }).click()
  await expect(page.getByRole('heading', { name: L('settings.title') })).toBeVisible()
  await shoot(page, '6-settings')
  sim.clearFaults()

  // the gallery: every result image of the history, with a task submitted from the app (one paid call, journaled)
  const photo = join(env.dir('photos'), 'dress.jpg')
  writeFileSync(photo, await makePhoto({ seed: 21 }))
  const { rows } = env.services.submissions.submit([{ input: photo, inputKind: 'file', params: { ...DEFAULT_SUBMIT_PARAMS, count: 2 }, fit: false, again: false }])
  await expect.poll(() => env?.services.submissions.journal.get(rows[0]!.id)?.taskId ?? null, { timeout: 20_000 }).not.toBeNull()
  const submitted = env.services.submissions.journal.get(rows[0]!.id)!.taskId!
  await page.keyboard.press('Control+Shift+G')
  const grid = page.getByRole('grid', { name: L('gallery.grid.label') })
  const submittedTile = grid.getByRole('gridcell', { name: L('gallery.grid.image', { n: 1, taskId: submitted }) })
  await expect(submittedTile).toBeVisible({ timeout: 20_000 })
  // the whole width for the grid (the detail pane closed), then every thumbnail in view loaded
  await page.getByRole('button', { name: L('detail.close') }).click()
  await expect(grid.locator('img.gtile-img').first()).toBeVisible({ timeout: 20_000 })
  await expect(grid.locator('.gtile-thumb.skeleton')).toHaveCount(0, { timeout: 30_000 })
  await submittedTile.click()
  await shoot(page, '7-gallery')

  // before/after: the input photo under a slider that wipes to the result
  await submittedTile.dblclick()
  const viewer = page.getByRole('dialog')
  await viewer.getByRole('button', { name: L('gallery.compare.slider') }).click()
  await expect(viewer.getByLabel(L('images.size'))).toHaveText(/\d+ × \d+/)
  await viewer.getByRole('slider').fill('45')
  await shoot(page, '8-gallery-compare')
  await page.keyboard.press('Escape')
})
