// SIGKILL in the middle of a submit batch, then a re-run of the same command: every photo is created exactly once
// or reported unknown, none twice (the simulator counts creations per input). The batch runs in the built CLI as a
// real child process, killed without any chance to clean up.
import { describe, expect, it } from 'vitest'
import { SUBMIT_API } from '../sim'
import { cliEnv, cliSuite, expectExit, parseJson, runCli, startCli, until } from '../cli/cliHarness'
import { sha256, writePhotos } from './photos'

const suite = cliSuite({})

interface SubmitDoc {
  submitted: Array<{ input: string; taskId: string }>
  skipped: Array<{ input: string; taskId: string | null; reason: string }>
  rejected: Array<{ input: string; error: string }>
  unknown: Array<{ input: string; requestId: string | null; error: string }>
}

describe('a submit batch killed with SIGKILL', () => {
  it('while a call is on its way: that photo is unknown, the rest are created exactly once on the re-run', async () => {
    const { sim, sb } = suite
    const photos = await writePhotos(sb.root, 6, { seed: 5000 })
    const keys = photos.map((p) => sha256(p.bytes))
    // The third photo's call hangs: the process is killed while it is on its way.
    sim.fault({ kind: 'stallHeaders', apiPath: SUBMIT_API, input: keys[2], times: 1 })
    const args = ['submit', ...photos.map((p) => p.path), '--count', '1', '--json']
    const env = cliEnv(sim, sb)
    const run = startCli(args, { env, timeoutMs: 60_000 })
    // The fault is used up when the third photo's call has arrived (and hangs).
    await until('the third call', () => sim.activeFaults().length === 0, 30_000)
    run.child.kill('SIGKILL')
    const killed = await run.result
    expect(killed.signal).toBe('SIGKILL')
    sim.clearFaults()
    const createdBefore = { ...sim.stats().createdByInput }
    expect(createdBefore[keys[2]!]).toBeUndefined()

    const rerun = await runCli(args, { env, timeoutMs: 60_000 })
    expectExit(rerun, 1) // one unknown
    const doc = parseJson<SubmitDoc>(rerun)
    expect(doc.rejected).toEqual([])
    expect(doc.unknown.map((u) => u.input)).toEqual([photos[2]!.path])
    expect(doc.unknown[0]!.error).toContain('stopped while this photo was being sent')
    const created = sim.stats().createdByInput
    photos.forEach((p, i) => expect(created[keys[i]!] ?? 0, p.path).toBe(i === 2 ? 0 : 1))
    // Every other photo is reported with its task: sent in this run, or skipped as sent by the killed one.
    const reported = new Map([...doc.submitted.map((s) => [s.input, s.taskId] as const), ...doc.skipped.filter((s) => s.reason === 'already-submitted').map((s) => [s.input, s.taskId!] as const)])
    expect([...reported.keys()].sort()).toEqual(photos.filter((_, i) => i !== 2).map((p) => p.path).sort())
    expect(new Set(reported.values()).size).toBe(5)
    // A third run changes nothing and sends nothing.
    const calls = sim.stats().submitCalls
    const third = parseJson<SubmitDoc>(await runCli(args, { env }))
    expect(third.submitted).toEqual([])
    expect(sim.stats().submitCalls).toBe(calls)
  })

  it('at arbitrary moments, run after run: no photo is ever created twice', async () => {
    const { sim, sb } = suite
    const photos = await writePhotos(sb.root, 8, { seed: 6000 })
    const keys = photos.map((p) => sha256(p.bytes))
    const args = ['submit', ...photos.map((p) => p.path), '--count', '1', '--json']
    const env = cliEnv(sim, sb)
    // Kill after 1, 3 and 5 creations, then let the last run finish.
    for (const after of [1, 3, 5]) {
      const run = startCli(args, { env, timeoutMs: 60_000 })
      const created = () => keys.reduce((n, k) => n + (sim.stats().createdByInput[k] ?? 0), 0)
      await until(`${after} creations`, () => created() >= after, 30_000)
      run.child.kill('SIGKILL')
      await run.result
    }
    const last = await runCli(args, { env, timeoutMs: 60_000 })
    const doc = parseJson<SubmitDoc>(last)
    const counts = keys.map((k) => sim.stats().createdByInput[k] ?? 0)
    expect(counts.every((n) => n <= 1), `creations per photo: ${counts}`).toBe(true)
    // Each photo: created once (and reported with its task), or reported unknown.
    const unknown = new Set(doc.unknown.map((u) => u.input))
    photos.forEach((p, i) => expect(counts[i] === 1 || unknown.has(p.path), p.path).toBe(true))
    expect(last.code).toBe(unknown.size > 0 ? 1 : 0)
  })
})
