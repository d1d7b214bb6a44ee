// Quitting in the middle of a download: the next start shows the same history, and starting the download again
// completes every file with no temporary files left behind.
import { test, expect, type Page } from '@playwright/test'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { startUiEnv, uuids, type UiEnv } from './fixtures'

let env: UiEnv | null = null
test.afterEach(async () => {
  await env?.close()
  env = null
})

const statusFilter = (page: Page, label: string) => page.getByRole('navigation', { name: 'Status' }).getByRole('button', { name: new RegExp(`^${label}`) })

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
}

test('killed and restarted mid-download: history and downloads resume', async ({ browser }) => {
  env = await startUiEnv(browser, { presetCredentials: true })
  const { sim } = env
  const ids = uuids(6)
  sim.addTasks(ids.map((id) => ({ id, images: [{ bytes: 200_000 }, { bytes: 200_000 }, { bytes: 200_000 }] })))
  const folder = env.dir('downloads')
  env.harness.dialogs.nextFolder = folder

  let page = env.page
  await page.getByLabel('Task ids to add').fill(ids.join('\n'))
  await page.getByRole('button', { name: 'Add 6 tasks' }).click()
  await expect(statusFilter(page, 'Finished')).toContainText('6', { timeout: 20_000 })

  // three image requests hang: the batch cannot finish before the "crash"
  sim.fault({ kind: 'imageStall', times: 3, delayMs: 60_000 })
  await page.getByRole('button', { name: 'Download finished…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Download images' })
  await dialog.getByRole('button', { name: 'Choose…' }).click()
  await expect(dialog).toContainText(folder)
  await dialog.getByRole('button', { name: 'Start download' }).click()
  const panel = page.getByRole('region', { name: /Downloads/ })
  await expect(panel).toContainText('15 of 18 files', { timeout: 20_000 })
  await expect(panel).toContainText('Downloading')

  await env.restart()
  sim.clearFaults()
  page = env.page

  // the same history, with what was downloaded before the restart
  await expect(statusFilter(page, 'All tasks')).toContainText('6')
  await expect(statusFilter(page, 'Finished')).toContainText('6')
  await expect(page.getByRole('row', { name: /of 3 images downloaded/ })).toHaveCount(6)

  // start again: the remembered folder is offered, and this time every file arrives
  // the interrupted batch carries on by itself after the restart: nothing to start again
  const panel2 = page.getByRole('region', { name: /Downloads/ })
  await expect(panel2).toContainText('Done', { timeout: 30_000 })
  await expect(page.getByRole('row', { name: /3 of 3 images downloaded/ })).toHaveCount(6)

  for (const id of ids) {
    for (const index of [0, 1, 2]) {
      const file = join(folder, `${id}_${index}.png`)
      expect(existsSync(file), file).toBe(true)
      expect(readFileSync(file).equals(await sim.imageBytes(id, index)), `${file} is complete`).toBe(true)
    }
  }
  expect(listFiles(folder).filter((f) => f.includes('.part'))).toEqual([])
  expect(env.pageErrors).toEqual([])
})
