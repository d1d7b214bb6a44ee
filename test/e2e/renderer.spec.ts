import { test, expect } from '@playwright/test'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { serveStatic } from './staticServer'

const RENDERER = resolve(__dirname, '../../out/renderer')

test('the built renderer shows the app name under its strict CSP without errors', async ({ page }) => {
  expect(existsSync(`${RENDERER}/index.html`), 'run `npm run build` first (npm test does)').toBe(true)
  const server = await serveStatic(RENDERER)
  const problems: string[] = []
  page.on('pageerror', (e) => problems.push(e.message))
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text())
  })
  try {
    await page.goto(server.url)
    await expect(page.getByRole('heading', { name: 'Aidge Task Desk' })).toBeVisible()
    expect(problems).toEqual([])
  } finally {
    await server.close()
  }
})
