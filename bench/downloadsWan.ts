// The download benchmark's WAN mode: the simulator's object store emulates a far store on 127.0.0.1 (200 ms to first
// byte, 12 Mbit/s per connection, a 100 Mbit/s line shared by all connections, paced on the server's side, see
// test/sim/farStore.ts), and 100 images of 1.5 MB go through it: ours at its default settings (adaptive, 6 to 24
// files at once) beside aria2c at its default (-j 5) and at -j 16, and curl with 16 parallel transfers, and the
// line's limit (every byte at 100 Mbit/s after one time to first byte). Then the time to the first thumbnail of a
// task the detail pane opens with a cold cache, over the same line: alone, and while a batch fills the line.
import fs from 'node:fs'
import path from 'node:path'
import { createDownloader, createImageCache, LOCAL_ENDPOINT_HOSTS } from '../src/main/downloads'
import { openHistoryStore } from '../src/main/history'
import type { FarStoreSpec, Simulator } from '../test/sim'
import { folderStats, median, PARALLEL, prepare, timed, type ChildConfig } from './downloadsKit'

export const WAN: Required<Omit<FarStoreSpec, 'stall'>> = { ttfbMs: 200, connectionBitsPerSec: 12e6, lineBitsPerSec: 100e6 }
const WAN_IMAGES = 100
const WAN_IMAGE_BYTES = 1_500_000
/** images of the task the detail pane opens (a task's usual count) */
const PANE_IMAGES = 4

export interface WanContext {
  root: string
  repoRoot: string
  /** how to start our child (the bundled benchmark) */
  script: string[]
  nodeArgs: string[]
  rounds: number
  want: (tool: string) => boolean
  log: (s: string) => void
}

interface WanRun {
  tool: string
  /** what the ratios use: ours from batch start to done (inside the child), the peers from spawn to exit */
  seconds: number
  spawnToExit: number
  cpuS: number
  note: string
}

