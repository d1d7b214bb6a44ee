// aidge-tasks exit codes for usage and configuration errors (2) and failed runs (1), end to end.
import { describe, expect, it } from 'vitest'
import { startSimulator } from '../sim'
import { baseEnv, cliEnv, cliSuite, expectExit, parseJson, runCli, taskId } from './cliHarness'

const suite = cliSuite({ accessKeyName: 'cli-errors-key' })

const USAGE_HINT = 'run `aidge-tasks --help` for usage'

describe('usage errors exit 2 before any call', () => {
  it('rejects a bad task id, naming it, and changes nothing (not even the good ids)', async () => {
    const good = taskId('good')
    suite.sim.addTask({ id: good, lifecycle: [{ status: 'finished' }] })
    const long = `x${'0'.repeat(140)}`

    const r = await runCli(['query', good, 'has space', long], { env: cliEnv(suite.sim, suite.sb) })
    expectExit(r, 2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('invalid task id "has space": the task id contains white space at position 4')
    expect(r.stderr).toContain(`invalid task id "${long.slice(0, 60)}": the task id is 141 characters long; at most 128 are allowed`)
    expect(r.stderr).toContain(USAGE_HINT)
    expect(suite.sim.stats().callsByTask[good]).toBeUndefined()

    const history = await runCli(['history', '--json'], { env: cliEnv(suite.sim, suite.sb) })
    expectExit(history, 0)
    expect(parseJson(history)).toEqual({ tasks: [], total: 0 })

    // The same for watch, and for an id with a control character that came on stdin one per line.
    const watch = await runCli(['watch', 'bad\u0007id'], { env: cliEnv(suite.sim, suite.sb) })
    expectExit(watch, 2)
    expect(watch.stderr).toContain('invalid task id "bad\\u0007id": the task id contains a control character at position 4')
  })

  it.each([
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['query', '--bogus', 'abc12345'], "Unknown option '--bogus'"],
    [['history', '--limit', 'lots'], '--limit must be a whole number from 1 to 100000'],
    [['history', '--region', 'mars'], '--region must be global or cn, not "mars"'],
    [['export'], 'export needs --format csv or --format json'],
    [['export', '--format', 'xml'], '--format must be csv or json, not "xml"'],
    [['credentials'], 'credentials takes set, clear or status'],
    [['credentials', 'rotate'], 'credentials takes set, clear or status'],
    [['query', '--download', '/tmp/x', 'abc12345'], '--download goes with watch'],
    [['query', '--json', '--region'], "Option '--region <value>' argument missing"]
  ])('aidge-tasks %j -> 2', async (args, message) => {
    const r = await runCli(args, { env: cliEnv(suite.sim, suite.sb) })
    expectExit(r, 2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain(`aidge-tasks: ${message}`)
    expect(r.stderr).toContain(USAGE_HINT)
  })

  it('refuses a secret on the command line without echoing it', async () => {
    const argvSecret = 'Argv-Secret-2b7e9d-do-not-echo'
    const r = await runCli(['credentials', 'set', '--key-name', 'k1', argvSecret], { env: baseEnv(suite.sb.home), stdin: 'from-stdin-secret\n' })
    expectExit(r, 2)
    expect(r.stderr).toContain('the secret on stdin')
    expect(r.stdout + r.stderr).not.toContain(argvSecret)
  })

  it('asks for ids when none are given and stdin holds none', async () => {
    const empty = await runCli(['query'], { env: cliEnv(suite.sim, suite.sb), stdin: '' })
    expectExit(empty, 2)
    expect(empty.stderr).toContain('no task ids found on stdin')
    const words = await runCli(['watch'], { env: cliEnv(suite.sim, suite.sb), stdin: 'nothing to see here, just words\n and, more words\n' })
    expectExit(words, 2)
    expect(words.stderr).toContain('no task ids found on stdin')
  })

  it('--help and no arguments print the usage and exit 0', async () => {
    for (const args of [['--help'], ['-h'], [], ['help']]) {
      const r = await runCli(args, { env: baseEnv(suite.sb.home) })
      expectExit(r, 0)
      expect(r.stdout).toContain('aidge-tasks query <taskId...>')
      expect(r.stdout).toContain('exit codes:')
    }
  })
})

describe('configuration errors exit 2', () => {
  it('refuses plain http to anything but this computer, from the flag or from AIDGE_ENDPOINT', async () => {
    const id = taskId('t')
    const flag = await runCli(['query', '--endpoint', 'http://example.com', id], { env: cliEnv(suite.sim, suite.sb) })
    expectExit(flag, 2)
    expect(flag.stderr).toContain('Plain http is allowed only for this computer (127.0.0.1); use https for example.com.')
    const env = await runCli(['watch', id], { env: cliEnv(suite.sim, suite.sb, { AIDGE_ENDPOINT: 'http://example.com:8080/api' }) })
    expectExit(env, 2)
    expect(env.stderr).toContain('use https for example.com')
    const garbage = await runCli(['query', '--endpoint', 'not a url', id], { env: cliEnv(suite.sim, suite.sb) })
    expectExit(garbage, 2)
    expect(garbage.stderr).toContain('is not a valid URL')
    expect(suite.sim.stats().callsByTask[id]).toBeUndefined()
  })

  it('with no credentials at all (no env, no keychain reachable)', async () => {
    const id = taskId('nocreds')
    suite.sim.addTask({ id, lifecycle: [{ status: 'finished' }] })
    const env = { ...baseEnv(suite.sb.home), AIDGE_ENDPOINT: suite.sim.url, AIDGE_DATA_DIR: suite.sb.dataDir }
    const r = await runCli(['query', id], { env })
    expectExit(r, 2)
    expect(r.stderr).toContain('No Aidge access key is configured')
    expect(suite.sim.stats().callsByTask[id]).toBeUndefined()

    // Only one of the two variables: not used, so still none.
    const half = await runCli(['watch', '--json', id], { env: { ...env, AIDGE_ACCESS_KEY_NAME: suite.sim.accessKeyName } })
    expectExit(half, 2)
    expect(half.stderr).toContain('No Aidge access key is configured')
    const status = await runCli(['credentials', 'status', '--json'], { env })
    expectExit(status, 1)
    expect(parseJson(status)).toMatchObject({ configured: false, backend: 'memory', persistent: false })
  })

  it('with a wrong secret: a clear auth message, without the secret', async () => {
    const id = taskId('wrong')
    suite.sim.addTask({ id, lifecycle: [{ status: 'finished' }] })
    const wrong = 'Wrong-Secret-5f1c-not-the-real-one'
    const r = await runCli(['query', '--json', id], { env: cliEnv(suite.sim, suite.sb, { AIDGE_ACCESS_KEY_SECRET: wrong }) })
    expectExit(r, 2)
    expect(r.stderr).toMatch(/^stopped: Gateway error IncompleteSignature: .*Check the access key name and secret/m)
    expect(r.stdout + r.stderr).not.toContain(wrong)
    // The JSON document is still printed, with the auth error on the task.
    expect(parseJson<{ tasks: Array<{ error: { kind: string } | null }> }>(r).tasks[0]?.error?.kind).toBe('auth')

    const badKey = await runCli(['watch', id], { env: cliEnv(suite.sim, suite.sb, { AIDGE_ACCESS_KEY_NAME: 'not-our-key' }) })
    expectExit(badKey, 2)
    expect(badKey.stderr).toContain('InvalidAppKey')
  })
})

describe('failed runs exit 1', () => {
  it('when the quota is exhausted, for query and for watch', async () => {
    const exhausted = await startSimulator({ quota: 'exhausted' })
    try {
      const id = taskId('quota')
      exhausted.addTask({ id, lifecycle: [{ status: 'finished' }] })
      const q = await runCli(['query', '--json', id], { env: cliEnv(exhausted, suite.sb) })
      expectExit(q, 1)
      expect(q.stderr).toMatch(/^stopped: Gateway error NoResource: Sorry, your calling resources have been exhausted/m)
      expect(parseJson<{ tasks: Array<{ error: { kind: string } | null }> }>(q).tasks[0]?.error?.kind).toBe('quota')
      const w = await runCli(['watch', id], { env: cliEnv(exhausted, suite.sb) })
      expectExit(w, 1)
      expect(w.stderr).toContain('NoResource')
      // One stop, not a storm of calls.
      expect(exhausted.stats().callsByTask[id]).toBe(2)
    } finally {
      await exhausted.close()
    }
  })

  it('when the server cannot be reached', async () => {
    const gone = await startSimulator()
    const url = gone.url
    await gone.close()
    const id = taskId('down')
    const r = await runCli(['query', '--json', id], { env: { ...cliEnv(suite.sim, suite.sb), AIDGE_ENDPOINT: url } })
    expectExit(r, 1)
    const doc = parseJson<{ tasks: Array<{ taskId: string; error: { kind: string; message: string } | null }> }>(r)
    expect(doc.tasks[0]).toMatchObject({ taskId: id, error: { kind: 'network', message: expect.stringContaining('connection was refused') } })
  })

  it('when --out cannot be written (nothing claims success)', async () => {
    const r = await runCli(['export', '--format', 'csv', '--out', `${suite.sb.root}/no/such/folder/out.csv`], { env: cliEnv(suite.sim, suite.sb) })
    expectExit(r, 1)
    expect(r.stderr).toContain('ENOENT')
    expect(r.stderr).not.toContain('exported')
  })
})
