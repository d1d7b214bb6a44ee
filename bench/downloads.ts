// Download benchmark in two modes, both printed by `npm run bench:downloads` (or one: --loopback, --wan).
// Loopback: 500 images of ~1 MB from the simulator on 127.0.0.1, fetched by this app's downloader (in a child
// process, as the CLI would run it), by aria2c and by curl --parallel, each into a fresh folder. Figures:
// throughput (MB/s), CPU seconds per GB and peak RSS, side by side, with the ratio to the faster peer.
// WAN: the same tools through a far store emulated on loopback, and the detail pane's first thumbnail (see
// downloadsWan.ts).
// Run: npx tsx bench/downloads.ts [--loopback|--wan] [images] [rounds] [WAN rounds]   (defaults 500 3 2)
//
// Fairness notes. All tools fetch the same signed URLs over keep-alive HTTP/1.1 into a fresh folder (after a
// `sync`), 16 transfers at once (ours also fixed at 6, the old default, and at its default settings: adaptive, 6 to
// 24; the table's "conc." column shows the most it used), and the order of the
// tools rotates every round. Ours does more per file than the peers: sha256 of every byte, magic-byte check,
// fdatasync of the file and fsync of its folder, an atomic link into place, and a SQLite history update per file;
// aria2c and curl only write (their data is still in the page cache when they exit). So after each tool exits,
// `sync -f` on its folder is timed, and the "durable" figure adds it: every tool measured until its files are on
// disk (for ours the sync finds nothing left to do). Our child runs from an
// esbuild bundle, as the built CLI does (no tsx compiling at start-up). Two throughputs are printed for ours: timed
// inside the child from batch start to batch done, and from spawn to exit like the peers (node start-up, module
// loading and closing the store included). Peak RSS is GNU time's "maximum resident set size" for every tool;
// CPU is its user + system time; the simulator runs in this process, so its CPU during each run is printed too
// (it shares the 2 cores with the tool being measured).
//
// Options: BENCH_TOOLS=aidge,aidge16,aidge6,floor,aria2c,curl,aria2c16,thumb (a subset; the last two: WAN only), BENCH_NODE_ARGS="--cpu-prof" (flags for our
// child), BENCH_CHILD_LOG=file (our child's output, e.g. with --trace-gc), BENCH_THREADS=1 (our child prints the CPU
// time of each of its threads to that log: main, V8's GC helpers, libuv's file-system pool; Linux only).
// TMPDIR=/dev/shm runs everything on a RAM disk, where fsync costs nothing: what is left is CPU.
//
// A third Node row, "node floor", is the cheapest Node client possible (undici.stream into fs.createWriteStream,
// no hash, no fsync, no verification, no history): the gap between it and curl is the runtime's, not the
// downloader's. The URLs live 6 hours (the simulator's TTL), far beyond the run.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { baseline, bundleChild, child, folderStats, median, PARALLEL, prepare, timed, type ChildConfig, type Timed } from './downloadsKit'
import { paneChild, runWan, type PaneConfig } from './downloadsWan'

const IMAGE_BYTES = 1_000_000
/** BENCH_TOOLS=aidge,aidge16,aidge6,floor,aria2c,curl (WAN: aidge,aria2c,aria2c16,curl,thumb) runs only those; BENCH_NODE_ARGS adds node flags to our child (e.g. --cpu-prof) */
const TOOLS = process.env.BENCH_TOOLS ? new Set(process.env.BENCH_TOOLS.split(',')) : null
const want = (tool: string): boolean => TOOLS === null || TOOLS.has(tool)
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)

interface RunResult {
  tool: string
  /** transfers at once */
  concurrency: number
  /** spawn to exit */
  wallMs: number
  /** what the throughput is computed from */
  timedMs: number
  bytes: number
  files: number
  peakRssKb: number
  /** the tool's user + system CPU */
  cpuMs: number
  /** this process's (the simulator's) CPU during the run */
  serverCpuMs: number
  /** `sync -f` on the folder right after the tool exits: what it takes to make the tool's files durable */
  syncMs: number
}

async function main(): Promise<void> {
  const flags = process.argv.slice(2).filter((a) => a.startsWith('--'))
  const [images = 500, rounds = 3, wanRounds = 2] = process.argv.slice(2).filter((a) => !a.startsWith('--')).map(Number)
  const mode = flags.includes('--wan') ? 'wan' : flags.includes('--loopback') ? 'loopback' : 'both'
  const log = (s: string): void => console.log(s)
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aidge-bench-dl-'))
  const self = fileURLToPath(import.meta.url)
  const repoRoot = path.resolve(path.dirname(self), '..')
  const bundled = await bundleChild(self, repoRoot)
  const script = bundled ?? ['--import', 'tsx', self]
  try {
    if (mode !== 'wan') await loopback({ images, rounds, root, repoRoot, script, bundled: bundled !== null, log })
    if (mode !== 'loopback') await runWan({ root, repoRoot, script, nodeArgs: NODE_ARGS, rounds: wanRounds, want, log })
  } finally {
    fs.rmSync(root, { recursive: true, force: true })
  }
}

