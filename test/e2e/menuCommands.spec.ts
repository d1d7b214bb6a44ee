// The application menu lives in main (src/main/menu.ts); its commands reach the page as one push event,
// 'menu:command'. Here the harness sends that event as main does, and the real renderer acts on it.
import { test, expect } from '@playwright/test'
import { randomUUID } from 'node:crypto'
import { useBridgeEnv } from './fixtures'

const env = useBridgeEnv({ presetCredentials: true })

test.beforeAll(async () => {
  await env().page.getByRole('heading', { name: 'Aidge Task Desk' }).waitFor()
  await env().recordEvents()
})

test('Settings opens the settings view, Add Tasks goes back and focuses the add box', async () => {
  const e = env()
  e.harness.push('menu:command', { command: 'settings' })
  await expect(e.page.getByRole('heading', { name: 'Settings', exact: true })).toBeVisible()
  e.harness.push('menu:command', { command: 'addTasks' })
  await expect(e.page.getByRole('textbox', { name: 'Task ids to add' })).toBeFocused()
})

test('Import adds the ids in the file main read, as a file import does', async () => {
  const e = env()
  const a = randomUUID()
  const b = randomUUID()
  e.harness.push('menu:command', { command: 'settings' })
  e.harness.push('menu:command', { command: 'import', fileName: 'ids.csv', text: `task_id\n${a}\n${b}\n${a}\n` })
  await expect(e.page.getByRole('textbox', { name: 'Task ids to add' })).toBeVisible()
  await expect.poll(async () => (await e.value('tasks:list', { limit: 100 })).rows.map((t) => t.taskId).sort()).toEqual([a, b].sort())
  await expect(e.page.getByText(/ids\.csv/).first()).toBeVisible()
})

test('Export opens the export dialog', async () => {
  const e = env()
  e.harness.push('menu:command', { command: 'export' })
  await expect(e.page.getByRole('dialog', { name: 'Export the list' })).toBeVisible()
  await e.page.keyboard.press('Escape')
  await expect(e.page.getByRole('dialog')).toHaveCount(0)
  expect(e.pageErrors).toEqual([])
})
