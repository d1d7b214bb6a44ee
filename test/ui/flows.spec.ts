// The main flows through the real UI, against the simulator: add by typing and by Ctrl+V, watch tasks finish live,
// open a task and its images, batch-download, export, remove. The tests run in order and build on each other.
import { test, expect, type Page } from '@playwright/test'
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startUiEnv, uuids, type UiEnv } from './fixtures'

test.describe.configure({ mode: 'serial' })

let env: UiEnv
const ids = uuids(20)
const failedId = ids[7] as string
const finishedIds = ids.filter((id) => id !== failedId)

test.beforeAll(async ({ browser }) => {
  env = await startUiEnv(browser, { presetCredentials: true })
  env.sim.addTasks(ids.map((id) => (id === failedId ? { id, finalStatus: 'failed', failMessage: 'model failed: no person found in the picture' } : { id, images: 2, message: 'generated' })))
})
test.afterAll(async () => {
  expect(env.pageErrors, 'no uncaught errors or unhandled rejections in the page').toEqual([])
  await env.close()
})

const statusFilter = (page: Page, label: string) => page.getByRole('navigation', { name: 'Status' }).getByRole('button', { name: new RegExp(`^${label}`) })
const row = (page: Page, id: string) => page.getByRole('row', { name: new RegExp(`^${id}`) })

/** Messy text as people paste it: ids inside sentences, upper case, repeats, and numbers that are not ids. */
function messy(list: string[]): string {
  return [
    'Hi! Results from the 2024-06-01 shoot (order #88231):',
    ...list.map((id, i) => `${i + 1}) look ${i + 1} -> taskId=${i % 3 === 0 ? id.toUpperCase() : id}; status "submitted"`),
    `again: ${list[0]}, ${list[1]}`,
    'thanks, Mia'
  ].join('\n')
}

/** The browser globals used inside page.evaluate (this file compiles without the DOM library). */
interface PageGlobals {
  DataTransfer: new () => { setData(type: string, data: string): void; items: { add(file: unknown): void } }
  File: new (parts: string[], name: string, options: { type: string }) => unknown
  ClipboardEvent: new (type: string, init: object) => unknown
  DragEvent: new (type: string, init: object) => unknown
  document: { body: { dispatchEvent(e: unknown): boolean } }
}

async function pasteOnDocument(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => {
    const g = globalThis as unknown as PageGlobals
    const data = new g.DataTransfer()
    data.setData('text/plain', t)
    g.document.body.dispatchEvent(new g.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
  }, text)
}

