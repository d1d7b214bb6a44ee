// The gallery's part of bench/ui.ts: the built renderer's gallery at 100,000 images beside a naive grid, on the same
// harness and the same real handler table as the list's part.
// The app opens straight in the gallery (its saved choice). The peer is a plain page that asks the same bridge for
// the tasks with images (gallery:tasks, 1,000 tasks a request) until it has `--gallery-peer-images` images and puts
// every one of them in the DOM as a tile with a lazily loading <img> (the browser's own lazy loading, no window,
// no cancelling): the grid done the way the list was before it was windowed. Capped like the list's peer (10,000 by
// default) because every image in the DOM at 100,000 takes minutes per load.
// Thumbnails: the seeded links point at the vendor's object store, which a benchmark must never contact, so every
// /__media/thumb/ request of both pages is answered by the bench itself (page.route) with the same small JPEG after
// THUMB_DELAY_MS (a cache hit's order of time); the figures count those requests: how many were asked for, the most
// in flight at once, and how many the page gave up (cancelled) while scrolling.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import type { Browser, Page, Request } from 'playwright-core'
import { createMemoryStore } from '../src/main/credentials'
import { createServices, type Services } from '../src/main/services'
import { startHarness, type Harness } from '../test/harness/server'
import { seedHistory } from './seed'
import { GOALS, loadOnce, ms, paintOf, scrollRun, sideBySide, table, verdict, type FirstPaint, type Target } from './uiRun'
import type { ScrollResult } from './uiPage'

export interface GalleryBenchOptions {
  images: number
  peerImages: number
  loads: number
  bottomFrames: number
}

const THUMB_DELAY_MS = 15
const GRID = '[role="grid"][aria-label="Gallery"]'
const APP = { scroller: GRID, rows: `${GRID} > .gallery-rows`, cells: '.gtile', tile: `${GRID} .gtile:not(.gtile-placeholder)`, placeholder: '.gtile-placeholder' }
const PEER = { scroller: '#wrap', rows: '#g', tile: '#g > .cell' }

/** Thumbnail requests of one page: asked, answered, given up, and the most in flight at once. */
class ThumbTraffic {
  asked = 0
  done = 0
  cancelled = 0
  inFlight = 0
  maxInFlight = 0
  reset(): void {
    Object.assign(this, { asked: 0, done: 0, cancelled: 0, inFlight: 0, maxInFlight: 0 })
  }
  follow(page: Page): void {
    const isThumb = (r: Request): boolean => r.url().includes('/__media/thumb/')
    page.on('request', (r) => {
      if (!isThumb(r)) return
      this.asked++
      this.inFlight++
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight)
    })
    page.on('requestfinished', (r) => {
      if (!isThumb(r)) return
      this.done++
      this.inFlight--
    })
    page.on('requestfailed', (r) => {
      if (!isThumb(r)) return
      this.cancelled++
      this.inFlight--
    })
  }
}

export function naiveGalleryHtml(images: number): string {
  return `<!doctype html>
<html>
<head>
<meta charset="utf-8">
<title>Naive gallery</title>
<script src="/__harness/api.js"></script>
<style>
  html, body { margin: 0; height: 100%; font: 13px system-ui, sans-serif; }
  #wrap { position: absolute; inset: 0; overflow: auto; }
  #g { display: flex; flex-wrap: wrap; gap: 8px; padding: 12px; }
  .cell { width: 152px; height: 152px; border: 1px solid #e5e7eb; border-radius: 6px; overflow: hidden; background: #f3f4f6; }
  .cell img { width: 100%; height: 100%; object-fit: cover; display: block; }
</style>
</head>
<body>
<div id="wrap"><p id="loading">Loading images…</p></div>
<script>
(async () => {
  const N = ${images};
  const token = new URLSearchParams(location.search).get('token');
  const items = [];
  for (let offset = 0; items.length < N; offset += 1000) {
    const a = await window.api.invoke('gallery:tasks', { sort: 'addedDesc', limit: 1000, offset });
    if (!a.ok) { document.getElementById('loading').textContent = 'failed: ' + a.error.message; return; }
    if (a.value.tasks.length === 0) break;
    for (const t of a.value.tasks) for (const i of t.images) if (items.length < N) items.push([t.taskId, i.index]);
  }
  const g = document.createElement('div');
  g.id = 'g';
  for (const [id, index] of items) {
    const cell = document.createElement('div');
    cell.className = 'cell';
    const img = document.createElement('img');
    img.loading = 'lazy';
    img.alt = '';
    img.src = '/__media/thumb/' + encodeURIComponent(id) + '/' + index + '?token=' + token;
    cell.appendChild(img);
    g.appendChild(cell);
  }
  document.getElementById('wrap').replaceChildren(g);
})();
</script>
</body>
</html>`
}

