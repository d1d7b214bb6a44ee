// The gallery through the real UI, against the simulator: every result image across the history in one grid,
// switched to with the toolbar and the shortcut; selecting images (click, ctrl, shift, all); downloading the
// selection (only those files land, byte for byte); the lightbox walking across tasks; and a task submitted from
// the app compared with its input photo, side by side and with the slider.
import { test, expect, type Page } from '@playwright/test'
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DEFAULT_SUBMIT_PARAMS } from '../../src/shared/submit'
import { makePhoto } from '../submit/photos'
import { startUiEnv, uuids, type UiEnv } from './fixtures'

test.describe.configure({ mode: 'serial' })

let env: UiEnv
// three tasks of 3, 2 and 4 images; one failed task (no images, so not in the gallery)
const [t3, t2, t4, failed] = uuids(4) as [string, string, string, string]
const IMAGES = 9

test.beforeAll(async ({ browser }) => {
  env = await startUiEnv(browser, { presetCredentials: true, sim: { submitBalance: 100 } })
  env.sim.addTasks([
    { id: t3, images: 3, message: 'three' },
    { id: t2, images: 2, message: 'two' },
    { id: t4, images: 4, message: 'four' },
    { id: failed, finalStatus: 'failed', failMessage: 'model failed' }
  ])
  env.services.addTasks([t3, t2, t4, failed])
})
test.afterAll(async () => {
  expect(env.pageErrors, 'no uncaught errors or unhandled rejections in the page').toEqual([])
  await env.close()
})

const grid = (page: Page) => page.getByRole('grid', { name: 'Gallery' })
const tile = (page: Page, taskId: string, n: number) => grid(page).getByRole('gridcell', { name: `Image ${n} of task ${taskId}` })
const selectedTiles = (page: Page) => grid(page).locator('[role="gridcell"][aria-selected="true"]')
/** (this file compiles without the DOM library) */
interface Labelled {
  getAttribute(name: string): string | null
}
const mod = process.platform === 'darwin' ? 'Meta' : 'Control'

test('the gallery shows every result image across the history; the switch and the shortcut go back and forth', async () => {
  const { page } = env
  const statusNav = page.getByRole('navigation', { name: 'Status' })
  await expect(statusNav.getByRole('button', { name: /^Finished/ })).toContainText('3', { timeout: 20_000 })
  await expect(statusNav.getByRole('button', { name: /^Failed/ })).toContainText('1', { timeout: 20_000 })

  const show = page.getByRole('group', { name: 'Show as' })
  await show.getByRole('button', { name: 'Gallery' }).click()
  await expect(show.getByRole('button', { name: 'Gallery' })).toHaveAttribute('aria-pressed', 'true')
  await expect(grid(page).getByRole('gridcell')).toHaveCount(IMAGES)
  await expect(page.getByRole('toolbar', { name: 'List tools' })).toContainText(`${IMAGES} images`)
  for (const [id, n] of [[t3, 3], [t2, 2], [t4, 4]] as const) for (let i = 1; i <= n; i++) await expect(tile(page, id, i)).toBeVisible()
  // thumbnails arrive through the image cache: decoded images, not placeholders
  await expect(grid(page).locator('img.gtile-img')).toHaveCount(IMAGES, { timeout: 20_000 })
  expect(await grid(page).locator('img.gtile-img').evaluateAll((imgs) => imgs.every((i) => (i as unknown as { naturalWidth: number }).naturalWidth > 0))).toBe(true)

  // the list's search applies: only the task whose message matches
  await page.getByLabel('Search tasks by id or message').fill('four')
  await expect(grid(page).getByRole('gridcell')).toHaveCount(4)
  await page.getByLabel('Search tasks by id or message').fill('')
  await expect(grid(page).getByRole('gridcell')).toHaveCount(IMAGES)

  // grouped by task: a heading per task with its id
  await page.getByLabel('Arrange').selectOption('grouped')
  await expect(grid(page).getByRole('rowheader')).toHaveCount(3)
  await expect(grid(page).getByRole('rowheader').filter({ hasText: t4 })).toContainText('4 images')
  await page.getByLabel('Arrange').selectOption('flat')
  await expect(grid(page).getByRole('rowheader')).toHaveCount(0)

  await page.keyboard.press(`${mod}+Shift+G`)
  await expect(page.getByRole('grid', { name: 'Tasks' })).toBeVisible()
  await expect(grid(page)).toHaveCount(0)
  await page.keyboard.press(`${mod}+Shift+G`)
  await expect(grid(page).getByRole('gridcell')).toHaveCount(IMAGES)
})