async function loopback(o: { images: number; rounds: number; root: string; repoRoot: string; script: string[]; bundled: boolean; log: (s: string) => void }): Promise<void> {
  const { images, rounds, root, repoRoot, script, log } = o
  // loaded here, not at the top: the bundled child must not load sharp
  const { startSimulator } = await import('../test/sim')
  const sim = await startSimulator({ urlTtlMs: 6 * 3_600_000, logLimit: 10 })
  try {
    const prep = await prepare(sim, images, IMAGE_BYTES, root, log)
    const results: RunResult[] = []
    let run = 0
    const fresh = (): string => {
      spawnSync('sync')
      const dir = path.join(root, `out-${run++}`)
      fs.mkdirSync(dir)
      return dir
    }
    const check = (tool: string, concurrency: number, dir: string, r: Timed, timedMs = r.wallMs): void => {
      const syncStarted = performance.now()
      spawnSync('sync', ['-f', dir])
      const syncMs = performance.now() - syncStarted
      const st = folderStats(dir)
      if (r.code !== 0 || st.files !== prep.count || st.bytes !== prep.totalBytes) {
        throw new Error(`${tool}: exit ${r.code}, ${st.files}/${prep.count} files, ${st.bytes}/${prep.totalBytes} bytes; ${r.stderr.slice(0, 500)}`)
      }
      results.push({ tool, concurrency, wallMs: r.wallMs, timedMs, bytes: st.bytes, files: st.files, peakRssKb: r.peakRssKb, cpuMs: r.cpuMs, serverCpuMs: r.serverCpuMs, syncMs })
      const rate = (ms: number): string => (st.bytes / 1e6 / (ms / 1000)).toFixed(0).padStart(5)
      log(
        `  ${tool.padEnd(30)} ${rate(timedMs)} MB/s timed, ${rate(r.wallMs)} MB/s spawn-to-exit, ${rate(timedMs + syncMs)} MB/s durable (sync ${syncMs.toFixed(0)} ms), peak RSS ${(r.peakRssKb / 1024).toFixed(0)} MB, ` +
          `CPU ${(r.cpuMs / 1000).toFixed(2)} s, simulator CPU ${(r.serverCpuMs / 1000).toFixed(2)} s`
      )
      fs.rmSync(dir, { recursive: true, force: true })
    }
    /** concurrency: a fixed number; undefined: the downloader's defaults (as the app and the CLI start a batch) */
    const ours = async (concurrency?: number): Promise<void> => {
      const dir = fresh()
      // a fresh history per run, so nothing is skipped as "already downloaded"
      const dataDir = path.join(root, `data-${run}`)
      fs.cpSync(prep.dataDir, dataDir, { recursive: true })
      const config: ChildConfig = { dataDir, targetDir: dir, taskIds: prep.taskIds, concurrency }
      const r = await timed(process.execPath, [...NODE_ARGS, ...script, '--child', JSON.stringify(config)], { cwd: repoRoot })
      if (process.env.BENCH_CHILD_LOG) fs.appendFileSync(process.env.BENCH_CHILD_LOG, `--- -j ${concurrency ?? 'default'}\n${r.stdout}${r.stderr}`)
      const line = r.stdout.trim().split('\n').pop() ?? '{}'
      const out = JSON.parse(line) as { ms: number; failed: number; failures: string[]; limit: number; most: number }
      if (out.failed) throw new Error(`our downloader failed ${out.failed} files: ${out.failures.join('; ')}`)
      check(concurrency === undefined ? 'aidge downloader (default)' : `aidge downloader -j ${concurrency}`, concurrency ?? out.most, dir, r, out.ms)
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
    const nodeFloor = async (): Promise<void> => {
      const dir = fresh()
      const r = await timed(process.execPath, [...script, '--baseline', JSON.stringify({ urlsFile: prep.urlsFile, targetDir: dir })], { cwd: repoRoot })
      const out = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { ms: number }
      check(`(node floor: undici.stream)`, PARALLEL, dir, r, out.ms)
    }
    const aria2c = async (): Promise<void> => {
      const dir = fresh()
      check(`aria2c -j ${PARALLEL}`, PARALLEL, dir, await timed('aria2c', ['-i', prep.aria, '-j', String(PARALLEL), '-d', dir, '--allow-overwrite=true', '-q', '--console-log-level=warn']))
    }
    const curl = async (): Promise<void> => {
      const dir = fresh()
      check(`curl --parallel-max ${PARALLEL}`, PARALLEL, dir, await timed('curl', ['--parallel', '--parallel-max', String(PARALLEL), '-s', '-S', '--fail', '-K', prep.curlConfig(dir)]))
    }
    const tools: Array<[string, () => Promise<void>]> = [
      ['aidge', () => ours()],
      ['aidge16', () => ours(PARALLEL)],
      ['aidge6', () => ours(6)],
      ['floor', nodeFloor],
      ['aria2c', aria2c],
      ['curl', curl]
    ]
    const chosen = tools.filter(([name]) => want(name))
    for (let round = 1; round <= rounds; round++) {
      // the order rotates each round: no tool always runs first (cold caches) or right after another one
      const order = chosen.map((_, i) => chosen[(i + round - 1) % chosen.length]!)
      log(`round ${round} (${order.map(([n]) => n).join(', ')}):`)
      for (const [, runTool] of order) await runTool()
    }
    printTable(results, prep.totalBytes, prep.count, o.bundled)
  } finally {
    await sim.close()
  }
}

function printTable(results: RunResult[], totalBytes: number, count: number, bundled: boolean): void {
  const tools = [...new Set(results.map((r) => r.tool))]
  const mbps = (bytes: number, ms: number): number => bytes / 1e6 / (ms / 1000)
  const stats = tools.map((tool) => {
    const rs = results.filter((r) => r.tool === tool)
    return {
      tool,
      concurrency: rs[0]!.concurrency,
      peer: !tool.startsWith('aidge') && !tool.startsWith('('),
      best: Math.max(...rs.map((r) => mbps(r.bytes, r.timedMs))),
      median: median(rs.map((r) => mbps(r.bytes, r.timedMs))),
      bestWall: Math.max(...rs.map((r) => mbps(r.bytes, r.wallMs))),
      medianWall: median(rs.map((r) => mbps(r.bytes, r.wallMs))),
      bestDurable: Math.max(...rs.map((r) => mbps(r.bytes, r.timedMs + r.syncMs))),
      rss: Math.max(...rs.map((r) => r.peakRssKb)) / 1024,
      cpu: median(rs.map((r) => r.cpuMs)) / 1000,
      serverCpu: median(rs.map((r) => r.serverCpuMs)) / 1000
    }
  })
  const peers = stats.filter((s) => s.peer)
  const fastest = peers.length > 0 ? peers.reduce((a, b) => (a.best >= b.best ? a : b)) : null
  const fastestDurable = peers.length > 0 ? peers.reduce((a, b) => (a.bestDurable >= b.bestDurable ? a : b)) : null
  const vs = (x: number, y: number | undefined): string => (y ? `${(x / y).toFixed(2)}x` : '-')
  const name = fastest ? fastest.tool.split(' ')[0]! : 'peer'
  const header = [
    'tool',
    'conc.',
    'MB/s best',
    'MB/s median',
    'spawn-exit MB/s best',
    'durable MB/s best',
    'peak RSS MB',
    'CPU s',
    'CPU s/GB',
    'sim CPU s',
    `best vs ${name}`,
    `spawn-exit vs ${name}`,
    `durable vs ${name}`
  ]
  const rows = stats.map((s) => [
    s.tool,
    String(s.concurrency),
    s.best.toFixed(0),
    s.median.toFixed(0),
    s.bestWall.toFixed(0),
    s.bestDurable.toFixed(0),
    s.rss.toFixed(0),
    s.cpu.toFixed(2),
    (s.cpu / (totalBytes / 1e9)).toFixed(2),
    s.serverCpu.toFixed(2),
    vs(s.best, fastest?.best),
    vs(s.bestWall, fastest?.bestWall),
    vs(s.bestDurable, fastestDurable?.bestDurable)
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((l) => l[i]!.length)))
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')
  const rounds = results.filter((r) => r.tool === tools[0]).length
  console.log(`\n${count} images, ${(totalBytes / 1e6).toFixed(0)} MB, simulator on 127.0.0.1 (in this process), ${os.cpus().length} CPUs, ${rounds} round(s)`)
  console.log(line(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'))
  for (const r of rows) console.log(line(r))
  console.log(
    '"MB/s": ours and the node floor are timed inside the child from batch start to batch done; the peers from spawn to exit.\n' +
      '"spawn-exit": every tool from spawn to exit (ours: node start-up, module loading, the batch, closing the history store' +
      `${bundled ? ', from an esbuild bundle as the built CLI runs' : ', under tsx (compiles TypeScript at start-up)'}).\n` +
      '"durable": the same time plus a `sync -f` of the folder right after the tool exits, i.e. until its files are on disk (ours are already: it fdatasyncs each file).\n' +
      '"peak RSS": worst of the rounds (GNU time); "CPU s": user + system of the tool, median; "sim CPU s": the simulator\'s (this process) during the run.'
  )
}

if (process.argv[2] === '--baseline') {
  baseline(JSON.parse(process.argv[3] ?? '{}') as { urlsFile: string; targetDir: string }).catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
    process.exit(1)
  })
} else if (process.argv[2] === '--pane') {
  paneChild(JSON.parse(process.argv[3] ?? '{}') as PaneConfig).catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
    process.exit(1)
  })
} else if (process.argv[2] === '--child') {
  child(JSON.parse(process.argv[3] ?? '{}') as ChildConfig).catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
    process.exit(1)
  })
} else if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const started = performance.now()
  main()
    .then(() => console.log(`\ntotal ${((performance.now() - started) / 1000).toFixed(1)} s`))
    .catch((e: unknown) => {
      console.error(e)
      process.exit(1)
    })
}
