// The window's language: it follows the operating system's (main reports Electron's
// app.getPreferredSystemLanguages(); here the harness stands in for it, as `npm run preview:web -- --lang` does),
// Settings override it, <html lang> follows, and the choice survives a restart.
import { test, expect, type Page } from '@playwright/test'
import { startUiEnv, type UiEnv } from './fixtures'

let env: UiEnv | null = null
test.afterEach(async () => {
  await env?.close()
  env = null
})

const htmlLang = (page: Page): Promise<string | null> => page.locator('html').getAttribute('lang')

test('an OS in Simplified Chinese shows Chinese at first start; Settings switch to English and back, and the choice stays', async ({ browser }) => {
  env = await startUiEnv(browser, { presetCredentials: true, language: 'zh-CN' })
  const { page, harness } = env
  await expect(page.getByRole('main', { name: '任务' })).toBeVisible()
  expect(await htmlLang(page)).toBe('zh-CN')

  harness.push('menu:command', { command: 'settings' })
  await expect(page.getByRole('heading', { name: '设置' })).toBeVisible()
  const language = page.getByLabel('语言')
  // the system choice names what it resolves to, each language in itself
  await expect(language.locator('option[value="system"]')).toHaveText('跟随系统（简体中文）')

  await language.selectOption('en')
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible()
  await expect(page.getByLabel('Language')).toHaveValue('en')
  expect(await htmlLang(page)).toBe('en')
  expect(env.services.settings.get().language).toBe('en')

  // the next start: the OS is still Chinese, the choice wins
  await env.restart()
  await expect(page.getByRole('main', { name: 'Tasks' })).toBeVisible()
  expect(await htmlLang(page)).toBe('en')

  env.harness.push('menu:command', { command: 'settings' })
  await page.getByLabel('Language').selectOption('system')
  await expect(page.getByRole('heading', { name: '设置' })).toBeVisible()
  expect(await htmlLang(page)).toBe('zh-CN')
  expect(env.pageErrors).toEqual([])
})

test('an OS in a language the app does not speak shows English', async ({ browser }) => {
  env = await startUiEnv(browser, { presetCredentials: true, language: 'de-DE' })
  const { page } = env
  await expect(page.getByRole('main', { name: 'Tasks' })).toBeVisible()
  expect(await htmlLang(page)).toBe('en')
})
