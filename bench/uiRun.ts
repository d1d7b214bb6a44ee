// What bench/ui.ts and bench/uiGallery.ts share: fresh pages, first-paint loads, scroll runs, and the printing.
import type { Browser, Page } from 'playwright-core'
import { ELEMENT_COUNT_SCRIPT, firstPaintProbe, scrollScript, type PhaseResult, type ScrollPlan, type ScrollResult } from './uiPage'

/** the UI tests' window size (test/ui/fixtures.ts) */
export const VIEWPORT = { width: 1360, height: 860 }
export const GOALS = { firstPaintMs: 1000, p95FrameMs: 20, bundleGzipKb: 300 }

export interface FirstPaint {
  rowInDom: number
  rowPainted: number
  rowElementTiming: number | null
  fcp: number | null
  elements: number
}

export const median = (v: readonly number[]): number => {
  const s = [...v].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2
}
export const percentile = (v: readonly number[], p: number): number => {
  const s = [...v].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] as number
}

export interface Target {
  name: string
  url: string
  rowSelector: string
  /** extra setup for a fresh page (routes) */
  prepare?(page: Page): Promise<void>
}

export async function freshPage(browser: Browser, target: Target, errors: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT })
  const page = await context.newPage()
  page.on('pageerror', (e) => errors.push(`${target.name}: ${e.message}`))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${target.name} console: ${m.text()}`)
  })
  await target.prepare?.(page)
  await page.addInitScript({ content: firstPaintProbe(target.rowSelector) })
  return page
}

export async function closePage(page: Page): Promise<void> {
  await page.context().close()
}

/**
 * Waits until the probe has set a mark. A function, not a string: the app's Content-Security-Policy forbids eval,
 * which a string predicate would need. (Only a plain arrow function: tsx wraps named inner functions in a helper
 * the page lacks.)
 */
export async function waitForMark(page: Page, mark: keyof FirstPaint, timeout: number): Promise<void> {
  await page.waitForFunction((m) => ((globalThis as unknown as { __bench?: Record<string, number | null> }).__bench?.[m] ?? null) !== null, mark, { timeout, polling: 50 })
}

/** One fresh load (a new browser context: no cache, no session) from navigation start to the first row painted. */
export async function loadOnce(browser: Browser, target: Target, errors: string[], timeoutMs: number): Promise<FirstPaint> {
  const page = await freshPage(browser, target, errors)
  try {
    await page.goto(target.url)
    await waitForMark(page, 'rowPainted', timeoutMs)
    // Element Timing is reported a little after the paint
    await waitForMark(page, 'rowElementTiming', 1000).catch(() => undefined)
    const b = (await page.evaluate('window.__bench')) as Omit<FirstPaint, 'elements'>
    return { ...b, elements: (await page.evaluate(ELEMENT_COUNT_SCRIPT)) as number }
  } finally {
    await closePage(page)
  }
}

/** The first-paint figure: Element Timing's render time of the first row when Chromium gives one, else the rAF mark. */
export const paintOf = (f: FirstPaint): number => f.rowElementTiming ?? f.rowPainted

export async function scrollRun(browser: Browser, target: Target, plan: ScrollPlan, errors: string[]): Promise<ScrollResult> {
  const page = await freshPage(browser, target, errors)
  try {
    await page.goto(target.url)
    await waitForMark(page, 'rowPainted', 60_000)
    await page.waitForTimeout(500)
    return (await page.evaluate(scrollScript(plan))) as ScrollResult
  } finally {
    await closePage(page)
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Output

export const ms = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : v < 10 ? `${v.toFixed(1)} ms` : `${Math.round(v)} ms`)
export const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`
export const verdict = (ok: boolean): string => (ok ? 'PASS' : 'FAIL')

export function table(header: string[], lines: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)))
  const row = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join(' | ')
  console.log(row(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'))
  for (const l of lines) console.log(row(l))
}

export const frameStats = (p: PhaseResult): { p50: number; p95: number; max: number } => ({ p50: percentile(p.frames, 50), p95: percentile(p.frames, 95), max: Math.max(...p.frames) })

/** The median of a figure over runs, leaving out the runs that did not have it; null when none did. */
export function medianOf<T>(xs: readonly T[], f: (x: T) => number | null): number | null {
  const v = xs.map(f).filter((x): x is number => x !== null)
  return v.length ? median(v) : null
}

/** The figures every UI bench reports for the app beside its naive peer: median first paint, frames at the bottom and while wheeling. */
export function sideBySide(app: { loads: FirstPaint[]; scroll: ScrollResult }, peer: { loads: FirstPaint[]; scroll: ScrollResult }) {
  const paint = (xs: FirstPaint[]): number => median(xs.map(paintOf))
  return {
    appPaint: paint(app.loads),
    peerPaint: paint(peer.loads),
    appBottom: frameStats(app.scroll.bottom),
    peerBottom: frameStats(peer.scroll.bottom),
    appWheel: frameStats(app.scroll.wheel),
    peerWheel: frameStats(peer.scroll.wheel)
  }
}

