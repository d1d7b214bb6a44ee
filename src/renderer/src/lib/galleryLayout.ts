// The gallery's geometry without the DOM: which image a flat index is (the task's place in the layout and the image's
// place in the task), and the rows of a grid of `cols` columns, flat (images wrap across tasks) or grouped (each
// task starts a row under its own heading). Built once per layout and width; every lookup is a binary search, so a
// gallery of 100,000 images costs a few typed arrays. Unit-tested in vitest.

export interface GalleryGeometry {
  /** starts[t] = flat index of task t's first image; starts[tasks] = total */
  readonly starts: Int32Array
  readonly total: number
  readonly tasks: number
}

export type GalleryRow =
  /** a task's heading (grouped) */
  | { kind: 'head'; task: number }
  /** images from..to-1 (flat indexes) */
  | { kind: 'cells'; task: number | null; from: number; to: number }

export function geometryOf(counts: readonly number[]): GalleryGeometry {
  const starts = new Int32Array(counts.length + 1)
  for (let t = 0; t < counts.length; t++) starts[t + 1] = (starts[t] as number) + (counts[t] as number)
  return { starts, total: starts[counts.length] as number, tasks: counts.length }
}

/** The last i with a[i] <= v (a ascending, a[0] <= v). */
function lastAtMost(a: Int32Array, v: number, hi: number): number {
  let lo = 0
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if ((a[mid] as number) <= v) lo = mid
    else hi = mid - 1
  }
  return lo
}

/** Which task (its place in the layout) and which of its images a flat index is; null outside the gallery. */
export function locate(g: GalleryGeometry, flat: number): { task: number; k: number } | null {
  if (!Number.isInteger(flat) || flat < 0 || flat >= g.total) return null
  // tasks with no images never appear in a layout, so the last start <= flat is the task holding it
  const task = lastAtMost(g.starts, flat, g.tasks - 1)
  return { task, k: flat - (g.starts[task] as number) }
}

/** The rows of a grid: what each row shows, and which row holds an image. */
export interface GridRows {
  readonly count: number
  row(r: number): GalleryRow
  rowOf(flat: number): number
}

export function gridRows(g: GalleryGeometry, cols: number, grouped: boolean): GridRows {
  const c = Math.max(1, Math.floor(cols))
  if (!grouped) {
    return {
      count: Math.ceil(g.total / c),
      row: (r) => ({ kind: 'cells', task: null, from: r * c, to: Math.min(g.total, (r + 1) * c) }),
      rowOf: (flat) => Math.floor(flat / c)
    }
  }
  // groupStart[t] = the row of task t's heading; each task takes 1 + ceil(images / cols) rows
  const groupStart = new Int32Array(g.tasks + 1)
  for (let t = 0; t < g.tasks; t++) {
    const n = (g.starts[t + 1] as number) - (g.starts[t] as number)
    groupStart[t + 1] = (groupStart[t] as number) + 1 + Math.ceil(n / c)
  }
  return {
    count: groupStart[g.tasks] as number,
    row(r) {
      const t = lastAtMost(groupStart, r, Math.max(0, g.tasks - 1))
      const inGroup = r - (groupStart[t] as number)
      if (inGroup === 0) return { kind: 'head', task: t }
      const first = (g.starts[t] as number) + (inGroup - 1) * c
      return { kind: 'cells', task: t, from: first, to: Math.min(g.starts[t + 1] as number, first + c) }
    },
    rowOf(flat) {
      const at = locate(g, flat)
      if (!at) return 0
      return (groupStart[at.task] as number) + 1 + Math.floor(at.k / c)
    }
  }
}

/** How many columns of tiles fit a width (at least one). */
export function columnsFor(width: number, tile: number, gap: number): number {
  return Math.max(1, Math.floor((width + gap) / (tile + gap)))
}