export async function galleryBench(browser: Browser, o: GalleryBenchOptions, log: (line: string) => void, errors: string[]): Promise<boolean> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aidge-gallery-bench-'))
  let services: Services | null = null
  let harness: Harness | null = null
  try {
    const credentials = createMemoryStore()
    await credentials.set({ accessKeyName: 'bench-access-key', secret: 'bench-secret' })
    services = await createServices({ dataDir: path.join(root, 'data'), credentials, env: {}, connection: { endpoint: 'http://127.0.0.1:9' } })
    const t = performance.now()
    // at most one task per image is needed to reach the count; the seed stops at exactly `images`
    const seeded = seedHistory(services.history, o.images, o.images)
    log(`gallery: seeded ${seeded.tasks.toLocaleString('en')} tasks with ${seeded.images.toLocaleString('en')} images in ${((performance.now() - t) / 1000).toFixed(1)} s`)
    services.scheduler.start()
    harness = await startHarness({ services, media: services.mediaFile })
    const h = harness
    const thumb = await sharp({ create: { width: 192, height: 256, channels: 3, background: { r: 214, g: 200, b: 188 } } })
      .jpeg({ quality: 70 })
      .toBuffer()
    const answerThumbs = async (page: Page): Promise<void> => {
      await page.route(`${h.origin}/__media/thumb/**`, async (route) => {
        await new Promise((r) => setTimeout(r, THUMB_DELAY_MS))
        // a request the page gave up meanwhile cannot be answered: nothing to do
        await route.fulfill({ status: 200, contentType: 'image/jpeg', body: thumb }).catch(() => undefined)
      })
    }
    const appTraffic = new ThumbTraffic()
    const peerTraffic = new ThumbTraffic()
    const app: Target = {
      name: 'gallery',
      url: h.url,
      rowSelector: APP.tile,
      async prepare(page) {
        await page.addInitScript({ content: `localStorage.setItem('aidge.browse', 'gallery')` })
        await answerThumbs(page)
        appTraffic.follow(page)
      }
    }
    const peer: Target = {
      name: 'naive gallery',
      url: `${h.origin}/__bench/gallery.html?token=${h.token}`,
      rowSelector: PEER.tile,
      async prepare(page) {
        await page.route(`${h.origin}/__bench/gallery.html*`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: naiveGalleryHtml(o.peerImages) }))
        await answerThumbs(page)
        peerTraffic.follow(page)
      }
    }
    const peerTimeout = Math.max(60_000, o.peerImages * 3)

    const cold = await loadOnce(browser, app, errors, 60_000)
    log(`gallery first load after seeding (warm-up, not counted): first tile at ${ms(paintOf(cold))}`)
    await loadOnce(browser, peer, errors, peerTimeout)
    const appLoads: FirstPaint[] = []
    const peerLoads: FirstPaint[] = []
    for (let i = 0; i < o.loads; i++) {
      appLoads.push(await loadOnce(browser, app, errors, 60_000))
      peerLoads.push(await loadOnce(browser, peer, errors, peerTimeout))
      log(`gallery load ${i + 1}/${o.loads}: app ${ms(paintOf(appLoads[i] as FirstPaint))}, naive ${ms(paintOf(peerLoads[i] as FirstPaint))}`)
    }

    const wheel = { wheelStep: 120, wheelFrames: 300, wheelMaxMs: 10_000 }
    appTraffic.reset()
    const appScroll: ScrollResult = await scrollRun(
      browser,
      app,
      { scroller: APP.scroller, rows: APP.rows, cells: APP.cells, placeholder: APP.placeholder, lastRow: `#gallery-cell-${seeded.images - 1}`, ...wheel, bottomStep: 0, bottomFrames: o.bottomFrames, settleTimeoutMs: 10_000, bottomMaxMs: 120_000 },
      errors
    )
    const appRun = { ...appTraffic }
    log(`gallery ${appScroll.bottom.lastRowAfterMs === null ? 'gave up before the bottom after' : 'scrolled to the bottom in'} ${ms(appScroll.bottom.totalMs)} (${appScroll.bottom.frames.length} frames, ${appScroll.bottom.step} px/frame)`)
    peerTraffic.reset()
    const peerScroll: ScrollResult = await scrollRun(
      browser,
      peer,
      { scroller: PEER.scroller, rows: PEER.rows, cells: null, placeholder: null, lastRow: `${PEER.tile}:last-child`, ...wheel, bottomStep: appScroll.bottom.step, settleTimeoutMs: 10_000, bottomMaxMs: 120_000 },
      errors
    )
    const peerRun = { ...peerTraffic }
    log(`naive gallery ${peerScroll.bottom.lastRowAfterMs === null ? 'gave up before the bottom after' : 'scrolled to the bottom in'} ${ms(peerScroll.bottom.totalMs)} (${peerScroll.bottom.frames.length} frames)`)

    const { appPaint, peerPaint, appBottom: ab, peerBottom: pb, appWheel: aw, peerWheel: pw } = sideBySide({ loads: appLoads, scroll: appScroll }, { loads: peerLoads, scroll: peerScroll })
    const appCol = `gallery (${seeded.images.toLocaleString('en')} images)`
    const peerCol = `naive grid (${o.peerImages.toLocaleString('en')})`
    console.log('')
    console.log(`Gallery: ${seeded.images.toLocaleString('en')} images in ${seeded.tasks.toLocaleString('en')} tasks; windowed with @tanstack/react-virtual; thumbnails answered by the bench after ${THUMB_DELAY_MS} ms`)
    console.log(`naive grid = every image of the newest ${o.peerImages.toLocaleString('en')} in the DOM, <img loading="lazy">, same bridge`)
    table(
      ['figure', 'goal', appCol, peerCol, 'gallery vs goal'],
      [
        [`first tile painted after navigation start (median of ${o.loads})`, `< ${GOALS.firstPaintMs} ms`, ms(appPaint), ms(peerPaint), verdict(appPaint < GOALS.firstPaintMs)],
        [`scroll to the bottom, ${appScroll.bottom.step} px/frame: p95 frame`, `< ${GOALS.p95FrameMs} ms`, ms(ab.p95), ms(pb.p95), verdict(ab.p95 < GOALS.p95FrameMs)]
      ]
    )
    console.log('')
    table(
      ['details', appCol, peerCol],
      [
        ['first paint: range of the loads', `${ms(Math.min(...appLoads.map(paintOf)))} – ${ms(Math.max(...appLoads.map(paintOf)))}`, `${ms(Math.min(...peerLoads.map(paintOf)))} – ${ms(Math.max(...peerLoads.map(paintOf)))}`],
        ['DOM elements after load', String(appLoads[0]?.elements ?? '—'), String(peerLoads[0]?.elements ?? '—')],
        [`wheel speed, ${wheel.wheelStep} px/frame: p50 / p95 / max`, `${ms(aw.p50)} / ${ms(aw.p95)} / ${ms(aw.max)}`, `${ms(pw.p50)} / ${ms(pw.p95)} / ${ms(pw.max)}`],
        ['to the bottom: p50 / p95 / max', `${ms(ab.p50)} / ${ms(ab.p95)} / ${ms(ab.max)}`, `${ms(pb.p50)} / ${ms(pb.p95)} / ${ms(pb.max)}`],
        ['to the bottom: frames, total time', `${appScroll.bottom.frames.length}, ${ms(appScroll.bottom.totalMs)}`, `${peerScroll.bottom.frames.length}, ${ms(peerScroll.bottom.totalMs)}`],
        ['last tile filled in after reaching the bottom', ms(appScroll.bottom.lastRowAfterMs), ms(peerScroll.bottom.lastRowAfterMs)],
        ['most thumbnails in the DOM while scrolling', String(Math.max(appScroll.wheel.maxRows, appScroll.bottom.maxRows)), String(Math.max(peerScroll.wheel.maxRows, peerScroll.bottom.maxRows))],
        ['thumbnail requests in flight, most at once', String(appRun.maxInFlight), String(peerRun.maxInFlight)],
        ['thumbnail requests during the scroll run: asked / answered / cancelled', `${appRun.asked} / ${appRun.done} / ${appRun.cancelled}`, `${peerRun.asked} / ${peerRun.done} / ${peerRun.cancelled}`],
        ['scroll height', `${appScroll.bottom.scrollHeight.toLocaleString('en')} px`, `${peerScroll.bottom.scrollHeight.toLocaleString('en')} px`]
      ]
    )
    return appScroll.bottom.lastRowAfterMs !== null
  } finally {
    await harness?.close().catch(() => undefined)
    await services?.close().catch(() => undefined)
    fs.rmSync(root, { recursive: true, force: true })
  }
}