test('ids pasted in messy text are added once, and they finish (or fail) live in the list', async () => {
  const { page } = env
  await expect(page.getByRole('heading', { name: 'Aidge Task Desk' })).toBeVisible()
  await expect(page.getByText('No tasks yet')).toBeVisible()

  // text without ids: nothing to add, nothing lost
  const box = page.getByLabel('Task ids to add')
  await box.fill('no ids in here, just words')
  await expect(page.getByText('No task ids found yet.')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Add task' })).toBeDisabled()

  // the first ten through the box: two repeats are folded
  await box.fill(messy(ids.slice(0, 10)))
  await expect(page.getByText('10 ids found · 2 repeated')).toBeVisible()
  await page.getByRole('button', { name: 'Add 10 tasks' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Added 10 new tasks' })).toContainText('2 repeats ignored')
  await expect(box).toHaveValue('')

  // all twenty with Ctrl+V outside any field: ten are new, ten already in history
  await pasteOnDocument(page, messy(ids))
  await expect(page.getByRole('status').filter({ hasText: 'Added 10 new tasks' }).first()).toContainText('10 already in history')
  await expect(statusFilter(page, 'All tasks')).toContainText('20')

  // a paste with no ids keeps the text where it can be fixed
  await pasteOnDocument(page, 'order #88231 is late')
  await expect(page.getByRole('alert').filter({ hasText: 'No task ids found' }).first()).toBeVisible()
  await expect(box).toHaveValue('order #88231 is late')
  await box.fill('')

  // live: counts and rows change as polls land, with no reload
  await expect(statusFilter(page, 'Finished')).toContainText('19', { timeout: 20_000 })
  await expect(statusFilter(page, 'Failed')).toContainText('1')
  await expect(row(page, failedId)).toContainText('Failed')
  await expect(row(page, failedId)).toContainText('no person found')
  for (const id of finishedIds) await expect(row(page, id)).toContainText('Finished')
  await expect(page.getByRole('grid', { name: 'Tasks' })).toHaveAttribute('aria-rowcount', '21')
})

test('filter and search narrow the list; a task opens with its images in a lightbox driven by the keyboard', async () => {
  const { page } = env
  await statusFilter(page, 'Failed').click()
  await expect(page.getByRole('grid', { name: 'Tasks' })).toHaveAttribute('aria-rowcount', '2')
  await statusFilter(page, 'All tasks').click()

  const target = finishedIds[3] as string
  await page.getByRole('grid', { name: 'Tasks' }).focus()
  await page.keyboard.press('Control+f')
  await expect(page.getByLabel('Search tasks by id or message')).toBeFocused()
  await page.keyboard.type(target.slice(0, 13))
  await expect(page.getByRole('grid', { name: 'Tasks' })).toHaveAttribute('aria-rowcount', '2')
  await row(page, target).click()

  const detail = page.getByRole('complementary', { name: 'Task detail' })
  await expect(detail).toContainText(target)
  await expect(detail).toContainText('generated')
  await expect(detail.getByRole('list', { name: 'Images' }).getByRole('img')).toHaveCount(2)

  await detail.getByRole('button', { name: 'Open image 1' }).click()
  const lightbox = page.getByRole('dialog', { name: 'Image 1 of 2' })
  await expect(lightbox).toBeVisible()
  await expect(lightbox.getByLabel('Image size')).toHaveText(/^\d+ × \d+$/)
  await page.keyboard.press('ArrowRight')
  await expect(page.getByRole('dialog', { name: 'Image 2 of 2' })).toBeVisible()
  await page.keyboard.press('ArrowRight')
  await expect(page.getByRole('dialog', { name: 'Image 1 of 2' })).toBeVisible()
  await page.keyboard.press('ArrowLeft')
  await expect(page.getByRole('dialog', { name: 'Image 2 of 2' })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog')).toHaveCount(0)

  // the failed task explains itself
  await page.getByLabel('Search tasks by id or message').fill('')
  await expect(page.getByRole('grid', { name: 'Tasks' })).toHaveAttribute('aria-rowcount', '21')
  await row(page, failedId).click()
  await expect(detail).toContainText('no person found in the picture')
  await expect(detail).toContainText('Aidge could not generate images')
})

test('batch download of the finished tasks writes every image, byte for byte, and remembers the folder', async () => {
  const { page, sim, harness } = env
  const folder = env.dir('downloads')
  harness.dialogs.nextFolder = folder
  // the folder already holds a web app's manifest.json: it stays, and the panel says where the list went
  const webApp = `${JSON.stringify({ name: 'My web app', start_url: '/' })}\n`
  writeFileSync(join(folder, 'manifest.json'), webApp)
  await page.getByRole('button', { name: 'Clear selection' }).click()
  await page.getByRole('button', { name: 'Download finished…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Download images' })
  await expect(dialog).toContainText('Every finished task (19)')
  await dialog.getByLabel('File names').fill('{taskId}_{index}.{ext}')
  await expect(dialog).toContainText(/Example: .+_0\.png/)
  await dialog.getByRole('button', { name: 'Choose…' }).click()
  await expect(dialog).toContainText(folder)
  await dialog.getByRole('button', { name: 'Start download' }).click()

  const panel = page.getByRole('region', { name: /Downloads/ })
  await expect(panel).toContainText('Done', { timeout: 30_000 })
  await expect(panel).toContainText('38 of 38 files')
  for (const id of finishedIds) {
    for (const index of [0, 1]) {
      const file = join(folder, `${id}_${index}.png`)
      expect(existsSync(file), file).toBe(true)
      expect(readFileSync(file).equals(await sim.imageBytes(id, index)), `${file} matches the served bytes`).toBe(true)
    }
  }
  expect(readdirSync(folder).filter((f) => f.includes('.part'))).toEqual([])
  expect(readFileSync(join(folder, 'manifest.json'), 'utf8')).toBe(webApp)
  expect(existsSync(join(folder, 'aidge-task-desk.manifest.json'))).toBe(true)
  await expect(panel.getByRole('note')).toContainText('manifest.json belongs to another program and was left as it is; the list of downloads is in aidge-task-desk.manifest.json')
  expect(env.services.effectiveSettings().downloads.folder).toBe(folder)
  await expect(row(page, finishedIds[0] as string)).toContainText('2/2')

  await panel.getByRole('button', { name: 'Open folder' }).click()
  await expect.poll(() => harness.dialogs.openedFolders.length).toBe(1)
  expect(harness.dialogs.openedFolders[0]).toBe(folder)
  await panel.getByRole('button', { name: 'Dismiss' }).click()
  await expect(panel).toHaveCount(0)
})

test('export CSV of the current list: a header and every task', async () => {
  const { page, harness } = env
  const file = join(env.dir('export'), 'tasks.csv')
  harness.dialogs.nextSaveFile = file
  await page.getByRole('button', { name: 'Export list…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Export the list' })
  await expect(dialog.getByLabel('CSV (spreadsheets)')).toBeChecked()
  await dialog.getByRole('button', { name: 'Export…' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Exported 20 tasks' })).toBeVisible()
  const lines = readFileSync(file, 'utf8').trim().split(/\r?\n/)
  expect(lines[0]).toMatch(/^taskId,status,/)
  expect(lines).toHaveLength(21)
  for (const id of ids) expect(lines.some((l) => l.startsWith(`${id},`))).toBe(true)
})

test('shift and ctrl extend the selection; Delete removes it after asking', async () => {
  const { page } = env
  const toolbar = page.getByRole('toolbar', { name: 'List tools' })
  const rows = page.getByRole('grid', { name: 'Tasks' }).getByRole('row').filter({ has: page.getByRole('gridcell') })
  await rows.nth(1).click()
  await rows.nth(4).click({ modifiers: ['Shift'] })
  await expect(toolbar).toContainText('4 selected')
  await rows.nth(2).click({ modifiers: ['ControlOrMeta'] })
  await expect(toolbar).toContainText('3 selected')
  await page.keyboard.press('Shift+ArrowDown')
  await expect(toolbar).toContainText('2 selected')
  await page.keyboard.press('Escape')
  await expect(toolbar).not.toContainText('selected')

  await row(page, failedId).click()
  await page.keyboard.press('Delete')
  const confirmDialog = page.getByRole('dialog', { name: 'Remove 1 task?' })
  await expect(confirmDialog).toBeVisible()
  await confirmDialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(row(page, failedId)).toBeVisible()
  await page.keyboard.press('Delete')
  await page.getByRole('dialog', { name: 'Remove 1 task?' }).getByRole('button', { name: 'Remove' }).click()
  await expect(row(page, failedId)).toHaveCount(0)
  await expect(statusFilter(page, 'All tasks')).toContainText('19')
  await expect(page.getByRole('complementary', { name: 'Task detail' })).toHaveCount(0)
})

test('a file dropped on the window and a file imported with the button add their ids', async () => {
  const { page, sim } = env
  const [dropped, imported] = uuids(2) as [string, string]
  sim.addTasks([{ id: dropped }, { id: imported }])
  await page.evaluate((id) => {
    const g = globalThis as unknown as PageGlobals
    const data = new g.DataTransfer()
    data.items.add(new g.File([`taskId\n${id}\n`], 'batch.csv', { type: 'text/csv' }))
    g.document.body.dispatchEvent(new g.DragEvent('dragenter', { dataTransfer: data, bubbles: true }))
    g.document.body.dispatchEvent(new g.DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }))
  }, dropped)
  await expect(page.getByRole('status').filter({ hasText: 'Added 1 new task from batch.csv' }).first()).toBeVisible()
  await expect(row(page, dropped)).toBeVisible()

  await page.getByLabel('Import task ids from a file').setInputFiles({ name: 'ids.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ tasks: [imported, ids[0]] })) })
  await expect(page.getByRole('status').filter({ hasText: 'Added 1 new task' }).filter({ hasText: '1 already in history' }).first()).toBeVisible()
  await expect(statusFilter(page, 'All tasks')).toContainText('21')
  await expect(row(page, imported)).toContainText('Finished', { timeout: 20_000 })
})

test('pause and resume tracking; settings persist; finished tasks download on their own when asked to', async () => {
  const { page, sim, harness } = env
  const tracking = page.getByRole('status', { name: 'Tracking' })
  await page.getByRole('button', { name: 'Pause tracking' }).click()
  await expect(tracking).toContainText('Tracking paused')
  await tracking.getByRole('button', { name: 'Resume' }).click()
  await expect(tracking).not.toContainText('paused')

  await page.getByRole('button', { name: 'Settings' }).click()
  const auto = env.dir('auto')
  harness.dialogs.nextFolder = auto
  await page.getByRole('button', { name: 'Choose the default download folder' }).click()
  await expect(page.getByText(auto, { exact: true })).toBeVisible()
  await page.getByRole('switch', { name: /Download automatically/ }).check()
  await page.getByRole('radio', { name: 'Light' }).check()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light')
  await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(244, 245, 247)')
  await page.getByRole('radio', { name: 'Dark' }).check()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(18, 20, 24)')
  // a number setting refuses a value out of its range with its own words, and keeps one within it
  const numberSetting = async (label: string, refused: [string, string], kept: number, saved: () => number): Promise<void> => {
    const field = page.getByLabel(label)
    for (const [text, expectText] of [refused, [String(kept), null]] as const) {
      await field.fill(text)
      await field.press('Enter')
      if (expectText) await expect(page.getByText(expectText)).toBeVisible()
    }
    await expect.poll(saved).toBe(kept)
  }
  await numberSetting('Queries per second to start at', ['500', 'Enter a number from 0.1 to 100.'], 8, () => env.services.effectiveSettings().polling.maxQps)
  // the per-image cap (issue 11, item 3) is the user's to raise or lower
  await expect(page.getByLabel('Largest image accepted, MiB')).toHaveValue('64')
  await numberSetting('Largest image accepted, MiB', ['0', 'Enter a whole number from 1 to 4096.'], 128, () => env.services.effectiveSettings().downloads.maxImageMiB)
  const s = env.services.effectiveSettings()
  expect(s.theme).toBe('dark')
  expect(s.downloads).toMatchObject({ folder: auto, autoDownload: true })

  await page.getByRole('button', { name: 'Back to tasks' }).click()
  const [late] = uuids(1) as [string]
  sim.addTask({ id: late, images: 1 })
  await page.getByLabel('Task ids to add').fill(late)
  await page.getByRole('button', { name: 'Add task' }).click()
  await expect(row(page, late)).toContainText('1/1', { timeout: 30_000 })
  expect(readFileSync(join(auto, `${late}_0.png`)).equals(await sim.imageBytes(late, 0))).toBe(true)
})

test("a file that cannot be had says why in the panel in the window's words, the downloader's own line beneath", async () => {
  const { page, sim } = env
  const [gone] = uuids(1) as [string]
  // the object store answers 404 for image 2 (not retried); auto-download (turned on above) fetches the task
  sim.fault({ kind: 'image5xx', status: 404, taskId: gone, index: 1 })
  sim.addTask({ id: gone, images: 2 })
  await page.getByLabel('Task ids to add').fill(gone)
  await page.getByRole('button', { name: 'Add task' }).click()
  const batch = page.getByRole('region', { name: /Downloads/ }).getByRole('listitem').filter({ hasText: '1 file failed' })
  await expect(batch).toBeVisible({ timeout: 30_000 })
  await batch.getByText('1 file failed').click()
  const why = batch.getByText('the image is no longer on the server')
  await expect(why).toBeVisible()
  await expect(why).toHaveAttribute('title', /404/)
  sim.clearFaults()
})
