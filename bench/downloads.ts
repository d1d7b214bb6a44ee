// Download benchmark: 500 images of ~1 MB from the simulator on 127.0.0.1, fetched by this app's downloader (in a
// child process, as the CLI would run it), by aria2c and by curl --parallel, each into a fresh folder.
// Figures: throughput (MB/s) and peak RSS, side by side, with the ratio to the faster peer.
// Run: npx tsx bench/downloads.ts [images] [rounds]
//
// Fairness notes. All three fetch the same signed URLs over keep-alive HTTP/1.1 with 16 transfers at once (ours
// also at its default of 6). Ours does more per file than the peers: sha256 of every byte, magic-byte check,
// fsync of the file and its folder, an atomic rename, and a SQLite history update per file; aria2c and curl only
// write. Our throughput is timed inside the child from batch start to batch done (tsx's start-up compile is not
// the downloader's cost; the wall time including it is printed too); peers are timed from spawn to exit. Peak RSS
// is GNU time's "maximum resident set size" for every tool (for ours: the node process running the batch, about
// 90 MB of which is node + tsx before any download starts).
//
// A third Node row, "node floor", is the cheapest Node client possible (undici.stream into fs.createWriteStream,
// no hash, no fsync, no verification, no history): the gap between it and curl is the runtime's, not the
// downloader's. The URLs live 6 hours (the simulator's TTL), far beyond the run.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { createDownloader } from '../src/main/downloads'
import { openHistoryStore } from '../src/main/history'
import { Agent, stream } from 'undici'
import { startSimulator, type Simulator } from '../test/sim'

const IMAGES_PER_TASK = 10
const IMAGE_BYTES = 1_000_000
const PARALLEL = 16

interface ChildConfig {
  dataDir: string
  targetDir: string
  taskIds: string[]
  concurrency: number
}

interface RunResult {
  tool: string
  wallMs: number
  /** what the throughput is computed from */
  timedMs: number
  bytes: number
  files: number
  peakRssKb: number
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
  const downloader = createDownloader({ history: store, concurrency: config.concurrency })
  const started = performance.now()
  const batch = downloader.start({ targetDir: config.targetDir, taskIds: config.taskIds })
  const report = await batch.done
  const ms = performance.now() - started
  await downloader.close()
  store.close()
  process.stdout.write(`${JSON.stringify({ ms, downloaded: report.downloaded, failed: report.failed, bytes: report.bytesReceived, failures: report.failures.slice(0, 3).map((f) => f.reason) })}\n`)
}

