// Child process for crash.test.ts (and the benchmark): runs one download batch and reports each finished file on
// stdout, until it is done or killed. Re-queries go through the real client to the simulator.
// usage: node --import tsx crashWorker.ts <json config>
import { AidgeClient } from '../../src/main/aidge'
import { createDownloader, LOCAL_ENDPOINT_HOSTS, refreshWithClient } from '../../src/main/downloads'
import { openHistoryStore } from '../../src/main/history'

interface WorkerConfig {
  dataDir: string
  folder: string
  simUrl: string
  accessKeyName: string
  secret: string
  taskIds: string[]
  concurrency?: number
  stallTimeoutMs?: number
  progressIntervalMs?: number
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '') as WorkerConfig
  const store = openHistoryStore({ dataDir: config.dataDir })
  // as createServices does at start: downloads a crash left 'pending' go back to 'none'
  store.resetPendingDownloads()
  const client = new AidgeClient({ credentials: { accessKeyName: config.accessKeyName, secret: config.secret }, endpoint: config.simUrl })
  const downloader = createDownloader({
    history: store,
    imageHosts: () => LOCAL_ENDPOINT_HOSTS,
    refresh: refreshWithClient(client, store),
    concurrency: config.concurrency ?? 4,
    stallTimeoutMs: config.stallTimeoutMs ?? 30_000,
    progressIntervalMs: config.progressIntervalMs ?? 250,
    retry: { baseDelayMs: 50, maxDelayMs: 500 }
  })
  const batch = downloader.start({ folder: config.folder, taskIds: config.taskIds, manifest: true })
  batch.on('file', (e) => {
    if (e.type === 'finished') process.stdout.write(`finished ${e.taskId} ${e.index} ${e.outcome.status}\n`)
    if (e.type === 'progress' && e.receivedBytes > 0) process.stdout.write(`progress ${e.taskId} ${e.index} ${e.receivedBytes}\n`)
  })
  const report = await batch.done
  await downloader.close()
  await client.close()
  store.close()
  process.stdout.write(`report ${JSON.stringify({ downloaded: report.downloaded, skipped: report.skipped, failed: report.failed, failures: report.failures.map((f) => f.reason) })}\n`)
  process.stdout.write(`maxrss ${process.resourceUsage().maxRSS}\n`)
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
  process.exit(1)
})