test('images are selected by click, ctrl-click, shift-click and select all; Escape clears', async () => {
  const { page } = env
  await tile(page, t3, 1).click()
  await expect(selectedTiles(page)).toHaveCount(1)
  await expect(page.getByRole('toolbar', { name: 'List tools' })).toContainText('1 image selected')
  await tile(page, t4, 2).click({ modifiers: [mod] })
  await expect(selectedTiles(page)).toHaveCount(2)
  await tile(page, t4, 2).click({ modifiers: [mod] })
  await expect(selectedTiles(page)).toHaveCount(1)

  // a shift range runs across tasks in gallery order, from the anchor (the last tile clicked)
  await tile(page, t3, 1).click()
  const labels = await grid(page).getByRole('gridcell').evaluateAll((cells) => cells.map((c) => (c as unknown as Labelled).getAttribute('aria-label') ?? ''))
  const from = labels.indexOf(`Image 1 of task ${t3}`)
  const to = Math.min(labels.length - 1, from + 4)
  await grid(page).getByRole('gridcell').nth(to).click({ modifiers: ['Shift'] })
  await expect(selectedTiles(page)).toHaveCount(to - from + 1)
  expect(await selectedTiles(page).evaluateAll((cells) => cells.map((c) => (c as unknown as Labelled).getAttribute('aria-label')))).toEqual(labels.slice(from, to + 1))

  await page.getByRole('button', { name: `Select all ${IMAGES}` }).click()
  await expect(selectedTiles(page)).toHaveCount(IMAGES)
  await expect(page.getByRole('toolbar', { name: 'List tools' })).toContainText(`${IMAGES} images selected`)
  await grid(page).press('Escape')
  await expect(selectedTiles(page)).toHaveCount(0)
})

test('download selected: exactly the chosen images land in the folder, byte for byte; a downloaded one is revealed in its folder', async () => {
  const { page, sim, harness } = env
  const folder = env.dir('chosen')
  harness.dialogs.nextFolder = folder
  const chosen = [[t3, 0], [t3, 2], [t4, 3]] as const
  await tile(page, t3, 1).click()
  await tile(page, t3, 3).click({ modifiers: [mod] })
  await tile(page, t4, 4).click({ modifiers: [mod] })
  await expect(page.getByRole('toolbar', { name: 'List tools' })).toContainText('3 images selected')
  await page.getByRole('toolbar', { name: 'List tools' }).getByRole('button', { name: 'Download…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Download images' })
  await expect(dialog).toContainText('The 3 selected images')
  await dialog.getByLabel('File names').fill('{taskId}_{index}.{ext}')
  await dialog.getByRole('button', { name: 'Choose…' }).click()
  await expect(dialog).toContainText(folder)
  await dialog.getByRole('button', { name: 'Start download' }).click()
  const panel = page.getByRole('region', { name: /Downloads/ })
  await expect(panel).toContainText('Done', { timeout: 30_000 })
  await expect(panel).toContainText('3 of 3 files')
  const names = readdirSync(folder).filter((f) => f.endsWith('.png')).sort()
  expect(names).toEqual(chosen.map(([id, i]) => `${id}_${i}.png`).sort())
  for (const [id, i] of chosen) expect(readFileSync(join(folder, `${id}_${i}.png`)).equals(await sim.imageBytes(id, i))).toBe(true)
  expect(existsSync(join(folder, `${t3}_1.png`))).toBe(false)

  // the tile says it is downloaded; the lightbox reveals the file (main's record of it, never a path from the page)
  await expect(tile(page, t4, 4).locator('.gtile-done')).toBeVisible({ timeout: 10_000 })
  await tile(page, t4, 4).dblclick()
  const viewer = page.getByRole('dialog', { name: /in the gallery/ })
  await viewer.getByRole('button', { name: 'Show in folder' }).click()
  await expect.poll(() => harness.dialogs.revealed).toEqual([join(folder, `${t4}_3.png`)])
  await viewer.getByRole('button', { name: 'Close image viewer' }).click()
  await grid(page).press('Escape')
})

test('the lightbox walks the whole gallery: the arrows cross from one task to the next and wrap around', async () => {
  const { page } = env
  const labels = await grid(page).getByRole('gridcell').evaluateAll((cells) => cells.map((c) => (c as unknown as Labelled).getAttribute('aria-label') ?? ''))
  const taskOf = (label: string): string => label.replace(/^Image \d+ of task /, '')
  // the last image of the first task, then the next one belongs to the second task
  const firstTask = taskOf(labels[0] as string)
  const last = labels.filter((l) => taskOf(l) === firstTask).length - 1
  await grid(page).getByRole('gridcell').nth(last).dblclick()
  const viewer = page.getByRole('dialog', { name: /in the gallery/ })
  await expect(viewer.getByRole('heading')).toHaveText(`Image ${last + 1} of ${IMAGES} in the gallery`)
  await expect(viewer).toContainText(firstTask)
  await expect(viewer.getByRole('img', { name: new RegExp(`of task ${firstTask}`) })).toBeVisible()
  await page.keyboard.press('ArrowRight')
  const secondTask = taskOf(labels[last + 1] as string)
  await expect(viewer.getByRole('heading')).toHaveText(`Image ${last + 2} of ${IMAGES} in the gallery`)
  await expect(viewer.locator('.lightbox-task')).toHaveText(secondTask)
  await expect(viewer.getByRole('img', { name: `Image 1 of task ${secondTask}` })).toBeVisible()
  await page.keyboard.press('ArrowLeft')
  await expect(viewer.locator('.lightbox-task')).toHaveText(firstTask)
  // from the first image back wraps to the last of the gallery
  for (let i = 0; i < last; i++) await viewer.getByRole('button', { name: 'Previous image' }).click()
  await expect(viewer.getByRole('heading')).toHaveText(`Image 1 of ${IMAGES} in the gallery`)
  await viewer.getByRole('button', { name: 'Previous image' }).click()
  await expect(viewer.getByRole('heading')).toHaveText(`Image ${IMAGES} of ${IMAGES} in the gallery`)
  await expect(viewer.locator('.lightbox-task')).toHaveText(taskOf(labels[IMAGES - 1] as string))
  await page.keyboard.press('Escape')
  await expect(viewer).toHaveCount(0)
})

