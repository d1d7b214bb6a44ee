// The browser side of bench/ui.ts: scripts that run inside the Chromium page, kept as plain JavaScript strings
// (this project's Node tsconfig has no DOM library, and tsx would wrap compiled functions in a __name helper the
// page does not have). Each one reads or writes only window.__bench.

/**
 * Installed before any page script runs (page.addInitScript). Records, in ms since navigation start
 * (performance.timeOrigin): when the first element matching `rowSelector` enters the DOM, when the frame that
 * shows it has been produced (the next animation frame, then the task after it: the usual "after paint" mark),
 * the Element Timing render time of the row's task id text when Chromium reports one, and First Contentful Paint.
 */
export function firstPaintProbe(rowSelector: string): string {
  return `(() => {
  const SEL = ${JSON.stringify(rowSelector)};
  const b = (window.__bench = { rowInDom: null, rowPainted: null, rowElementTiming: null, fcp: null });
  let mo = null;
  const check = () => {
    if (b.rowInDom !== null) return;
    const row = document.querySelector(SEL);
    if (!row) return;
    b.rowInDom = performance.now();
    if (mo) mo.disconnect();
    const target = row.querySelector('.task-id, td.id') || row;
    target.setAttribute('elementtiming', 'bench-first-row');
    requestAnimationFrame(() => setTimeout(() => { b.rowPainted = performance.now(); }, 0));
  };
  mo = new MutationObserver(check);
  mo.observe(document, { childList: true, subtree: true });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.identifier === 'bench-first-row' && b.rowElementTiming === null) b.rowElementTiming = e.renderTime || e.loadTime || null;
      }
    }).observe({ type: 'element', buffered: true });
  } catch (e) { /* no Element Timing: the rAF mark stands */ }
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') b.fcp = e.startTime;
  }).observe({ type: 'paint', buffered: true });
})();`
}

export interface ScrollPlan {
  /** the scrolling element */
  scroller: string
  /** the element whose children are the rendered rows (DOM size per frame) */
  rows: string
  /** what to count in it instead of its children (the gallery's tiles), or null */
  cells?: string | null
  /** a row still waiting for its data (counted per frame), or null when the target has none */
  placeholder: string | null
  /** the last row, with its data: the run ends when it is in the DOM at the bottom */
  lastRow: string
  /** px per frame of the first phase (wheel-like reading speed) and its frame count */
  wheelStep: number
  wheelFrames: number
  /** ...or fewer, when they take longer than this (a slow peer would otherwise take minutes) */
  wheelMaxMs: number
  /** px per frame of the second phase, to the bottom (like dragging the scrollbar thumb); 0: the whole height
   * in `bottomFrames` frames */
  bottomStep: number
  bottomFrames?: number
  /** give up waiting for the last row this long after reaching the bottom */
  settleTimeoutMs: number
  /** give up scrolling to the bottom after this long (lastRowAfterMs stays null) */
  bottomMaxMs: number
}

export interface PhaseResult {
  /** rAF-to-rAF deltas, ms */
  frames: number[]
  /** ms from the first frame of the phase to its end */
  totalMs: number
  /** frames in which at least one placeholder row was in the DOM */
  placeholderFrames: number
  /** most children of the rows element in any frame */
  maxRows: number
}

export interface ScrollResult {
  idle: number[]
  wheel: PhaseResult
  bottom: PhaseResult & { reachedBottomMs: number; lastRowAfterMs: number | null; scrollHeight: number; step: number }
}

/**
 * An expression for page.evaluate: scrolls the element from the top, setting scrollTop once per animation frame,
 * and records the frame deltas. Phase 0: 60 idle frames (the page's baseline frame rate). Phase 1: `wheelFrames`
 * frames of `wheelStep` px (fewer if they take over `wheelMaxMs`). Phase 2: `bottomStep` px per frame until the bottom, then frames until the last row
 * (with its data) is in the DOM, plus one frame to paint it.
 */
