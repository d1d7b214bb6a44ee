// aidge-tasks query, end to end: the built CLI in a child process against the simulator.
import { describe, expect, it } from 'vitest'
import { startSimulator } from '../sim'
import { cliEnv, cliSuite, expectExit, lastRequestId, parseJson, runCli, taskId, type JsonDoc } from './cliHarness'

const suite = cliSuite({ accessKeyName: 'cli-query-key' })

describe('aidge-tasks query', () => {
  it('prints the exact --json document, in the order asked, and exits 0', async () => {
    const done = taskId('done')
    const running = taskId('run')
    suite.sim.addTask({
      id: done,
      lifecycle: [{ status: 'finished' }],
      message: 'two images ready',
      images: [
        { width: 100, height: 150 },
        { width: 200, height: 300, format: 'jpeg' }
      ]
    })
    suite.sim.addTask({ id: running, lifecycle: [{ status: 'running' }] })

    const r = await runCli(['query', '--json', running, done], { env: cliEnv(suite.sim, suite.sb) })
    expectExit(r, 0)
    expect(r.stderr).toBe('')
    const doc = parseJson<JsonDoc>(r)
    const imageUrl = expect.stringMatching(new RegExp(`^${suite.sim.url}/oss/.+\\?OSSAccessKeyId=.+&Expires=\\d+&Signature=.+$`))
    expect(doc).toStrictEqual({
      tasks: [
        { taskId: running, status: 'running', message: null, requestId: lastRequestId(suite.sim, running), images: [], error: null },
        {
          taskId: done,
          status: 'finished',
          message: 'two images ready',
          requestId: lastRequestId(suite.sim, done),
          images: [
            { url: imageUrl, width: 100, height: 150 },
            { url: imageUrl, width: 200, height: 300 }
          ],
          error: null
        }
      ]
    })
    expect(doc.tasks[1]!.requestId).toMatch(/^0b/)
    // One query each, nothing more.
    expect(suite.sim.stats().callsByTask).toMatchObject({ [done]: 1, [running]: 1 })
    // The signed URL in --json is the one the object store accepts.
    const image = await fetch(doc.tasks[1]!.images[1]!.url)
    expect(image.status).toBe(200)
    expect(image.headers.get('content-type')).toBe('image/jpeg')
    await image.arrayBuffer()
  })

  it('prints a readable table without URLs, and records the tasks in history', async () => {
    const done = taskId('done')
    const running = taskId('run')
    suite.sim.addTask({ id: done, lifecycle: [{ status: 'finished' }], message: 'all good', images: 3 })
    suite.sim.addTask({ id: running, lifecycle: [{ status: 'running' }], message: 'rendering' })

    const r = await runCli(['query', done, running], { env: cliEnv(suite.sim, suite.sb) })
    expectExit(r, 0)
    const lines = r.stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[0]).toMatch(/^TASK\s+STATUS\s+IMAGES\s+ADDED\s+FINISHED\s+MESSAGE$/)
    expect(lines[1]).toMatch(new RegExp(`^${done}\\s+finished\\s+3\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\s+all good$`))
    expect(lines[2]).toMatch(new RegExp(`^${running}\\s+running\\s+0\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\s+rendering$`))
    // Columns line up: STATUS starts at the same offset in every line.
    const at = lines[0]!.indexOf('STATUS')
    expect(lines.slice(1).map((l) => l.slice(at).split(/\s+/)[0])).toEqual(['finished', 'running'])
    expect(r.stdout).not.toContain('Signature=')
    expect(r.stdout).not.toContain('http')

    const history = await runCli(['history', '--json'], { env: cliEnv(suite.sim, suite.sb) })
    expectExit(history, 0)
    const recorded = parseJson<JsonDoc & { total: number }>(history)
    expect(recorded.total).toBe(2)
    expect(recorded.tasks.map((t) => [t.taskId, t.status]).sort()).toEqual([
      [done, 'finished'],
      [running, 'running']
    ].sort())
  })

  it('keeps the order asked when some tasks are already in history', async () => {
    const [first, second, third] = [taskId('first'), taskId('second'), taskId('third')]
    for (const id of [first, second, third]) suite.sim.addTask({ id, lifecycle: [{ status: 'running' }] })
    expectExit(await runCli(['query', second], { env: cliEnv(suite.sim, suite.sb) }), 0)
    const r = await runCli(['query', '--json', second, first, third, second], { env: cliEnv(suite.sim, suite.sb) })
    expectExit(r, 0)
    expect(parseJson<JsonDoc>(r).tasks.map((t) => t.taskId)).toEqual([second, first, third])
  })

  it('exits 0 for a task the server reports failed: the query itself succeeded', async () => {
    const failed = taskId('failed')
    suite.sim.addTask({ id: failed, lifecycle: [{ status: 'failed' }], failMessage: 'model failed: no person in the image' })
    const r = await runCli(['query', '--json', failed], { env: cliEnv(suite.sim, suite.sb) })
    expectExit(r, 0)
    expect(parseJson<JsonDoc>(r).tasks).toStrictEqual([
      { taskId: failed, status: 'failed', message: 'model failed: no person in the image', requestId: lastRequestId(suite.sim, failed), images: [], error: null }
    ])
  })

  it('exits 1 on a business error and reports it in the JSON document', async () => {
    const ok = taskId('ok')
    const sensitive = taskId('sensitive')
    suite.sim.addTask({ id: ok, lifecycle: [{ status: 'finished' }], images: 1 })
    suite.sim.addTask({ id: sensitive, businessError: { resCode: 1000 } })

    const r = await runCli(['query', '--json', ok, sensitive], { env: cliEnv(suite.sim, suite.sb) })
    expectExit(r, 1)
    const doc = parseJson<JsonDoc>(r)
    expect(doc.tasks.map((t) => t.taskId)).toEqual([ok, sensitive])
    expect(doc.tasks[0]).toMatchObject({ status: 'finished', error: null })
    const requestId = lastRequestId(suite.sim, sensitive)
    expect(requestId).toBeDefined()
    expect(doc.tasks[1]).toStrictEqual({
      taskId: sensitive,
      status: 'error',
      message: null,
      requestId,
      images: [],
      error: { kind: 'business', code: '1000', message: expect.stringContaining('sensitive') as unknown as string, requestId }
    })
    // The table shows the error too.
    const table = await runCli(['query', sensitive], { env: cliEnv(suite.sim, suite.sb) })
    expectExit(table, 1)
    expect(table.stdout).toMatch(new RegExp(`${sensitive}\\s+error\\s+0\\s.*Aidge error 1000`))
  })

  it('takes UUIDs out of messy text on stdin (deduplicated, lower case, in order)', async () => {
    const a = '3f2504e0-4f89-11d3-9a0c-0305e82c3301'
    const b = '9b2d7c1e-0a4f-4e8e-bb61-2f1c0d9e7a55'
    for (const id of [a, b]) suite.sim.addTask({ id, lifecycle: [{ status: 'finished' }], images: 1 })
    const text = [
      'Batch report 2024-06-26',
      `  * ${a.toUpperCase()} submitted at 10:00 (task 1 of 2)`,
      `  * "${b}", retry of ${a};`,
      'end of report: 2 tasks, 0 errors'
    ].join('\n')

    const r = await runCli(['query', '--json'], { env: cliEnv(suite.sim, suite.sb), stdin: text })
    expectExit(r, 0)
    expect(parseJson<JsonDoc>(r).tasks.map((t) => [t.taskId, t.status])).toEqual([
      [a, 'finished'],
      [b, 'finished']
    ])
  })

  it('takes one id per line on stdin (CRLF and blank lines too), and ignores stdin when ids are given', async () => {
    const ids = [taskId('job_one'), taskId('job_two'), taskId('job_three')]
    for (const id of ids) suite.sim.addTask({ id, lifecycle: [{ status: 'running' }] })

    const r = await runCli(['query', '--json'], { env: cliEnv(suite.sim, suite.sb), stdin: `${ids[0]}\r\n\r\n${ids[1]}\r\n${ids[2]}\n${ids[1]}\n` })
    expectExit(r, 0)
    expect(parseJson<JsonDoc>(r).tasks.map((t) => t.taskId)).toEqual(ids)

    const argsWin = await runCli(['query', '--json', ids[2]!], { env: cliEnv(suite.sim, suite.sb), stdin: `${ids[0]}\n` })
    expectExit(argsWin, 0)
    expect(parseJson<JsonDoc>(argsWin).tasks.map((t) => t.taskId)).toEqual([ids[2]])
  })

  it('--endpoint wins over AIDGE_ENDPOINT, and --trial / AIDGE_TRIAL=1 spend the trial quota', async () => {
    const trialSim = await startSimulator({ quota: 'trialOnly' })
    try {
      const id = taskId('trial')
      trialSim.addTask({ id, lifecycle: [{ status: 'finished' }], images: 1 })
      const env = { ...cliEnv(trialSim, suite.sb), AIDGE_ENDPOINT: 'http://example.com' }

      const flag = await runCli(['query', '--endpoint', trialSim.url, '--trial', id], { env })
      expectExit(flag, 0)
      const viaEnv = await runCli(['query', '--endpoint', trialSim.url, id], { env: { ...env, AIDGE_TRIAL: '1' } })
      expectExit(viaEnv, 0)
      const calls = trialSim.stats().log.filter((e) => e.taskId === id)
      expect(calls.map((e) => [e.outcome, e.trial])).toEqual([
        ['ok', true],
        ['ok', true]
      ])

      // Without the trial flag this quota mode is exhausted: a failure of the run, not a usage error.
      const paid = await runCli(['query', '--endpoint', trialSim.url, id], { env })
      expectExit(paid, 1)
      expect(paid.stderr).toContain('NoResource')
    } finally {
      await trialSim.close()
    }
  })
})
