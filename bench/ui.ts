// UI benchmark: the built renderer in Chromium with 100,000 tasks in history. Time from page load to the list's
// first painted row, frame times while scrolling to the bottom, and the renderer bundle gzipped, side by side with
// a named peer in the same run.
// Run: npm run -s build && npx tsx bench/ui.ts [--tasks 100000] [--peer-rows 10000] [--loads 5] [--bottom-frames 1200]
//        [--gallery-images 100000] [--gallery-peer-images 10000] [--only list|gallery]
// The gallery's part (its own history of --gallery-images images, beside a naive grid) is bench/uiGallery.ts.
//
// The app runs as the UI tests run it (test/ui/fixtures.ts): the real services on a temp data folder, the test
// harness serving out/renderer with window.api backed by the real handler table, and the system's Chromium.
// The peer is the same list done the naive way, without virtualization: a plain page on the same harness that asks
// the same bridge for the newest `--peer-rows` tasks (requests of 1,000, the most tasks:list answers at once) and
// renders every one of them into one <table>. It is capped (10,000 rows by default, a tenth of the app's list)
// because a plain table of all 100,000 rows takes many seconds per load; --peer-rows 100000 runs it anyway.
// Figures. First paint: ms from navigation start to the Element Timing render of the first row's task id (or, where
// Chromium reports none, the animation frame + task after the row enters the DOM); median of --loads fresh loads
// (each in a new browser context) after one warm-up load. Frames: rAF-to-rAF deltas while the page sets scrollTop
// once per frame, first at wheel speed (120 px/frame), then to the bottom at the speed of dragging the scrollbar
// thumb (the whole list in about --bottom-frames frames; the same px/frame for the peer), until the last row is
// filled in. Bundle: every .js and .css in out/renderer/assets, gzip level 9, summed.
// The bundle's peer is React 19 alone (react + react-dom/client + scheduler, production builds): the floor any
// React renderer pays before its own code.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium, type Browser } from 'playwright-core'
import { createMemoryStore } from '../src/main/credentials'
import { createServices, type Services } from '../src/main/services'
import { startHarness, type Harness } from '../test/harness/server'
import { galleryBench } from './uiGallery'
import { naivePeerHtml } from './uiPage'
import { seedHistory } from './seed'
import { closePage, freshPage, GOALS, kb, loadOnce, median, medianOf, ms, paintOf, scrollRun, sideBySide, table, verdict, VIEWPORT, waitForMark, type FirstPaint, type Target } from './uiRun'

const ROOT = path.resolve(__dirname, '..')
const RENDERER = path.join(ROOT, 'out/renderer')
const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
const PEER_NAME = 'naive list (same bridge, no virtualization: every row in one plain <table>)'

/** the app's selectors (test/ui/scale.spec.ts finds the same grid and rows by role) */
const APP = {
  grid: '[role="grid"][aria-label="Tasks"]',
  rows: '[role="grid"][aria-label="Tasks"] > .rows',
  row: '[role="grid"][aria-label="Tasks"] > .rows > .row:not(.row-placeholder)',
  placeholder: '.row-placeholder'
}
const PEER = { scroller: '#wrap', rows: '#tasks > tbody', row: '#tasks > tbody > tr' }

interface Options {
  /** one part only (default both) */
  only: 'list' | 'gallery' | null
  galleryImages: number
  galleryPeerImages: number
  tasks: number
  peerRows: number
  loads: number
  bottomFrames: number
  build: boolean
}

function parseArgs(argv: string[]): Options {
  const o: Options = { only: null, galleryImages: 100_000, galleryPeerImages: 10_000, tasks: 100_000, peerRows: 10_000, loads: 5, bottomFrames: 1200, build: false }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const num = (): number => {
      const v = Number(argv[++i])
      if (!Number.isInteger(v) || v < 1) throw new Error(`${a} wants a positive whole number`)
      return v
    }
    if (a === '--tasks') o.tasks = num()
    else if (a === '--peer-rows') o.peerRows = num()
    else if (a === '--loads') o.loads = num()
    else if (a === '--bottom-frames') o.bottomFrames = num()
    else if (a === '--build') o.build = true
    else if (a === '--gallery-images') o.galleryImages = num()
    else if (a === '--gallery-peer-images') o.galleryPeerImages = num()
    else if (a === '--only') {
      const part = argv[++i]
      if (part !== 'list' && part !== 'gallery') throw new Error('--only wants list or gallery')
      o.only = part
    }
    else throw new Error(`unknown argument ${a}`)
  }
  return o
}