export function scrollScript(plan: ScrollPlan): string {
  return `(async () => {
  const P = ${JSON.stringify(plan)};
  const el = document.querySelector(P.scroller);
  if (!el) throw new Error('no scroller ' + P.scroller);
  const rowsEl = () => el.querySelector(P.rows);
  const frame = () => new Promise((r) => requestAnimationFrame(r));
  el.scrollTop = 0;
  for (let i = 0; i < 5; i++) await frame();

  const idle = [];
  let last = await frame();
  for (let i = 0; i < 60; i++) { const now = await frame(); idle.push(now - last); last = now; }

  const newPhase = () => ({ frames: [], totalMs: 0, placeholderFrames: 0, maxRows: 0 });
  const sample = (ph) => {
    const r = rowsEl();
    if (!r) return;
    const n = P.cells ? r.querySelectorAll(P.cells).length : r.childElementCount;
    if (n > ph.maxRows) ph.maxRows = n;
    if (P.placeholder && r.querySelector(P.placeholder)) ph.placeholderFrames++;
  };

  const wheel = newPhase();
  let start = last = await frame();
  for (let i = 0; i < P.wheelFrames && last - start < P.wheelMaxMs; i++) {
    el.scrollTop = el.scrollTop + P.wheelStep;
    const now = await frame();
    wheel.frames.push(now - last); last = now;
    sample(wheel);
  }
  wheel.totalMs = last - start;

  const step = P.bottomStep > 0 ? P.bottomStep : Math.ceil(el.scrollHeight / P.bottomFrames);
  const bottom = Object.assign(newPhase(), { reachedBottomMs: 0, lastRowAfterMs: null, scrollHeight: el.scrollHeight, step });
  start = last;
  let reachedAt = null;
  for (;;) {
    const max = el.scrollHeight - el.clientHeight;
    if (el.scrollTop < max - 1) el.scrollTop = Math.min(max, el.scrollTop + step);
    const now = await frame();
    bottom.frames.push(now - last); last = now;
    sample(bottom);
    if (reachedAt === null && el.scrollTop >= el.scrollHeight - el.clientHeight - 1) reachedAt = now;
    if (reachedAt === null && now - start > P.bottomMaxMs) break;
    if (reachedAt !== null) {
      if (document.querySelector(P.lastRow)) {
        const painted = await frame();
        bottom.frames.push(painted - last); last = painted;
        bottom.lastRowAfterMs = painted - reachedAt;
        break;
      }
      if (now - reachedAt > P.settleTimeoutMs) break;
    }
  }
  bottom.totalMs = last - start;
  bottom.reachedBottomMs = (reachedAt ?? last) - start;
  return { idle, wheel, bottom };
})()`
}

/** An expression for page.evaluate: how many elements the page has. */
export const ELEMENT_COUNT_SCRIPT = `document.getElementsByTagName('*').length`

/**
 * The peer: the list done the naive way, with no virtualization. The page asks the same bridge (window.api, the
 * harness's stand-in for the preload, served by the same handler table) for the first `rows` tasks, in the same
 * order, in requests of 1,000 (the most tasks:list answers at once), all in parallel; then it builds one plain
 * table with every row (the same seven columns, 40 px rows) and appends it in one go.
 */
export function naivePeerHtml(rows: number): string {
  return `<!doctype html>
<html>
<head>
<meta charset="utf-8">
<title>Naive task list</title>
<script src="/__harness/api.js"></script>
<style>
  html, body { margin: 0; height: 100%; font: 13px system-ui, sans-serif; }
  #wrap { position: absolute; inset: 0; overflow: auto; }
  table { border-collapse: collapse; width: 100%; min-width: 680px; }
  th { position: sticky; top: 0; background: #f3f4f6; height: 34px; text-align: left; }
  td { height: 39px; border-bottom: 1px solid #e5e7eb; padding: 0 8px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 420px; }
  .id { font-family: ui-monospace, monospace; }
  .msg { margin-left: 8px; color: #6b7280; font-size: 12px; }
</style>
</head>
<body>
<div id="wrap"><p id="loading">Loading tasks…</p></div>
<script>
(async () => {
  const N = ${rows};
  const pad = (n) => String(n).padStart(2, '0');
  const fmt = (ms) => { if (ms == null) return '—'; const d = new Date(ms); return d.getDate() + '/' + (d.getMonth() + 1) + ' ' + pad(d.getHours()) + ':' + pad(d.getMinutes()); };
  const asks = [];
  for (let offset = 0; offset < N; offset += 1000) {
    asks.push(window.api.invoke('tasks:list', { sort: 'addedDesc', limit: Math.min(1000, N - offset), offset }));
  }
  const answers = await Promise.all(asks);
  const bad = answers.find((a) => !a.ok);
  if (bad) { document.getElementById('loading').textContent = 'failed: ' + bad.error.message; return; }
  const table = document.createElement('table');
  table.id = 'tasks';
  table.innerHTML = '<thead><tr><th></th><th>Status</th><th>Task</th><th>Added</th><th>Finished</th><th>Images</th><th>Downloaded</th></tr></thead>';
  const body = document.createElement('tbody');
  for (const a of answers) {
    for (const t of a.value.rows) {
      const tr = document.createElement('tr');
      tr.dataset.taskId = t.taskId;
      const td = (text, cls) => { const c = document.createElement('td'); if (cls) c.className = cls; c.textContent = text; tr.appendChild(c); return c; };
      const check = document.createElement('td'); const box = document.createElement('input'); box.type = 'checkbox'; check.appendChild(box); tr.appendChild(check);
      td(t.displayStatus);
      const idCell = td(t.taskId, 'id');
      if (t.message) { const m = document.createElement('span'); m.className = 'msg'; m.textContent = t.message; idCell.appendChild(m); }
      td(fmt(t.addedAt)); td(fmt(t.finishedAt)); td(t.imageCount ? String(t.imageCount) : '—');
      td(t.imageCount ? t.imagesDownloaded + '/' + t.imageCount : '—');
      body.appendChild(tr);
    }
  }
  table.appendChild(body);
  const wrap = document.getElementById('wrap');
  wrap.replaceChildren(table);
  window.__benchLoaded = body.childElementCount;
})();
</script>
</body>
</html>`
}
