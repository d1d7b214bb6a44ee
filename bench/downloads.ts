// Download benchmark: 500 images of ~1 MB from the simulator on 127.0.0.1, fetched by this app's downloader (in a
// child process, as the CLI would run it), by aria2c and by curl --parallel, each into a fresh folder.
// Figures: throughput (MB/s) and peak RSS, side by side, with the ratio to the faster peer.
// Run: npx tsx bench/downloads.ts [images] [rounds]
//
// Fairness notes. All tools fetch the same signed URLs over keep-alive HTTP/1.1 into a fresh folder (after a
// `sync`), 16 transfers at once (ours also at its default of 6; the table's "conc." column), and the order of the
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
// Options: BENCH_TOOLS=aidge16,aidge6,floor,aria2c,curl (a subset), BENCH_NODE_ARGS="--cpu-prof" (flags for our
// child), BENCH_CHILD_LOG=file (our child's output, e.g. with --trace-gc), BENCH_THREADS=1 (our child prints the CPU
// time of each of its threads to that log: main, V8's GC helpers, libuv's file-system pool; Linux only).
// TMPDIR=/dev/shm runs everything on a RAM disk, where fsync costs nothing: what is left is CPU.
//
// A third Node row, "node floor", is the cheapest Node client possible (undici.stream into fs.createWriteStream,
// no hash, no fsync, no verification, no history): the gap between it and curl is the runtime's, not the
// downloader's. The URLs live 6 hours (the simulator's TTL), far beyond the run.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { createDownloader, LOCAL_ENDPOINT_HOSTS } from '../src/main/downloads'
import { openHistoryStore } from '../src/main/history'
import { Agent, stream } from 'undici'
import type { Simulator } from '../test/sim'

const IMAGES_PER_TASK = 10
const IMAGE_BYTES = 1_000_000
const PARALLEL = 16
/** BENCH_TOOLS=aidge16,aidge6,floor,aria2c,curl runs only those; BENCH_NODE_ARGS adds node flags to our child (e.g. --cpu-prof) */
const TOOLS = process.env.BENCH_TOOLS ? new Set(process.env.BENCH_TOOLS.split(',')) : null
const want = (tool: string): boolean => TOOLS === null || TOOLS.has(tool)
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)

interface ChildConfig {
  dataDir: string
  targetDir: string
  taskIds: string[]
  concurrency: number
}

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

interface Timed {
  wallMs: number
  peakRssKb: number
  cpuMs: number
  serverCpuMs: number
  stdout: string
  stderr: string
  code: number | null
}

/**
 * The floor of any Node downloader on this machine: undici.stream into fs.createWriteStream, 16 at once, nothing
 * else (no hash, no fsync, no verification, no history). Shows how much of the gap to curl is the runtime.
 */
async function baseline(config: { urlsFile: string; targetDir: string }): Promise<void> {
  const urls = JSON.parse(fs.readFileSync(config.urlsFile, 'utf8')) as Array<{ url: string; name: string }>
  const agent = new Agent({ connections: PARALLEL })
  const started = performance.now()
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < urls.length) {
      const u = urls[next++]!
      await stream(u.url, { dispatcher: agent, method: 'GET' }, () => fs.createWriteStream(path.join(config.targetDir, u.name)))
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, worker))
  const ms = performance.now() - started
  await agent.close()
  process.stdout.write(`${JSON.stringify({ ms, failed: 0, failures: [] })}\n`)
}

/** The downloader side: run one batch and report its own timing. */
async function child(config: ChildConfig): Promise<void> {
  const store = openHistoryStore({ dataDir: config.dataDir })
  const downloader = createDownloader({ history: store, concurrency: config.concurrency, imageHosts: () => LOCAL_ENDPOINT_HOSTS })
  const started = performance.now()
  const batch = downloader.start({ folder: config.targetDir, taskIds: config.taskIds })
  const report = await batch.done
  const ms = performance.now() - started
  await downloader.close()
  store.close()
  if (process.env.BENCH_THREADS && fs.existsSync('/proc/self/task')) {
    const per = new Map<string, number>()
    for (const t of fs.readdirSync('/proc/self/task')) {
      const stat = fs.readFileSync(`/proc/self/task/${t}/stat`, 'utf8')
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      per.set(`${comm}-${t}`, (Number(f[11]) + Number(f[12])) * 10)
    }
    process.stderr.write(`threads CPU ms: ${JSON.stringify(Object.fromEntries(per))}\n`)
  }
  process.stdout.write(`${JSON.stringify({ ms, downloaded: report.downloaded, failed: report.failed, bytes: report.bytesReceived, failures: report.failures.slice(0, 3).map((f) => f.reason) })}\n`)
}

function timed(cmd: string, args: string[], opts: { cwd?: string } = {}): Promise<Timed> {
  const rssFile = path.join(os.tmpdir(), `aidge-bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`)
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const cpu0 = process.cpuUsage()
    const p = spawn('/usr/bin/time', ['-f', '%M %U %S', '-o', rssFile, cmd, ...args], { stdio: ['ignore', 'pipe', 'pipe'], ...opts })
    let stdout = ''
    let stderr = ''
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    p.on('error', reject)
    p.on('exit', (code) => {
      const wallMs = performance.now() - started
      const cpu = process.cpuUsage(cpu0)
      const [rss, user, sys] = (fs.readFileSync(rssFile, 'utf8').trim().split('\n').pop() ?? '').split(' ').map(Number)
      fs.rmSync(rssFile, { force: true })
      resolve({ wallMs, peakRssKb: rss!, cpuMs: (user! + sys!) * 1000, serverCpuMs: (cpu.user + cpu.system) / 1000, stdout, stderr, code })
    })
  })
}

