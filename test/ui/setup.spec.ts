import { test, expect } from '@playwright/test'
import { startUiEnv, type UiEnv } from './fixtures'

let env: UiEnv | null = null
test.afterEach(async () => {
  await env?.close()
  env = null
})

test('first run: a wrong secret is explained in plain words, the right one connects and only the key name stays', async ({ browser }) => {
  env = await startUiEnv(browser)
  const { page, sim } = env
  await expect(page.getByRole('heading', { name: 'Aidge Task Desk' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Test connection' })).toBeDisabled()

  await page.getByLabel('Access key name').fill(sim.accessKeyName)
  await page.getByLabel('Access key secret').fill('not-the-secret')
  await page.getByRole('button', { name: 'Test connection' }).click()
  const problem = page.getByRole('alert').filter({ hasText: 'rejected the key' })
  await expect(problem).toContainText('the access key name or the secret is wrong')
  await expect(page.getByRole('button', { name: 'Continue anyway' })).toBeVisible()

  await page.getByLabel('Access key secret').fill(sim.secret)
  await page.getByRole('button', { name: 'Test connection' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible()
  await expect(problem).toHaveCount(0)
  await page.getByRole('button', { name: 'Continue', exact: true }).click()

  // the main screen, empty
  await expect(page.getByRole('grid', { name: 'Tasks' })).toBeVisible()
  await expect(page.getByText('No tasks yet')).toBeVisible()
  expect((await env.services.credentials.status()).configured).toBe(true)

  // Settings show the key name and "configured", never the secret
  await page.getByRole('button', { name: 'Settings' }).click()
  const connection = page.getByRole('form', { name: 'Connection' })
  await expect(connection).toContainText(sim.accessKeyName)
  await expect(connection).toContainText('configured')
  await expect(page.getByLabel('Access key secret')).toHaveCount(0)
  expect(await page.content()).not.toContain(sim.secret)
  expect(env.pageErrors).toEqual([])
})

test('continuing with a rejected key: the header says tracking is blocked and leads to settings, where the key is fixed', async ({ browser }) => {
  env = await startUiEnv(browser, { sim: { autoTasks: true } })
  const { page, sim } = env
  await page.getByLabel('Access key name').fill(sim.accessKeyName)
  await page.getByLabel('Access key secret').fill('not-the-secret')
  await page.getByRole('button', { name: 'Test connection' }).click()
  await page.getByRole('button', { name: 'Continue anyway' }).click()

  await page.getByLabel('Task ids to add').fill('sim-task-00000001')
  await page.getByRole('button', { name: 'Add task' }).click()
  const tracking = page.getByRole('status', { name: 'Tracking' })
  await expect(tracking).toContainText('Blocked: credentials rejected', { timeout: 15_000 })
  await tracking.getByRole('button', { name: 'Open settings' }).click()

  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible()
  await page.getByRole('button', { name: 'Change key…' }).click()
  await expect(page.getByLabel('Access key name')).toHaveValue(sim.accessKeyName)
  await page.getByLabel('Access key secret').fill(sim.secret)
  await page.getByRole('button', { name: 'Test connection' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible()
  await expect(tracking).not.toContainText('Blocked', { timeout: 15_000 })
  await page.getByRole('button', { name: 'Back to tasks' }).click()
  await expect(page.getByRole('row', { name: /^sim-task-00000001, (Finished|Failed)/ })).toBeVisible({ timeout: 20_000 })
  expect(env.pageErrors).toEqual([])
})
