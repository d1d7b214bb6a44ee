// 100,000 tasks in history: the list shows the total at once, renders only the rows in view, and jumps to the
// far end without loading the rows in between.
import { test, expect } from '@playwright/test'
import { startUiEnv, uuids, type UiEnv } from './fixtures'

let env: UiEnv | null = null
test.afterEach(async () => {
  await env?.close()
  env = null
})

test('a 100,000-task history stays fast: few rows in the page, pages fetched on demand', async ({ browser }) => {
  test.setTimeout(90_000)
  env = await startUiEnv(browser, { presetCredentials: true })
  const ids = uuids(100_000)
  // straight into the history (not tracked: the simulator does not know them)
  for (let i = 0; i < ids.length; i += 10_000) env.services.history.addTasks(ids.slice(i, i + 10_000), Date.now() - ids.length + i)

  const { page } = env
  const listCalls: number[] = []
  page.on('request', (r) => {
    if (r.url().includes('/__harness/invoke/tasks%3Alist')) {
      const body = JSON.parse(r.postData() ?? '[]') as Array<{ limit: number }>
      listCalls.push(body[0]?.limit ?? 0)
    }
  })
  await page.reload()
  const grid = page.getByRole('grid', { name: 'Tasks' })
  await expect(grid).toHaveAttribute('aria-rowcount', '100001', { timeout: 15_000 })
  await expect(page.getByRole('navigation', { name: 'Status' }).getByRole('button', { name: /^All tasks/ })).toContainText('100,000')
  await expect(page.getByRole('row', { name: new RegExp(`^${ids[ids.length - 1]}`) })).toBeVisible()
  expect(await page.getByRole('row').count()).toBeLessThan(100)

  // to the far end with the keyboard: the oldest task, without fetching the 100,000 rows between
  await grid.focus()
  await page.keyboard.press('ArrowDown')
  const started = Date.now()
  await page.keyboard.press('End')
  await expect(page.getByRole('row', { name: new RegExp(`^${ids[0]}`) })).toBeVisible()
  expect(Date.now() - started).toBeLessThan(5_000)
  expect(await page.getByRole('row').count()).toBeLessThan(100)
  expect(listCalls.reduce((a, b) => a + b, 0)).toBeLessThan(2_000)

  // select everything matching, without loading it
  await page.keyboard.press('Control+a')
  await expect(page.getByRole('toolbar', { name: 'List tools' })).toContainText('100,000 selected')
  await page.keyboard.press('Escape')

  // search finds one among them
  await page.keyboard.press('Control+f')
  await page.keyboard.type(ids[54_321] as string)
  await expect(grid).toHaveAttribute('aria-rowcount', '2')
  await expect(page.getByRole('row', { name: new RegExp(`^${ids[54_321]}`) })).toBeVisible()
  expect(env.pageErrors).toEqual([])
})