function folderStats(dir: string): { files: number; bytes: number } {
  let files = 0
  let bytes = 0
  for (const name of fs.readdirSync(dir)) {
    const st = fs.statSync(path.join(dir, name))
    if (st.isFile() && !name.startsWith('.')) {
      files++
      bytes += st.size
    }
  }
  return { files, bytes }
}

async function prepare(sim: Simulator, images: number, root: string, log: (s: string) => void) {
  const tasks = Math.ceil(images / IMAGES_PER_TASK)
  const taskIds: string[] = []
  for (let t = 0; t < tasks; t++) {
    const n = Math.min(IMAGES_PER_TASK, images - t * IMAGES_PER_TASK)
    const id = `bench-${String(t).padStart(4, '0')}`
    sim.addTask({ id, lifecycle: [{ status: 'finished' }], images: Array.from({ length: n }, () => ({ bytes: IMAGE_BYTES })) })
    taskIds.push(id)
  }
  const started = performance.now()
  const all = taskIds.flatMap((id, t) => Array.from({ length: Math.min(IMAGES_PER_TASK, images - t * IMAGES_PER_TASK) }, (_, i) => [id, i] as const))
  let totalBytes = 0
  for (let i = 0; i < all.length; i += 16) {
    const chunk = await Promise.all(all.slice(i, i + 16).map(([id, idx]) => sim.imageBytes(id, idx)))
    totalBytes += chunk.reduce((n, b) => n + b.length, 0)
  }
  log(`generated ${all.length} noise PNGs (${(totalBytes / 1e6).toFixed(0)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s (not timed)`)

  const dataDir = path.join(root, 'data')
  const store = openHistoryStore({ dataDir })
  const urls: Array<{ url: string; name: string }> = []
  for (const id of taskIds) {
    const n = sim.getTask(id)!.imageCount
    const images = Array.from({ length: n }, (_, i) => ({ url: sim.imageUrl(id, i) }))
    store.recordQuery(id, { status: 'finished', images })
    images.forEach((img, i) => urls.push({ url: img.url, name: `${id}_${i}.png` }))
  }
  store.close()
  const urlsFile = path.join(root, 'urls.json')
  fs.writeFileSync(urlsFile, JSON.stringify(urls))
  const aria = path.join(root, 'aria2-input.txt')
  fs.writeFileSync(aria, urls.map((u) => `${u.url}\n  out=${u.name}\n`).join(''))
  const curlConfig = (dir: string): string => {
    const file = path.join(root, 'curl-config.txt')
    fs.writeFileSync(file, urls.map((u) => `url = "${u.url}"\noutput = "${path.join(dir, u.name)}"\n`).join(''))
    return file
  }
  return { taskIds, dataDir, urlsFile, aria, curlConfig, totalBytes, count: all.length }
}

/**
 * Our child as the shipped CLI runs it: one bundled file (esbuild, packages left external), no tsx compiling
 * TypeScript at start-up, so spawn-to-exit compares with the peers' spawn-to-exit. Lives under node_modules/.cache
 * so Node resolves the external packages from the repository. Falls back to tsx (and says so) without esbuild.
 */
async function bundleChild(self: string, repoRoot: string): Promise<string[] | null> {
  try {
    const { build } = await import('esbuild')
    const outfile = path.join(repoRoot, 'node_modules', '.cache', 'aidge-bench', 'downloads-child.mjs')
    await build({ entryPoints: [self], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'error' })
    return [outfile]
  } catch (e) {
    console.log(`(esbuild bundle failed, the children run under tsx: ${e instanceof Error ? e.message : String(e)})`)
    return null
  }
}

async function main(): Promise<void> {
  const images = Number(process.argv[2] ?? 500)
  const rounds = Number(process.argv[3] ?? 3)
  const log = (s: string): void => console.log(s)
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aidge-bench-dl-'))
  // loaded here, not at the top: the bundled child must not load sharp
  const { startSimulator } = await import('../test/sim')
  const sim = await startSimulator({ urlTtlMs: 6 * 3_600_000, logLimit: 10 })
  const self = fileURLToPath(import.meta.url)
  const repoRoot = path.resolve(path.dirname(self), '..')
  const bundled = await bundleChild(self, repoRoot)
  const script = bundled ?? ['--import', 'tsx', self]
  try {
    const prep = await prepare(sim, images, root, log)
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
    const ours = async (concurrency: number): Promise<void> => {
      const dir = fresh()
      // a fresh history per run, so nothing is skipped as "already downloaded"
      const dataDir = path.join(root, `data-${run}`)
      fs.cpSync(prep.dataDir, dataDir, { recursive: true })
      const config: ChildConfig = { dataDir, targetDir: dir, taskIds: prep.taskIds, concurrency }
      const r = await timed(process.execPath, [...NODE_ARGS, ...script, '--child', JSON.stringify(config)], { cwd: repoRoot })
      if (process.env.BENCH_CHILD_LOG) fs.appendFileSync(process.env.BENCH_CHILD_LOG, `--- -j ${concurrency}\n${r.stdout}${r.stderr}`)
      const line = r.stdout.trim().split('\n').pop() ?? '{}'
      const out = JSON.parse(line) as { ms: number; failed: number; failures: string[] }
      if (out.failed) throw new Error(`our downloader failed ${out.failed} files: ${out.failures.join('; ')}`)
      check(`aidge downloader -j ${concurrency}`, concurrency, dir, r, out.ms)
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
    printTable(results, prep.totalBytes, prep.count, bundled !== null)
  } finally {
    await sim.close()
    fs.rmSync(root, { recursive: true, force: true })
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
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
