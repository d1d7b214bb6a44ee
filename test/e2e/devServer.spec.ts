// `npm run dev` shows the renderer from Vite's dev server under the page's CSP meta tag. The dev server adds an
// inline React Refresh preamble and injects CSS as <style> elements; the policy written by cspMetaTag() must admit
// exactly those, or the app does not render. Here: the renderer's own Vite config on 127.0.0.1, opened in Chromium.
import { test, expect } from '@playwright/test'
import { createServer, type InlineConfig, type ViteDevServer } from 'vite'
import config from '../../electron.vite.config'

let server: ViteDevServer

test.beforeAll(async () => {
  const renderer = (config as { renderer: InlineConfig }).renderer
  server = await createServer({ ...renderer, configFile: false, logLevel: 'error', server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: { host: '127.0.0.1' } } })
  await server.listen()
})
test.afterAll(async () => {
  await server?.close()
})

test('the dev server page renders under its CSP with no violation and no error', async ({ page }) => {
  const problems: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(m.text())
  })
  page.on('pageerror', (e) => problems.push(e.message))
  const url = server.resolvedUrls?.local[0]
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
  await page.goto(url as string)
  // no window.api outside Electron: the app says so instead of failing, which proves React rendered
  await expect(page.getByText('This window is not connected to the app')).toBeVisible({ timeout: 30_000 })
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')
  expect(csp).toMatch(/script-src 'self'/)
  expect(csp).toContain("style-src 'self' 'unsafe-inline'")
  // the app's CSS arrived as <style> elements and applies (the policy admits them in development only)
  const rules = await page.evaluate(() => {
    const d = (globalThis as unknown as { document: { styleSheets: Iterable<{ cssRules: { length: number } }> } }).document
    return [...d.styleSheets].reduce((n, s) => n + s.cssRules.length, 0)
  })
  expect(rules).toBeGreaterThan(50)
  expect(problems).toEqual([])
})