function timed(cmd: string, args: string[], opts: { cwd?: string } = {}): Promise<{ wallMs: number; peakRssKb: number; stdout: string; stderr: string; code: number | null }> {
  const rssFile = path.join(os.tmpdir(), `aidge-bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`)
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const p = spawn('/usr/bin/time', ['-f', '%M', '-o', rssFile, cmd, ...args], { stdio: ['ignore', 'pipe', 'pipe'], ...opts })
    let stdout = ''
    let stderr = ''
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    p.on('error', reject)
    p.on('exit', (code) => {
      const wallMs = performance.now() - started
      const peakRssKb = Number(fs.readFileSync(rssFile, 'utf8').trim().split('\n').pop())
      fs.rmSync(rssFile, { force: true })
      resolve({ wallMs, peakRssKb, stdout, stderr, code })
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

async function main(): Promise<void> {
  const images = Number(process.argv[2] ?? 500)
  const rounds = Number(process.argv[3] ?? 3)
  const log = (s: string): void => console.log(s)
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aidge-bench-dl-'))
  const sim = await startSimulator({ urlTtlMs: 6 * 3_600_000, logLimit: 10 })
  const self = fileURLToPath(import.meta.url)
  const repoRoot = path.resolve(path.dirname(self), '..')
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
    const check = (tool: string, dir: string, r: { wallMs: number; peakRssKb: number; code: number | null; stderr: string }, timedMs = r.wallMs): void => {
      const st = folderStats(dir)
      if (r.code !== 0 || st.files !== prep.count || st.bytes !== prep.totalBytes) {
        throw new Error(`${tool}: exit ${r.code}, ${st.files}/${prep.count} files, ${st.bytes}/${prep.totalBytes} bytes; ${r.stderr.slice(0, 500)}`)
      }
      results.push({ tool, wallMs: r.wallMs, timedMs, bytes: st.bytes, files: st.files, peakRssKb: r.peakRssKb })
      log(`  ${tool.padEnd(34)} ${(st.bytes / 1e6 / (timedMs / 1000)).toFixed(0).padStart(5)} MB/s  peak RSS ${(r.peakRssKb / 1024).toFixed(0)} MB`)
      fs.rmSync(dir, { recursive: true, force: true })
    }
    const ours = async (concurrency: number): Promise<void> => {
      const dir = fresh()
      // a fresh history per run, so nothing is skipped as "already downloaded"
      const dataDir = path.join(root, `data-${run}`)
      fs.cpSync(prep.dataDir, dataDir, { recursive: true })
      const config: ChildConfig = { dataDir, targetDir: dir, taskIds: prep.taskIds, concurrency }
      const r = await timed(process.execPath, ['--import', 'tsx', self, '--child', JSON.stringify(config)], { cwd: repoRoot })
      const line = r.stdout.trim().split('\n').pop() ?? '{}'
      const out = JSON.parse(line) as { ms: number; failed: number; failures: string[] }
      if (out.failed) throw new Error(`our downloader failed ${out.failed} files: ${out.failures.join('; ')}`)
      check(`aidge downloader (-j ${concurrency})`, dir, r, out.ms)
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
    const nodeFloor = async (): Promise<void> => {
      const dir = fresh()
      const r = await timed(process.execPath, ['--import', 'tsx', self, '--baseline', JSON.stringify({ urlsFile: prep.urlsFile, targetDir: dir })], { cwd: repoRoot })
      const out = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { ms: number }
      check(`(node floor: undici.stream -> file)`, dir, r, out.ms)
    }
    for (let round = 1; round <= rounds; round++) {
      log(`round ${round}:`)
      await ours(PARALLEL)
      await ours(6)
      await nodeFloor()
      let dir = fresh()
      check(`aria2c -j ${PARALLEL}`, dir, await timed('aria2c', ['-i', prep.aria, '-j', String(PARALLEL), '-d', dir, '--allow-overwrite=true', '-q', '--console-log-level=warn']))
      dir = fresh()
      check(`curl --parallel-max ${PARALLEL}`, dir, await timed('curl', ['--parallel', '--parallel-max', String(PARALLEL), '-s', '-S', '--fail', '-K', prep.curlConfig(dir)]))
    }
    printTable(results, prep.totalBytes, prep.count)
  } finally {
    await sim.close()
    fs.rmSync(root, { recursive: true, force: true })
  }
}

function printTable(results: RunResult[], totalBytes: number, count: number): void {
  const best = new Map<string, RunResult & { maxRss: number }>()
  for (const r of results) {
    const b = best.get(r.tool)
    const maxRss = Math.max(b?.maxRss ?? 0, r.peakRssKb)
    if (!b || r.timedMs < b.timedMs) best.set(r.tool, { ...r, maxRss })
    else b.maxRss = maxRss
  }
  const mbps = (r: RunResult): number => r.bytes / 1e6 / (r.timedMs / 1000)
  const peers = [...best.values()].filter((r) => !r.tool.startsWith('aidge') && !r.tool.startsWith('('))
  const fastestPeer = peers.reduce((a, b) => (mbps(a) >= mbps(b) ? a : b))
  const header = ['tool (best of rounds)', 'MB/s', 'time s', 'wall s', 'peak RSS MB', `vs ${fastestPeer.tool.split(' ')[0]}`]
  const rows = [...best.values()].map((r) => [
    r.tool,
    mbps(r).toFixed(0),
    (r.timedMs / 1000).toFixed(2),
    (r.wallMs / 1000).toFixed(2),
    (r.maxRss / 1024).toFixed(0),
    `${(mbps(r) / mbps(fastestPeer)).toFixed(2)}x`
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((l) => l[i]!.length)))
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')
  console.log(`\n${count} images, ${(totalBytes / 1e6).toFixed(0)} MB, simulator on 127.0.0.1, ${os.cpus().length} CPUs`)
  console.log(line(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'))
  for (const r of rows) console.log(line(r))
  console.log('(peak RSS: worst of the rounds; "time" is the batch inside our child, spawn-to-exit for the peers)')
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