// ---------------------------------------------------------------------------------------------------------------
// Bundle

interface BundleSize {
  files: Array<{ name: string; raw: number; gzip: number }>
  gzip: number
}

const gz = (buf: Buffer): number => gzipSync(buf, { level: 9 }).length

function rendererBundle(): BundleSize {
  const dir = path.join(RENDERER, 'assets')
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.js') || f.endsWith('.css'))
    .sort()
    .map((name) => {
      const buf = fs.readFileSync(path.join(dir, name))
      return { name, raw: buf.length, gzip: gz(buf) }
    })
  if (files.length === 0) throw new Error(`no .js or .css in ${dir}: run npm run -s build`)
  return { files, gzip: files.reduce((a, f) => a + f.gzip, 0) }
}

/** React 19's own production code, concatenated as a bundler would put it in one chunk. */
function reactFloor(): number {
  const files = ['react/cjs/react.production.js', 'react-dom/cjs/react-dom.production.js', 'react-dom/cjs/react-dom-client.production.js', 'scheduler/cjs/scheduler.production.js']
  return gz(Buffer.concat(files.map((f) => fs.readFileSync(path.join(ROOT, 'node_modules', f)))))
}

/** The newest mtime under a folder (for the "is out/renderer older than its sources?" check). */
function newest(dir: string): number {
  let t = 0
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs)
  }
  return t
}

function ensureBuilt(force: boolean): string {
  const index = path.join(RENDERER, 'index.html')
  const sources = Math.max(newest(path.join(ROOT, 'src/renderer')), newest(path.join(ROOT, 'src/shared')))
  const stale = !fs.existsSync(index) || fs.statSync(index).mtimeMs < sources
  if (!force && !stale) return 'out/renderer is up to date'
  execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] })
  return force ? 'built (--build)' : 'out/renderer was older than src: built'
}

// ---------------------------------------------------------------------------------------------------------------

