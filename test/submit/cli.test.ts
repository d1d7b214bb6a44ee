// aidge-tasks submit and balance, end to end (the built CLI as a child process against the simulator): the --json
// shapes, stdin inputs, URLs, exit codes, and the whole pipeline with --watch --download.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SUBMIT_API } from '../sim'
import { cliEnv, cliSuite, expectExit, parseJson, runCli } from '../cli/cliHarness'
import { makePhoto, sha256, writePhotos } from './photos'

const suite = cliSuite({ submitQpsLimit: 20 })

interface SubmitDoc {
  submitted: Array<{ input: string; taskId: string }>
  skipped: Array<{ input: string; taskId: string | null; reason: string }>
  rejected: Array<{ input: string; error: string }>
  unknown: Array<{ input: string; requestId: string | null; error: string }>
  tasks?: Array<{ taskId: string; status: string }>
  files?: Array<{ taskId: string; index: number; path: string }>
  failed?: unknown[]
}

describe('aidge-tasks submit', () => {
  it('prints the JSON shape; a second run skips with the task id; exit 0', async () => {
    const { sim, sb } = suite
    const photos = await writePhotos(sb.root, 2)
    const env = cliEnv(sim, sb)
    const first = await runCli(['submit', ...photos.map((p) => p.path), '--count', '1', '--json'], { env })
    expectExit(first, 0)
    const doc = parseJson<SubmitDoc>(first)
    expect(doc).toEqual({ submitted: photos.map((p) => ({ input: p.path, taskId: expect.any(String) })), skipped: [], rejected: [], unknown: [] })
    const again = parseJson<SubmitDoc>(await runCli(['submit', ...photos.map((p) => p.path), '--count', '1', '--json'], { env }))
    expect(again.skipped).toEqual(doc.submitted.map((s) => ({ input: s.input, taskId: s.taskId, reason: 'already-submitted' })))
    expect(Object.values(sim.stats().createdByInput).filter((n) => n > 1)).toEqual([])
  })

  it('reads inputs from stdin, one path or URL a line; rejected and unknown exit 1', async () => {
    const { sim, sb } = suite
    const [ok, lost] = await writePhotos(sb.root, 2, { seed: 2000 }, 'stdin')
    const url = sim.hostFile(`shirt-${Date.now()}.png`, await makePhoto({ format: 'png', seed: 77 }))
    sim.fault({ kind: 'lostAnswer', apiPath: SUBMIT_API, input: sha256(lost!.bytes), times: 1 })
    const stdin = [ok!.path, '', lost!.path, url, `${sim.url}/files/missing.png`, join(sb.root, 'nope.jpg')].join('\n') + '\n'
    const r = await runCli(['submit', '--json'], { env: cliEnv(sim, sb), stdin })
    expectExit(r, 1)
    const doc = parseJson<SubmitDoc>(r)
    expect(doc.submitted.map((s) => s.input).sort()).toEqual([ok!.path, url].sort())
    expect(doc.unknown).toEqual([{ input: lost!.path, requestId: null, error: expect.stringContaining('reset') }])
    expect(doc.rejected).toEqual([
      { input: `${sim.url}/files/missing.png`, error: expect.stringMatching(/701.*requestId/) },
      { input: join(sb.root, 'nope.jpg'), error: expect.stringContaining('does not exist') }
    ])
    // The unknown one is not sent again by a re-run: it is reported as still unknown.
    const again = parseJson<SubmitDoc>(await runCli(['submit', lost!.path, '--json'], { env: cliEnv(sim, sb) }))
    expect(again.skipped).toEqual([{ input: lost!.path, taskId: null, reason: 'still-unknown' }])
    expect(sim.stats().createdByInput[sha256(lost!.bytes)]).toBe(1)
  })

  it('the whole pipeline in one command: submit --watch --download DIR', async () => {
    const { sim, sb } = suite
    const photos = await writePhotos(sb.root, 2, { seed: 3000 }, 'pipe')
    const out = join(sb.root, 'out')
    const r = await runCli(['submit', ...photos.map((p) => p.path), '--count', '2', '--watch', '--download', out, '--json'], { env: cliEnv(sim, sb), timeoutMs: 60_000 })
    expectExit(r, 0)
    const doc = parseJson<SubmitDoc>(r)
    expect(doc.submitted).toHaveLength(2)
    expect(doc.tasks?.map((t) => t.status)).toEqual(['finished', 'finished'])
    expect(doc.files).toHaveLength(4)
    expect(doc.failed).toEqual([])
    for (const f of doc.files!) expect(existsSync(f.path)).toBe(true)
  })

  it('usage errors exit 2 before any call', async () => {
    const { sim, sb } = suite
    const env = cliEnv(sim, sb)
    const before = sim.stats().submitCalls
    for (const [args, text] of [
      [['submit', 'x.jpg', '--model', 'PINK'], '--model must be one of'],
      [['submit', 'x.jpg', '--count', '0'], '--count must be a whole number'],
      [['submit', 'x.jpg', '--gender', 'other'], '--gender must be'],
      [['submit'], 'give photo files or image URLs'],
      [['query', 'abc12345', '--fit'], '--fit goes with submit'],
      [['balance', '--count', '2'], '--count does not go with balance']
    ] as const) {
      const r = await runCli(args, { env })
      expectExit(r, 2)
      expect(r.stderr).toContain(text)
    }
    expect(sim.stats().submitCalls).toBe(before)
  })
})

describe('aidge-tasks balance', () => {
  it('prints {"apiPath","balance"} for the submit API by default, and for --api', async () => {
    const { sim, sb } = suite
    sim.configure({ submitBalance: 321, balance: 55 })
    const r = await runCli(['balance', '--json'], { env: cliEnv(sim, sb) })
    expectExit(r, 0)
    expect(parseJson(r)).toEqual({ apiPath: SUBMIT_API, balance: 321 })
    const q = parseJson(await runCli(['balance', '--api', '/ai/virtual/model/generation/query', '--json'], { env: cliEnv(sim, sb) }))
    expect(q).toEqual({ apiPath: '/ai/virtual/model/generation/query', balance: 55 })
  })
})
