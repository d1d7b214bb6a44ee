// Shared by both modes of the download benchmark (bench/downloads.ts): the tasks and signed URLs in the
// simulator, our downloader's child process (bundled as the CLI ships), GNU time around every tool, and the
// folder check after each run.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createDownloader, LOCAL_ENDPOINT_HOSTS } from '../src/main/downloads'
import { openHistoryStore } from '../src/main/history'
import { Agent, stream } from 'undici'
import type { Simulator } from '../test/sim'

export const IMAGES_PER_TASK = 10
export const PARALLEL = 16

export interface ChildConfig {
  dataDir: string
  targetDir: string
  taskIds: string[]
  /** a fixed number of files at once; absent: the downloader's defaults (adaptive, as the app and CLI start) */
  concurrency?: number
}

export interface Timed {
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
export async function baseline(config: { urlsFile: string; targetDir: string }): Promise<void> {
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
export async function child(config: ChildConfig): Promise<void> {
  const store = openHistoryStore({ dataDir: config.dataDir })
  const fixed = config.concurrency !== undefined ? { concurrency: config.concurrency, maxConcurrency: config.concurrency } : {}
  const downloader = createDownloader({ history: store, ...fixed, imageHosts: () => LOCAL_ENDPOINT_HOSTS })
  const started = performance.now()
  const batch = downloader.start({ folder: config.targetDir, taskIds: config.taskIds })
  let most = 0
  batch.on('file', () => void (most = Math.max(most, batch.concurrencyState().limit)))
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
  process.stdout.write(`${JSON.stringify({ ms, downloaded: report.downloaded, failed: report.failed, bytes: report.bytesReceived, failures: report.failures.slice(0, 3).map((f) => f.reason), limit: batch.concurrencyState().limit, most })}\n`)
}

export function timed(cmd: string, args: string[], opts: { cwd?: string } = {}): Promise<Timed> {
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

export function folderStats(dir: string): { files: number; bytes: number } {
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

export async function prepare(sim: Simulator, images: number, imageBytes: number, root: string, log: (s: string) => void) {
  const tasks = Math.ceil(images / IMAGES_PER_TASK)
  const taskIds: string[] = []
  for (let t = 0; t < tasks; t++) {
    const n = Math.min(IMAGES_PER_TASK, images - t * IMAGES_PER_TASK)
    const id = `bench-${String(t).padStart(4, '0')}`
    sim.addTask({ id, lifecycle: [{ status: 'finished' }], images: Array.from({ length: n }, () => ({ bytes: imageBytes })) })
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
export async function bundleChild(self: string, repoRoot: string): Promise<string[] | null> {
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

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

