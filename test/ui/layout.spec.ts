// Layout holds in every language at the window's smallest size (MIN_WINDOW_SIZE, what BrowserWindow's
// minWidth/minHeight allow): no button, label or menu text is cut off, and no screen scrolls sideways. Checked on
// each main screen, in English and in Simplified Chinese. (The viewport stands for the window's content area; the
// frame takes a little of the real minimum window, so this is the slightly roomier case of the two.)
import { test, expect, type Page } from '@playwright/test'
import { MIN_WINDOW_SIZE } from '../../src/main/windowSize'
import { startUiEnv, uuids, type UiEnv } from './fixtures'

let env: UiEnv | null = null
test.afterEach(async () => {
  await env?.close()
  env = null
})

/** The browser globals used inside page.evaluate (this file compiles without the DOM library). */
interface Rect {
  left: number
  right: number
  top: number
  bottom: number
  width: number
}
interface Box {
  tagName: string
  parentElement: Box | null
  getBoundingClientRect(): Rect
  textContent: string | null
  scrollWidth: number
  clientWidth: number
  scrollHeight: number
  clientHeight: number
  getClientRects(): { length: number }
  closest(selector: string): unknown
  contains(other: unknown): boolean
  querySelectorAll(s: string): Iterable<Box>
}
interface PageGlobals {
  document: {
    querySelector(s: string): Box | null
    querySelectorAll(s: string): Iterable<Box>
    elementFromPoint(x: number, y: number): unknown
    documentElement: { scrollWidth: number; clientWidth: number; clientHeight: number }
  }
  getComputedStyle(e: Box): { textOverflow: string; visibility: string; display: string; overflowX: string; overflowY: string }
}

/** What does not fit: controls whose text is wider (or taller) than their box, controls cut by a clipping
 * container (a toolbar too narrow for its buttons), and a page wider than the window. Text cut on purpose with an
 * ellipsis (ids, paths) is allowed. */
async function overflows(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals
    const problems: string[] = []
    const doc = g.document.documentElement
    if (doc.scrollWidth > doc.clientWidth + 1) problems.push(`the page scrolls sideways (${doc.scrollWidth} > ${doc.clientWidth})`)
    // with a dialog open only its controls count (the rest is behind its backdrop)
    const scope = g.document.querySelector('dialog[open], [role="dialog"]') ?? g.document
    for (const el of scope.querySelectorAll('button, .btn, select, label, legend, summary, th, [role="columnheader"], [role="tab"], .badge, .filter-label')) {
      if (el.getClientRects().length === 0) continue
      const style = g.getComputedStyle(el)
      if (style.visibility === 'hidden' || style.textOverflow === 'ellipsis') continue
      const text = (el.textContent ?? '').trim().slice(0, 40)
      if (el.scrollWidth > el.clientWidth + 1) problems.push(`${el.tagName.toLowerCase()} "${text}" is cut off (${el.scrollWidth} > ${el.clientWidth})`)
      else if (el.tagName === 'BUTTON' && el.scrollHeight > el.clientHeight + 1) problems.push(`button "${text}" wraps out of its box (${el.scrollHeight} > ${el.clientHeight})`)
      else {
        const r = el.getBoundingClientRect()
        for (let a = el.parentElement; a; a = a.parentElement) {
          const ox = g.getComputedStyle(a).overflowX
          if (ox === 'visible') continue
          const ar = a.getBoundingClientRect()
          // a container that scrolls sideways on purpose (the task table) may hold controls out of view
          if ((ox === 'auto' || ox === 'scroll') && a.scrollWidth > a.clientWidth) break
          if (r.left < ar.left - 1 || r.right > ar.right + 1) {
            problems.push(`${el.tagName.toLowerCase()} "${text}" is cut by its container (${Math.round(r.left)}-${Math.round(r.right)} outside ${Math.round(ar.left)}-${Math.round(ar.right)})`)
            break
          }
        }
        // covered by something drawn over it (a side panel over a toolbar): the point at each end of its middle
        // line, when that line is in view, must hit the control itself
        const y = (r.top + r.bottom) / 2
        const x = (r.left + r.right) / 2
        let inView = y > 0 && y < doc.clientHeight
        // scrolled out of view (below the fold, or sideways in the task table) is not covered
        for (let a = el.parentElement; a && inView; a = a.parentElement) {
          const st = g.getComputedStyle(a)
          const ar = a.getBoundingClientRect()
          if (st.overflowY !== 'visible') inView = y > ar.top && y < ar.bottom
          if (inView && st.overflowX !== 'visible') inView = x > ar.left && x < ar.right
        }
        if (inView && el.tagName !== 'LABEL') {
          for (const px of [r.left + 2, r.right - 2]) {
            const hit = g.document.elementFromPoint(px, y)
            if (hit !== null && hit !== el && !el.contains(hit)) {
              problems.push(`${el.tagName.toLowerCase()} "${text}" is covered at x=${Math.round(px)} by ${String((hit as { className?: unknown }).className)}`)
              break
            }
          }
        }
      }
    }
    return problems
  })
}

for (const language of ['en', 'zh-CN'] as const) {
  test(`at the smallest window, in ${language}: no clipped button and no sideways scrolling on any main screen`, async ({ browser }) => {
    env = await startUiEnv(browser, { presetCredentials: true, language, viewport: { ...MIN_WINDOW_SIZE }, sim: { autoTasks: true } })
    const { page, harness, services } = env
    const ids = uuids(6)
    env.sim.addTasks(ids.map((id) => ({ id, images: 2, message: 'generated' })))
    services.addTasks(ids)
    const found: Record<string, string[]> = {}
    const check = async (screen: string): Promise<void> => {
      if (process.env['LAYOUT_SHOTS']) await page.screenshot({ path: `test-results/layout-${language}-${screen.replace(/ /g, '-')}.png` })
      // fonts and late layout settle before measuring
      await page.evaluate(() => (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts.ready)
      const p = await overflows(page)
      if (p.length) found[screen] = p
    }

    await expect(page.getByRole('grid').getByRole('row')).toHaveCount(ids.length + 1, { timeout: 15_000 })
    await check('task list')

    // with nothing selected, the toolbar's button downloads the finished tasks (once some have finished)
    const downloadFinished = page.locator('.toolbar .btn').filter({ has: page.locator('svg') }).first()
    await expect(downloadFinished).toBeEnabled({ timeout: 15_000 })
    await downloadFinished.click()
    await expect(page.getByRole('dialog')).toBeVisible()
    await check('download dialog')
    await page.keyboard.press('Escape')

    harness.push('menu:command', { command: 'export' })
    await expect(page.getByRole('dialog')).toBeVisible()
    await check('export dialog')
    await page.keyboard.press('Escape')

    await page.getByRole('grid').getByRole('row').nth(1).click()
    await expect(page.locator('.detail')).toBeVisible()
    await check('task detail')

    harness.push('menu:command', { command: 'settings' })
    await expect(page.locator('.settings')).toBeVisible()
    await check('settings')

    // the header's first button with an icon: New tasks
    await page.locator('.header-actions .btn').filter({ has: page.locator('svg') }).first().click()
    await expect(page.locator('.new-tasks')).toBeVisible()
    await check('new tasks')

    expect(found).toEqual({})
    expect(env.pageErrors).toEqual([])
  })
}