/** The list's part: 100,000 tasks, the app's windowed list beside the naive table. False when a check failed. */
async function listBench(browser: Browser, o: Options, bundle: BundleSize, floor: number, log: (line: string) => void, errors: string[]): Promise<boolean> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aidge-ui-bench-'))
  let services: Services | null = null
  let harness: Harness | null = null
  let ok = true
  try {
    const credentials = createMemoryStore()
    await credentials.set({ accessKeyName: 'bench-access-key', secret: 'bench-secret' })
    // Nothing is polled (every task is terminal); an endpoint nobody listens on makes sure nothing leaves the host.
    services = await createServices({ dataDir: path.join(root, 'data'), credentials, env: {}, connection: { endpoint: 'http://127.0.0.1:9' } })
    const t = performance.now()
    const { oldest, newest: newestId } = seedHistory(services.history, o.tasks)
    const seedMs = performance.now() - t
    log(`seeded ${o.tasks.toLocaleString('en')} tasks through the history store in ${(seedMs / 1000).toFixed(1)} s`)
    services.scheduler.start()
    harness = await startHarness({ services, media: services.mediaFile })
    const h = harness

    const peerUrl = `${h.origin}/__bench/naive.html?token=${h.token}`
    const app: Target = { name: 'app', url: h.url, rowSelector: APP.row }
    const peer: Target = {
      name: 'peer',
      url: peerUrl,
      rowSelector: PEER.row,
      async prepare(page) {
        await page.route(`${h.origin}/__bench/naive.html*`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: naivePeerHtml(o.peerRows) }))
      }
    }
    const peerTimeout = Math.max(60_000, o.peerRows * 2)

    // 1. first paint: one warm-up load each (the first after seeding reads a cold database), then `loads` fresh loads
    //    each, alternating app and peer so that background load on the machine hits both alike
    const cold = await loadOnce(browser, app, errors, 60_000)
    log(`app first load after seeding (warm-up, not counted): row painted at ${ms(paintOf(cold))}`)
    const peerWarm = await loadOnce(browser, peer, errors, peerTimeout)
    log(`peer warm-up load: row painted at ${ms(paintOf(peerWarm))}`)
    const appLoads: FirstPaint[] = []
    const peerLoads: FirstPaint[] = []
    for (let i = 0; i < o.loads; i++) {
      appLoads.push(await loadOnce(browser, app, errors, 60_000))
      peerLoads.push(await loadOnce(browser, peer, errors, peerTimeout))
      const a = appLoads[i] as FirstPaint
      const p = peerLoads[i] as FirstPaint
      log(`load ${i + 1}/${o.loads}: app ${ms(paintOf(a))} (rAF mark ${ms(a.rowPainted)}), peer ${ms(paintOf(p))} (rAF mark ${ms(p.rowPainted)})`)
    }

    // 2. scrolling: the same px per frame for both; the peer's list is shorter, so it reaches its bottom sooner
    const rowHeight = 40
    const wheel = { wheelStep: 120, wheelFrames: 300, wheelMaxMs: 10_000 }
    const bottomStep = Math.ceil((o.tasks * rowHeight) / o.bottomFrames)
    const listCalls = { n: 0, rows: 0 }
    const onRequest = (r: { url(): string; postData(): string | null }): void => {
      if (!r.url().includes('/__harness/invoke/tasks%3Alist')) return
      listCalls.n++
      listCalls.rows += (JSON.parse(r.postData() ?? '[]') as Array<{ limit?: number }>)[0]?.limit ?? 0
    }
    const appScrollTarget: Target = {
      ...app,
      async prepare(page) {
        page.on('request', onRequest)
      }
    }
    const appScroll = await scrollRun(
      browser,
      appScrollTarget,
      {
        scroller: APP.grid,
        rows: APP.rows,
        placeholder: APP.placeholder,
        lastRow: `${APP.rows} > .row[aria-rowindex="${o.tasks + 1}"]:not(.row-placeholder)`,
        ...wheel,
        bottomStep,
        settleTimeoutMs: 10_000,
        bottomMaxMs: 120_000
      },
      errors
    )
    log(`app ${appScroll.bottom.lastRowAfterMs === null ? 'gave up before the bottom after' : 'scrolled to the bottom in'} ${ms(appScroll.bottom.totalMs)} (${appScroll.bottom.frames.length} frames, ${listCalls.n} tasks:list calls for ${listCalls.rows.toLocaleString('en')} rows)`)
    const peerScroll = await scrollRun(
      browser,
      peer,
      { scroller: PEER.scroller, rows: PEER.rows, placeholder: null, lastRow: `${PEER.row}:last-child`, ...wheel, bottomStep, settleTimeoutMs: 10_000, bottomMaxMs: 120_000 },
      errors
    )
    log(`peer ${peerScroll.bottom.lastRowAfterMs === null ? 'gave up before the bottom after' : 'scrolled to the bottom in'} ${ms(peerScroll.bottom.totalMs)} (${peerScroll.bottom.frames.length} frames)`)

    // the last row at the bottom is the oldest task, with its data
    const check = await freshPage(browser, app, errors)
    let oldestShown = false
    try {
      await check.goto(h.url)
      await waitForMark(check, 'rowPainted', 60_000)
      await check.evaluate(`(() => { const el = document.querySelector(${JSON.stringify(APP.grid)}); el.scrollTop = el.scrollHeight; })()`)
      await check.waitForSelector(`${APP.rows} > .row[aria-rowindex="${o.tasks + 1}"]:not(.row-placeholder)`, { timeout: 10_000 })
      const label = await check.getAttribute(`${APP.rows} > .row[aria-rowindex="${o.tasks + 1}"]`, 'aria-label')
      oldestShown = label?.startsWith(oldest) ?? false
    } finally {
      await closePage(check)
    }

    // ---- the report
    const viaElementTiming = [...appLoads, ...peerLoads].every((x) => x.rowElementTiming !== null)
    const { appPaint, peerPaint, appBottom, peerBottom, appWheel, peerWheel } = sideBySide({ loads: appLoads, scroll: appScroll }, { loads: peerLoads, scroll: peerScroll })

    console.log('')
    console.log(`UI benchmark: ${o.tasks.toLocaleString('en')} tasks in history; Chromium ${browser.version()} headless, --disable-gpu, ${os.cpus().length} CPUs`)
    console.log(`app  = the built renderer (virtualized list) on the test harness with the real handler table`)
    console.log(`peer = ${PEER_NAME}, the newest ${o.peerRows.toLocaleString('en')} of the ${o.tasks.toLocaleString('en')} tasks`)
    console.log(`bundle peer = React 19 alone (react + react-dom + react-dom/client + scheduler, production, gzip -9)`)
    console.log('')
    const appRows = `app (${o.tasks.toLocaleString('en')})`
    const peerRows = `peer (${o.peerRows.toLocaleString('en')} rows)`
    table(
      ['figure', 'goal', appRows, peerRows, 'app vs goal'],
      [
        [`first row painted after navigation start (${viaElementTiming ? 'Element Timing' : 'Element Timing or rAF mark'}, median of ${o.loads})`, `< ${GOALS.firstPaintMs} ms`, ms(appPaint), ms(peerPaint), verdict(appPaint < GOALS.firstPaintMs)],
        [`scroll to the bottom, ${bottomStep} px/frame: p95 frame`, `< ${GOALS.p95FrameMs} ms`, ms(appBottom.p95), ms(peerBottom.p95), verdict(appBottom.p95 < GOALS.p95FrameMs)],
        [`renderer bundle (js + css), gzip -9`, `< ${GOALS.bundleGzipKb} kB`, kb(bundle.gzip), `${kb(floor)} (React alone)`, verdict(bundle.gzip / 1000 < GOALS.bundleGzipKb)]
      ]
    )
    console.log('')
    table(
      ['details', appRows, peerRows],
      [
        ['first paint: range of the loads', `${ms(Math.min(...appLoads.map(paintOf)))} – ${ms(Math.max(...appLoads.map(paintOf)))}`, `${ms(Math.min(...peerLoads.map(paintOf)))} – ${ms(Math.max(...peerLoads.map(paintOf)))}`],
        ['first paint: first row in the DOM (median)', ms(medianOf(appLoads, (x) => x.rowInDom)), ms(medianOf(peerLoads, (x) => x.rowInDom))],
        ['first paint: rAF+task mark after it (median)', ms(medianOf(appLoads, (x) => x.rowPainted)), ms(medianOf(peerLoads, (x) => x.rowPainted))],
        ['first paint: Element Timing (median)', ms(medianOf(appLoads, (x) => x.rowElementTiming)), ms(medianOf(peerLoads, (x) => x.rowElementTiming))],
        ['first contentful paint (median)', ms(medianOf(appLoads, (x) => x.fcp)), ms(medianOf(peerLoads, (x) => x.fcp))],
        ['first load after seeding (warm-up)', ms(paintOf(cold)), ms(paintOf(peerWarm))],
        ['DOM elements after load', String(appLoads[0]?.elements ?? '—'), String(peerLoads[0]?.elements ?? '—')],
        ['idle frame (p50, no scrolling)', ms(median(appScroll.idle)), ms(median(peerScroll.idle))],
        [`wheel speed, ${wheel.wheelStep} px/frame (<= ${wheel.wheelFrames} frames, 10 s): p50 / p95 / max`, `${ms(appWheel.p50)} / ${ms(appWheel.p95)} / ${ms(appWheel.max)}`, `${ms(peerWheel.p50)} / ${ms(peerWheel.p95)} / ${ms(peerWheel.max)}`],
        ['wheel speed: frames (with placeholder rows)', `${appScroll.wheel.frames.length} (${appScroll.wheel.placeholderFrames})`, `${peerScroll.wheel.frames.length} (n/a)`],
        [`to the bottom, ${bottomStep} px/frame: p50 / p95 / max`, `${ms(appBottom.p50)} / ${ms(appBottom.p95)} / ${ms(appBottom.max)}`, `${ms(peerBottom.p50)} / ${ms(peerBottom.p95)} / ${ms(peerBottom.max)}`],
        ['to the bottom: frames, total time', `${appScroll.bottom.frames.length}, ${ms(appScroll.bottom.totalMs)}`, `${peerScroll.bottom.frames.length}, ${ms(peerScroll.bottom.totalMs)}`],
        ['to the bottom: frames with placeholder rows', `${appScroll.bottom.placeholderFrames} of ${appScroll.bottom.frames.length}`, 'n/a'],
        ['last row filled in after reaching the bottom', ms(appScroll.bottom.lastRowAfterMs), ms(peerScroll.bottom.lastRowAfterMs)],
        ['most rows in the DOM while scrolling', String(Math.max(appScroll.wheel.maxRows, appScroll.bottom.maxRows)), String(Math.max(peerScroll.wheel.maxRows, peerScroll.bottom.maxRows))],
        ['scroll height', `${appScroll.bottom.scrollHeight.toLocaleString('en')} px`, `${peerScroll.bottom.scrollHeight.toLocaleString('en')} px`],
        ['tasks:list calls while scrolling (rows asked)', `${listCalls.n} (${listCalls.rows.toLocaleString('en')})`, `0 (all ${o.peerRows.toLocaleString('en')} at load)`],
        ['seeding the history (store API, not timed above)', `${(seedMs / 1000).toFixed(1)} s`, '']
      ]
    )
    console.log('frame times are rAF-to-rAF deltas in the page, quantized to the display rate (idle p50 above): 17 ms = no frame dropped')
    console.log('')
    console.log(`the bottom row is the oldest task (${oldest}): ${oldestShown ? 'yes' : 'NO'}; newest task: ${newestId}`)
    if (!oldestShown) ok = false
    if (appScroll.bottom.lastRowAfterMs === null) {
      console.log('the app never showed the last row at the bottom')
      ok = false
    }
    return ok
  } finally {
    await harness?.close().catch(() => undefined)
    await services?.close().catch(() => undefined)
    fs.rmSync(root, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2))
  const started = performance.now()
  const log = (line: string): void => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}`)

  log(ensureBuilt(o.build))
  const bundle = rendererBundle()
  const floor = reactFloor()
  log(`renderer bundle: ${bundle.files.map((f) => `${f.name} ${kb(f.raw)} -> ${kb(f.gzip)} gz`).join(', ')}`)

  let browser: Browser | null = null
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
    log(`Chromium ${browser.version()}, viewport ${VIEWPORT.width}x${VIEWPORT.height}`)
    const errors: string[] = []
    let ok = true
    if (o.only !== 'gallery') ok = (await listBench(browser, o, bundle, floor, log, errors)) && ok
    if (o.only !== 'list') {
      const galleryOk = await galleryBench(browser, { images: o.galleryImages, peerImages: o.galleryPeerImages, loads: o.loads, bottomFrames: o.bottomFrames }, log, errors)
      if (!galleryOk) console.log('the gallery never showed its last image at the bottom')
      ok = galleryOk && ok
    }
    if (!ok) process.exitCode = 1
    if (errors.length) {
      console.log(`page errors (${errors.length}):`)
      for (const e of [...new Set(errors)].slice(0, 10)) console.log(`  ${e}`)
    }
    console.log(`total ${((performance.now() - started) / 1000).toFixed(1)} s`)
  } finally {
    await browser?.close().catch(() => undefined)
  }
}

main().catch((e: unknown) => {
  console.error(e)
  process.exitCode = 1
})