test('a task submitted from the app: its input photo beside the result, and a slider that wipes between them', async () => {
  const { page } = env
  const photo = join(env.dir('photos'), 'dress.jpg')
  writeFileSync(photo, await makePhoto({ seed: 21 }))
  const { rows } = env.services.submissions.submit([{ input: photo, inputKind: 'file', params: { ...DEFAULT_SUBMIT_PARAMS, count: 2 }, fit: false, again: false }])
  expect(rows).toHaveLength(1)
  // one paid call, journaled: the row gets its task id when the simulator answers
  await expect.poll(() => env.services.submissions.journal.get(rows[0]!.id)?.taskId ?? null, { timeout: 20_000 }).not.toBeNull()
  const taskId = env.services.submissions.journal.get(rows[0]!.id)!.taskId!
  await expect(tile(page, taskId, 1)).toBeVisible({ timeout: 20_000 })

  // grouped, the task's heading shows its input photo
  await page.getByLabel('Arrange').selectOption('grouped')
  await expect(grid(page).getByRole('rowheader').filter({ hasText: taskId }).getByRole('img', { name: `The garment photo task ${taskId} was created from` })).toBeVisible()
  await page.getByLabel('Arrange').selectOption('flat')

  await tile(page, taskId, 1).dblclick()
  const viewer = page.getByRole('dialog', { name: /in the gallery/ })
  const compare = viewer.getByRole('group', { name: 'Compare with the input photo' })
  await compare.getByRole('button', { name: 'Side by side' }).click()
  const input = viewer.getByRole('img', { name: `The garment photo task ${taskId} was created from` })
  const result = viewer.getByRole('img', { name: `Image 1 of task ${taskId}` })
  await expect(input).toBeVisible()
  await expect(result).toBeVisible()
  const [a, b] = [await input.boundingBox(), await result.boundingBox()]
  expect(a && b && a.x + a.width <= b.x + 1, 'the input photo sits left of the result').toBe(true)

  await compare.getByRole('button', { name: 'Slider' }).click()
  const slider = viewer.getByRole('slider', { name: /Before and after/ })
  await expect(slider).toHaveValue('50')
  const after = viewer.getByTestId('compare-after')
  await expect(after).toHaveCSS('clip-path', 'inset(0px 0px 0px 50%)')
  await slider.fill('20')
  await expect(after).toHaveCSS('clip-path', 'inset(0px 0px 0px 20%)')
  await slider.focus()
  await page.keyboard.press('ArrowRight')
  await expect(slider).toHaveValue('21')
  // the slider's arrows move the slider, not the lightbox
  await expect(viewer.locator('.lightbox-task')).toHaveText(taskId)
  await expect(input).toBeVisible()
  await expect(result).toBeVisible()
  await page.keyboard.press('Escape')
})

test('a thumbnail that cannot be had shows a clear placeholder; opening it re-queries the task and it loads', async () => {
  const { page, sim } = env
  const [late] = uuids(1) as [string]
  if ((await grid(page).count()) === 0) await page.getByRole('group', { name: 'Show as' }).getByRole('button', { name: 'Gallery' }).click()
  // the object store refuses image 2 of this task (a 404: not retried) until the fault is cleared
  sim.fault({ kind: 'image5xx', status: 404, taskId: late, index: 1 })
  sim.addTasks([{ id: late, images: 2, message: 'late' }])
  env.services.addTasks([late])
  const broken = tile(page, late, 2)
  await expect(broken).toBeVisible({ timeout: 20_000 })
  await expect(broken).toContainText('No preview', { timeout: 20_000 })
  await expect(broken.locator('.gtile-missing')).toHaveAttribute('title', /open the image to fetch it again/)
  await expect(tile(page, late, 1).locator('img.gtile-img')).toBeVisible()

  sim.clearFaults()
  const queriesBefore = sim.stats().callsByTask[late] ?? 0
  await broken.dblclick()
  const viewer = page.getByRole('dialog', { name: /in the gallery/ })
  await expect(viewer.getByRole('img', { name: `Image 2 of task ${late}` })).toBeVisible({ timeout: 20_000 })
  await page.keyboard.press('Escape')
  // the re-query asked the gateway again, and the tile asked for its thumbnail again
  expect(sim.stats().callsByTask[late] ?? 0).toBeGreaterThan(queriesBefore)
  await expect(broken.locator('img.gtile-img')).toBeVisible({ timeout: 20_000 })
  await expect(broken).not.toContainText('No preview')
})