export async function runWan(ctx: WanContext): Promise<void> {
  const { log } = ctx
  const { startSimulator } = await import('../test/sim')
  const sim = await startSimulator({ urlTtlMs: 6 * 3_600_000, logLimit: 10, farStore: WAN })
  try {
    const prep = await prepare(sim, WAN_IMAGES, WAN_IMAGE_BYTES, path.join(ctx.root, 'wan'), log)
    const lineS = WAN.ttfbMs / 1000 + (prep.totalBytes * 8) / WAN.lineBitsPerSec
    const runs: WanRun[] = []
    let n = 0
    const fresh = (): string => {
      const dir = path.join(ctx.root, 'wan', `out-${n++}`)
      fs.mkdirSync(dir, { recursive: true })
      return dir
    }
    const check = (tool: string, dir: string, code: number | null, stderr: string): void => {
      const st = folderStats(dir)
      if (code !== 0 || st.files !== prep.count || st.bytes !== prep.totalBytes) {
        throw new Error(`${tool}: exit ${code}, ${st.files}/${prep.count} files, ${st.bytes}/${prep.totalBytes} bytes; ${stderr.slice(0, 500)}`)
      }
      fs.rmSync(dir, { recursive: true, force: true })
    }
    const record = (r: WanRun): void => {
      runs.push(r)
      log(`  ${r.tool.padEnd(34)} ${r.seconds.toFixed(2).padStart(6)} s (spawn to exit ${r.spawnToExit.toFixed(2)} s), CPU ${r.cpuS.toFixed(2)} s${r.note ? `, ${r.note}` : ''}`)
    }
    const ours = async (): Promise<void> => {
      const dir = fresh()
      const dataDir = path.join(ctx.root, 'wan', `data-${n}`)
      fs.cpSync(prep.dataDir, dataDir, { recursive: true })
      const config: ChildConfig = { dataDir, targetDir: dir, taskIds: prep.taskIds }
      const r = await timed(process.execPath, [...ctx.nodeArgs, ...ctx.script, '--child', JSON.stringify(config)], { cwd: ctx.repoRoot })
      const out = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { ms: number; failed: number; failures: string[]; limit: number; most: number }
      if (out.failed) throw new Error(`our downloader failed ${out.failed} files: ${out.failures.join('; ')}`)
      check('ours', dir, r.code, r.stderr)
      record({ tool: 'aidge downloader (default settings)', seconds: out.ms / 1000, spawnToExit: r.wallMs / 1000, cpuS: r.cpuMs / 1000, note: `files at once: ended at ${out.limit}, most ${out.most}` })
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
    const peer = (tool: string, cmd: string, args: (dir: string) => string[]) => async (): Promise<void> => {
      const dir = fresh()
      const r = await timed(cmd, args(dir))
      check(tool, dir, r.code, r.stderr)
      record({ tool, seconds: r.wallMs / 1000, spawnToExit: r.wallMs / 1000, cpuS: r.cpuMs / 1000, note: '' })
    }
    const aria = (j: number | null) => (dir: string) => ['-i', prep.aria, ...(j ? ['-j', String(j)] : []), '-d', dir, '--allow-overwrite=true', '-q', '--console-log-level=warn']
    const tools: Array<[string, () => Promise<void>]> = [
      ['aidge', ours],
      ['aria2c', peer('aria2c (default: -j 5)', 'aria2c', aria(null))],
      ['aria2c16', peer(`aria2c -j ${PARALLEL}`, 'aria2c', aria(PARALLEL))],
      ['curl', peer(`curl --parallel-max ${PARALLEL}`, 'curl', (dir) => ['--parallel', '--parallel-max', String(PARALLEL), '-s', '-S', '--fail', '-K', prep.curlConfig(dir)])]
    ]
    const chosen = tools.filter(([name]) => ctx.want(name))
    for (let round = 1; round <= ctx.rounds; round++) {
      const order = chosen.map((_, i) => chosen[(i + round - 1) % chosen.length]!)
      log(`WAN round ${round} (${order.map(([name]) => name).join(', ')}):`)
      for (const [, run] of order) await run()
    }
    printWanTable(runs, lineS, prep)
    if (ctx.want('thumb')) await firstThumbnail(sim, ctx, prep.taskIds)
  } finally {
    await sim.close()
  }
}

function printWanTable(runs: WanRun[], lineS: number, prep: { count: number; totalBytes: number }): void {
  const tools = [...new Set(runs.map((r) => r.tool))]
  const rows = tools.map((tool) => {
    const rs = runs.filter((r) => r.tool === tool)
    return { tool, best: Math.min(...rs.map((r) => r.seconds)), median: median(rs.map((r) => r.seconds)), exit: median(rs.map((r) => r.spawnToExit)), cpu: median(rs.map((r) => r.cpuS)) }
  })
  const peers = rows.filter((r) => !r.tool.startsWith('aidge'))
  const bestPeer = peers.length > 0 ? Math.min(...peers.map((p) => p.median)) : null
  console.log(
    `\nWAN: ${prep.count} images, ${(prep.totalBytes / 1e6).toFixed(0)} MB, far store emulated on 127.0.0.1 (${WAN.ttfbMs} ms to first byte, ` +
      `${WAN.connectionBitsPerSec / 1e6} Mbit/s per connection, ${WAN.lineBitsPerSec / 1e6} Mbit/s line), ${runs.filter((r) => r.tool === tools[0]).length} round(s)`
  )
  const header = ['tool', 's best', 's median', 'spawn-exit s (median)', 'CPU s', 'x line (median)', 'x best peer (median)']
  const cells = rows.map((r) => [r.tool, r.best.toFixed(2), r.median.toFixed(2), r.exit.toFixed(2), r.cpu.toFixed(2), (lineS / r.median).toFixed(2), bestPeer ? (bestPeer / r.median).toFixed(2) : '-'])
  cells.push([`the line's limit`, lineS.toFixed(2), lineS.toFixed(2), '', '', '1.00', bestPeer ? (bestPeer / lineS).toFixed(2) : '-'])
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)))
  const line = (c: string[]): string => c.map((x, i) => (i === 0 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join(' | ')
  console.log(line(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'))
  for (const c of cells) console.log(line(c))
  console.log(
    `"x line": the line's limit (one time to first byte, then every byte at the line's rate: ${lineS.toFixed(2)} s) over the tool's time; ` +
      `"x best peer": the fastest peer's time over the tool's. Goals: ours >= 0.95x the best peer and >= 0.9x the line.\n` +
      'Ours is timed inside its child from batch start to done (spawn to exit beside it); the peers from spawn to exit.'
  )
}

export interface PaneConfig {
  dataDir: string
  simUrl: string
  taskId: string
  images: number
  /** a batch of these tasks runs first, until it fills the line (the busy case) */
  batchTasks: string[] | null
}

/**
 * The child side of the pane's measurement, in its own process as the app's main process is (the simulator's
 * pacing must not share an event loop with the client it paces): the thumbnails of a task's images with a cold
 * cache, all asked for at once as the pane does, through the app's image cache on the downloader's agent.
 */
export async function paneChild(config: PaneConfig): Promise<void> {
  const history = openHistoryStore({ dataDir: config.dataDir })
  const downloader = createDownloader({ history, imageHosts: () => LOCAL_ENDPOINT_HOSTS })
  const cache = createImageCache({ dataDir: config.dataDir, history, env: downloader.env })
  // the app's HTTP client is warm by the time a person opens a task (it has been polling): one request first, so
  // what is timed is not this fresh process compiling undici's parser
  const warm = await downloader.env.fetcher.fetch({ url: `${config.simUrl}/__sim/info`, headers: {}, signal: new AbortController().signal })
  await warm.text(64 * 1024)
  // and its image cache has been used (its index read): cold means these images are not in it
  await cache.evict()
  const batch = config.batchTasks ? downloader.start({ folder: path.join(config.dataDir, 'batch'), taskIds: config.batchTasks }) : null
  // the batch has climbed and fills the line by now
  if (batch) await new Promise((r) => setTimeout(r, 4_000))
  const limit = batch?.concurrencyState().limit ?? null
  const started = performance.now()
  const times = await Promise.all(Array.from({ length: config.images }, (_, i) => cache.thumbnail(config.taskId, i).then(() => (performance.now() - started) / 1000)))
  batch?.cancel()
  await batch?.done
  await cache.close()
  await downloader.close()
  history.close()
  process.stdout.write(`${JSON.stringify({ times, limit })}\n`)
}

/** The time to the first thumbnail of a task the detail pane opens, cold cache: on an idle line, and during a batch. */
async function firstThumbnail(sim: Simulator, ctx: WanContext, batchTasks: string[]): Promise<void> {
  const oneImageS = WAN.ttfbMs / 1000 + (WAN_IMAGE_BYTES * 8) / WAN.connectionBitsPerSec
  const results: string[] = []
  for (const busy of [false, true]) {
    const id = `pane-${busy ? 'busy' : 'idle'}`
    const dataDir = path.join(ctx.root, 'wan', id)
    sim.addTask({ id, lifecycle: [{ status: 'finished' }], images: Array.from({ length: PANE_IMAGES }, () => ({ bytes: WAN_IMAGE_BYTES })) })
    await Promise.all(Array.from({ length: PANE_IMAGES }, (_, i) => sim.imageBytes(id, i)))
    const history = openHistoryStore({ dataDir })
    for (const t of [id, ...batchTasks]) history.recordQuery(t, { status: 'finished', images: Array.from({ length: sim.getTask(t)!.imageCount }, (_, i) => ({ url: sim.imageUrl(t, i) })) })
    history.close()
    const config: PaneConfig = { dataDir, simUrl: sim.url, taskId: id, images: PANE_IMAGES, batchTasks: busy ? batchTasks : null }
    const r = await timed(process.execPath, [...ctx.nodeArgs, ...ctx.script, '--pane', JSON.stringify(config)], { cwd: ctx.repoRoot })
    if (r.code !== 0) throw new Error(`the pane's child failed: ${r.stderr.slice(0, 500)}`)
    const out = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { times: number[]; limit: number | null }
    const first = Math.min(...out.times)
    results.push(
      `  ${busy ? `while a batch fills the line (it was at ${out.limit ?? '?'} files at once)` : 'on an idle line'}: first thumbnail ${first.toFixed(2)} s, ` +
        `all ${PANE_IMAGES} ${Math.max(...out.times).toFixed(2)} s; goal <= ${(oneImageS + 0.1).toFixed(2)} s (one image's transfer ${oneImageS.toFixed(2)} s + 0.1 s): ${first <= oneImageS + 0.1 ? 'met' : 'missed'}`
    )
  }
  console.log(`\nTime to the first thumbnail of a ${PANE_IMAGES}-image task (1.5 MB each), cold cache, over the same line (the app's image cache in a child process):\n${results.join('\n')}`)
}
