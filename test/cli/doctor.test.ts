// aidge-tasks doctor, built and run as a child process: what it finds in a sound setup and in a broken one, with
// the fix for each problem; it changes nothing (a damaged history is reported, not moved). The endpoint is always
// a simulator on 127.0.0.1.
import fs from 'node:fs'
import { createServer } from 'node:net'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openHistoryStore } from '../../src/main/history'
import { bytesOf, damage } from '../history/damage'
import { startSimulator } from '../sim'
import { baseEnv, cliEnv, cliSuite, expectExit, parseJson, runCli, taskId } from './cliHarness'

const suite = cliSuite({ accessKeyName: 'cli-doctor-key' })

interface Report {
  dataDir: string
  ok: boolean
  checks: Array<{ id: string; status: 'ok' | 'warn' | 'fail'; message: string; fix: string | null }>
}
const byId = (r: Report) => Object.fromEntries(r.checks.map((c) => [c.id, c]))

async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as { port: number }).port
  await new Promise<void>((r) => server.close(() => r()))
  return port
}

describe('aidge-tasks doctor', () => {
  it('a sound setup: every check ok, exit 0, in text and in --json', async () => {
    const id = taskId('doc')
    suite.sim.addTask({ id, lifecycle: [{ status: 'finished' }] })
    expectExit(await runCli(['query', id], { env: cliEnv(suite.sim, suite.sb) }), 0) // creates the history and its first backup
    const r = await runCli(['doctor', '--json'], { env: cliEnv(suite.sim, suite.sb) })
    expectExit(r, 0)
    const report = parseJson<Report>(r)
    expect(report.dataDir).toBe(suite.sb.dataDir)
    expect(report.ok).toBe(true)
    expect(report.checks.map((c) => c.id)).toEqual(['dataFolder', 'history', 'schema', 'backups', 'freeSpace', 'keychain', 'clock', 'endpoint'])
    for (const c of report.checks) expect(c.status, `${c.id}: ${c.message}`).toBe('ok')
    const checks = byId(report)
    expect(checks['history']!.message).toBe(`${path.join(suite.sb.dataDir, 'history.sqlite')} passes its check`)
    expect(checks['backups']!.message).toMatch(new RegExp(`^1 backup; the newest good one is ${path.join(suite.sb.dataDir, 'backups')}/history-.*-daily\\.sqlite`))
    expect(checks['keychain']!.message).toBe('access key cli-doctor-key (from AIDGE_ACCESS_KEY_NAME/SECRET)')
    expect(checks['endpoint']!.message).toBe(`${suite.sim.url} answers and accepts the key`)

    const text = await runCli(['doctor'], { env: cliEnv(suite.sim, suite.sb) })
    expectExit(text, 0)
    expect(text.stdout).toContain(`aidge-tasks doctor: data folder ${suite.sb.dataDir}`)
    expect(text.stdout).toMatch(/ok {4}clock {7}within \d+ s of the endpoint's clock/)
    expect(text.stdout.trimEnd().split('\n').at(-1)).toBe('nothing wrong')
  })

  it('a damaged history, no key, a skewed clock: each a problem with its fix, exit 1, and nothing is changed', async () => {
    const skewed = await startSimulator({ now: () => Date.now() + 10 * 60_000 })
    try {
      const store = openHistoryStore({ dataDir: suite.sb.dataDir })
      store.addTasks(['x'])
      store.close()
      damage(store.file, 'header')
      const before = bytesOf(store.file)
      // no key in the environment, and the keychain unreachable (baseEnv): nothing configured
      const env = { ...baseEnv(suite.sb.home), AIDGE_DATA_DIR: suite.sb.dataDir, AIDGE_ENDPOINT: skewed.url }
      const r = await runCli(['doctor', '--json'], { env })
      expectExit(r, 1)
      const checks = byId(parseJson<Report>(r))
      expect(checks['history']).toMatchObject({ status: 'fail', message: `${store.file} is damaged: file is not a database` })
      expect(checks['history']!.fix).toContain('the damaged file is moved aside (kept) and the newest good backup restored')
      expect(checks['schema']!.status).toBe('fail')
      expect(checks['backups']).toMatchObject({ status: 'warn', message: `no backup in ${path.join(suite.sb.dataDir, 'backups')} yet` })
      expect(checks['keychain']).toMatchObject({ status: 'fail', fix: 'printf %s "$SECRET" | aidge-tasks credentials set --key-name NAME' })
      expect(checks['clock']!.status).toBe('fail')
      expect(checks['clock']!.message).toMatch(/^this computer's clock is (599|600|601) s behind the endpoint's: signed calls are refused$/)
      expect(checks['clock']!.fix).toContain('automatic date and time')
      expect(checks['endpoint']).toMatchObject({ status: 'ok', message: expect.stringMatching(/the key was not tried \(none saved\)$/) })
      // the doctor only looks: the damaged file is where it was, unchanged, and nothing was added
      expect(bytesOf(store.file).equals(before)).toBe(true)
      expect(fs.readdirSync(suite.sb.dataDir).sort()).toEqual(['history.sqlite'])

      const text = await runCli(['doctor'], { env })
      expectExit(text, 1)
      expect(text.stdout).toContain(`FAIL  history     ${store.file} is damaged: file is not a database`)
      expect(text.stdout).toMatch(/\n {20}fix: run any aidge-tasks command/)
      expect(text.stdout.trimEnd().split('\n').at(-1)).toBe('4 problems found')
    } finally {
      await skewed.close()
    }
  })

  it('an endpoint that does not answer, and a wrong key: named, with the fix', async () => {
    const port = await closedPort()
    const down = await runCli(['doctor', '--json', '--endpoint', `http://127.0.0.1:${port}`], { env: cliEnv(suite.sim, suite.sb) })
    expectExit(down, 1)
    expect(byId(parseJson<Report>(down))['endpoint']).toMatchObject({
      status: 'fail',
      message: `http://127.0.0.1:${port} cannot be reached (ECONNREFUSED)`,
      fix: expect.stringContaining('check the network')
    })
    const wrong = await runCli(['doctor', '--json'], { env: cliEnv(suite.sim, suite.sb, { AIDGE_ACCESS_KEY_SECRET: 'not-the-secret-0123456789' }) })
    expectExit(wrong, 1)
    expect(byId(parseJson<Report>(wrong))['endpoint']).toMatchObject({ status: 'fail', message: expect.stringContaining(`${suite.sim.url} refused the key`) })
  })

  it('takes no arguments (exit 2)', async () => {
    const r = await runCli(['doctor', 'now'], { env: cliEnv(suite.sim, suite.sb) })
    expectExit(r, 2)
    expect(r.stderr).toContain('doctor takes no arguments, got "now"')
  })
})
