// Submit benchmark: 100 garment photos under a 2 submits/s limit (the simulator answers 501 beyond it), sent
// (a) by the app's submit queue through the real services (journal, local checks, Base64, history), and (b) by a
// naive sequential loop (read, encode, POST, wait for the answer; on 501 wait a second and send again), beside the
// limit's own floor: with at most R calls in any one second, N calls need (ceil(N / R) - 1) seconds between the
// first and the last. Real time, real HTTP on 127.0.0.1. Run: npx tsx bench/submit.ts [photos] [perSecond]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { AidgeClient } from '../src/main/aidge/client'
import { AidgeError } from '../src/main/aidge/errors'
import { buildSubmitBody } from '../src/main/aidge/submitBody'
import { createServices } from '../src/main/services'
import { prepareInput } from '../src/main/submit'
import { DEFAULT_SUBMIT_PARAMS } from '../src/shared/submit'
import { startSimulator } from '../test/sim'
import { writePhotos } from '../test/submit/photos'

const N = Number(process.argv[2] ?? 100)
const RATE = Number(process.argv[3] ?? 2)
const floorMs = (Math.ceil(N / RATE) - 1) * 1000

async function main(): Promise<void> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'aidge-bench-submit-'))
  try {
    process.stdout.write(`making ${N} photos (1000x1300 JPEG)... `)
    const photos = await writePhotos(root, N, { width: 1000, height: 1300, noise: true, seed: 42 })
    const avg = photos.reduce((n, p) => n + p.bytes.length, 0) / N
    console.log(`${Math.round(avg / 1024)} KB each`)

    // How long the local checks and the Base64 encoding take on their own, one after another.
    let t = performance.now()
    for (const p of photos) await prepareInput({ input: p.path, inputKind: 'file', fit: false })
    const prepareMs = performance.now() - t

    // (a) the app's queue
    const simA = await startSimulator({ submitQpsLimit: RATE, submitBalance: 1_000_000 })
    const services = await createServices({
      dataDir: path.join(root, 'data'),
      env: { AIDGE_ACCESS_KEY_NAME: simA.accessKeyName, AIDGE_ACCESS_KEY_SECRET: simA.secret },
      connection: { endpoint: simA.url },
      submitOptions: { maxPerSecond: RATE, maxInFlight: 2 }
    })
    t = performance.now()
    const { rows } = services.submissions.submit(photos.map((p) => ({ input: p.path, inputKind: 'file' as const, params: DEFAULT_SUBMIT_PARAMS, fit: false, again: false })))
    const done = await services.submissions.queue.settled(rows.map((r) => r.id))
    const appMs = performance.now() - t
    const app = { ms: appMs, created: simA.stats().tasksCreated, calls: simA.stats().submitCalls, submitted: done.filter((r) => r.state === 'submitted').length }
    await services.close()
    await simA.close()

    // (b) a naive sequential loop on the same client
    const simB = await startSimulator({ submitQpsLimit: RATE, submitBalance: 1_000_000 })
    const client = new AidgeClient({ credentials: { accessKeyName: simB.accessKeyName, secret: simB.secret }, endpoint: simB.url })
    t = performance.now()
    for (const p of photos) {
      const body = buildSubmitBody(DEFAULT_SUBMIT_PARAMS, { base64: readFileSync(p.path).toString('base64') })
      for (;;) {
        try {
          await client.submitTask(body)
          break
        } catch (e) {
          if (!(e instanceof AidgeError && e.kind === 'rateLimit')) throw e
          await new Promise((r) => setTimeout(r, 1000))
        }
      }
    }
    const naive = { ms: performance.now() - t, created: simB.stats().tasksCreated, calls: simB.stats().submitCalls }
    await client.close()
    await simB.close()

    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`
    const ratio = (ms: number) => (floorMs / ms).toFixed(2)
    console.log(`\n${N} photos, limit ${RATE} submits/s (501 beyond it)`)
    console.log(`local checks + Base64 alone, one after another: ${s(prepareMs)} (overlapped with the calls in the app's queue)`)
    console.log('')
    console.log('strategy                      time      floor/time   calls   created   501 answers')
    console.log(`limit's own floor             ${s(floorMs).padEnd(10)}${'1.00'.padEnd(13)}${String(N).padEnd(8)}${String(N).padEnd(10)}0`)
    console.log(`app's submit queue            ${s(app.ms).padEnd(10)}${ratio(app.ms).padEnd(13)}${String(app.calls).padEnd(8)}${String(app.created).padEnd(10)}${app.calls - app.created}`)
    console.log(`naive sequential loop         ${s(naive.ms).padEnd(10)}${ratio(naive.ms).padEnd(13)}${String(naive.calls).padEnd(8)}${String(naive.created).padEnd(10)}${naive.calls - naive.created}`)
    if (app.submitted !== N || app.created !== N) throw new Error(`the queue submitted ${app.submitted} and created ${app.created} of ${N}`)
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
