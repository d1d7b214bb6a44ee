// The secret never reaches the database, settings, logs, exports or messages: a full run of every command
// against the simulator with a distinctive secret, then every file of the data folder (the SQLite file and,
// scanned while a run holds it open, its -wal and -shm files), every export and all captured output are
// searched for the secret and for every request signature the CLI sent (captured by a recording proxy).
import { readFileSync, writeFileSync } from 'node:fs'
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signForTest, startSimulator, type Simulator } from '../sim'
import {
  cliEnv,
  expectExit,
  filesContainingAny,
  filesUnder,
  lastRequestId,
  parseJson,
  requireBuiltCli,
  runCli,
  sandbox,
  startCli,
  taskId,
  transcript,
  type Sandbox
} from './cliHarness'

const SECRET = 'CliScan-Secret-7d41c9e2b85a-NeverWritten'
const WRONG_SECRET = 'CliScan-WrongSecret-0c93aa17-NeverWritten'

interface Capture {
  url: string
  /** every (timestamp, sign) pair the CLI sent */
  signed: Array<{ timestamp: string; sign: string }>
  close(): Promise<void>
}

/** A pass-through proxy in front of the simulator that records the signature of every call. */
async function recordingProxy(target: string): Promise<Capture> {
  const signed: Capture['signed'] = []
  const server: Server = createServer((req, res) => {
    const params = new URL(req.url ?? '/', 'http://proxy').searchParams
    const sign = params.get('sign')
    if (sign) signed.push({ timestamp: params.get('timestamp') ?? '', sign })
    const upstream = request(`${target}${req.url ?? '/'}`, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    signed,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

let sim: Simulator
let proxy: Capture
let sb: Sandbox

beforeAll(async () => {
  requireBuiltCli()
  sim = await startSimulator({ secret: SECRET, accessKeyName: 'scan-key-7' })
  proxy = await recordingProxy(sim.url)
  sb = sandbox()
})
afterAll(async () => {
  sb?.cleanup()
  await proxy?.close()
  await sim?.close()
})

describe('the secret after a full run', () => {
  it('is in no file of the data folder, no export, no output, and neither is any request signature', async () => {
    const env = cliEnv(sim, sb, { AIDGE_ENDPOINT: proxy.url })
    const ids = { done: taskId('done'), later: taskId('later'), failed: taskId('failed'), refused: taskId('refused'), forever: taskId('forever') }
    sim.addTask({ id: ids.done, lifecycle: [{ status: 'finished' }], images: 2, message: 'done' })
    sim.addTask({ id: ids.later, lifecycle: [{ status: 'running' }, { status: 'finished', afterQueries: 1 }], images: 1 })
    sim.addTask({ id: ids.failed, lifecycle: [{ status: 'failed' }], failMessage: 'model failed' })
    sim.addTask({ id: ids.refused, businessError: { resCode: 1002 } })
    sim.addTask({ id: ids.forever, lifecycle: [{ status: 'running' }] })

    expectExit(await runCli(['credentials', 'status'], { env }), 0)
    expectExit(await runCli(['credentials', 'status', '--json'], { env }), 0)
    // Piping a secret to set while the environment holds the credentials: refused, and not echoed.
    const set = await runCli(['credentials', 'set', '--key-name', 'scan-key-7'], { env, stdin: `${SECRET}\n` })
    expectExit(set, 2)
    expect(set.stderr).toContain('environment variables')

    expectExit(await runCli(['query', ids.done, ids.failed, ids.refused], { env }), 1)
    expectExit(await runCli(['query', '--json', ids.done, ids.later], { env }), 0)
    expectExit(await runCli(['watch', '--json', ids.later, ids.done], { env }), 0)

    // While a watch holds the database open, the -wal and -shm files exist: scan them then, and interrupt.
    const live = startCli(['watch', ids.forever], { env })
    const deadline = Date.now() + 10_000
    while (lastRequestId(sim, ids.forever) === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25))
    await new Promise((r) => setTimeout(r, 300))
    const liveFiles = filesUnder(sb.dataDir)
    expect(liveFiles.map((f) => f.slice(sb.dataDir.length + 1)).sort()).toEqual(expect.arrayContaining(['history.sqlite', 'history.sqlite-shm', 'history.sqlite-wal']))
    const liveHits = filesContainingAny(liveFiles, [SECRET, ...proxy.signed.map((s) => s.sign)])
    live.child.kill('SIGINT')
    // Windows has no signals for a child process: kill('SIGINT') ends it at once, so only POSIX sees the clean 130.
    const interrupted = await live.result
    if (process.platform !== 'win32') expectExit(interrupted, 130)

    // A wrong secret: the auth error is recorded on the task, without the secret.
    expectExit(await runCli(['query', ids.done], { env: { ...env, AIDGE_ACCESS_KEY_SECRET: WRONG_SECRET } }), 2)

    expectExit(await runCli(['history'], { env }), 0)
    expectExit(await runCli(['history', '--json', '--search', 'done'], { env }), 0)
    const exports: string[] = []
    for (const format of ['csv', 'json']) {
      for (const withUrls of [[], ['--with-urls']]) {
        const file = join(sb.root, `export-${format}${withUrls.length ? '-urls' : ''}.${format}`)
        expectExit(await runCli(['export', '--format', format, ...withUrls, '--out', file], { env }), 0)
        exports.push(file)
        expectExit(await runCli(['export', '--format', format, ...withUrls], { env }), 0)
      }
    }
    const exported = parseJson<unknown[]>(await runCli(['export', '--format', 'json', '--with-urls'], { env }))
    expect(exported).toHaveLength(5)

    // The proxy saw real signatures of this secret: the scan looks for the right things.
    expect(proxy.signed.length).toBeGreaterThanOrEqual(5)
    for (const { timestamp, sign } of proxy.signed) {
      if (sign !== signForTest(WRONG_SECRET, timestamp)) expect(sign).toBe(signForTest(SECRET, timestamp))
    }
    const signs = [...new Set(proxy.signed.map((s) => s.sign))]
    const needles = [SECRET, WRONG_SECRET, ...signs]

    // The scanner finds a planted copy (so an empty result below means something).
    const planted = join(sb.root, 'planted.bin')
    writeFileSync(planted, Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(`x${SECRET}y${signs[0]}`), Buffer.from([255])]))
    expect(filesContainingAny([planted], needles).map((h) => h.needle)).toEqual([SECRET, signs[0]])

    const files = [...filesUnder(sb.dataDir), ...exports]
    expect(files.length).toBeGreaterThanOrEqual(5)
    expect(liveHits).toEqual([])
    expect(filesContainingAny(files, needles)).toEqual([])
    const output = transcript.join('\n')
    expect(output.length).toBeGreaterThan(1000)
    for (const needle of needles) expect(output.includes(needle), `output contains ${needle.slice(0, 12)}...`).toBe(false)
    // Nor anything shaped like a signature (64 upper-case hex digits), in any file or output.
    const signLike = /(?<![0-9A-F])[0-9A-F]{64}(?![0-9A-F])/
    for (const file of files) expect(signLike.test(readFileSync(file).toString('latin1')), file).toBe(false)
    expect(signLike.test(output)).toBe(false)
  }, 90_000) // some twenty CLI processes, one after another: seconds each when the machine is busy
})
