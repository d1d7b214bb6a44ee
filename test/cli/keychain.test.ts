// aidge-tasks credentials set / status / clear through the real keyring (the throwaway gnome-keyring session of
// scripts/with-keyring.sh), and queries that use what was saved there. The CLI uses the app's own keychain
// service name, so these tests only ever run inside that isolated session: outside it they are skipped, or
// fail when AIDGE_REQUIRE_KEYRING=1 (CI).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_SERVICE_NAME, type KeytarLike } from '../../src/main/credentials'
import { keyringForTests } from '../credentials/keyringHarness'
import { startSimulator, type Simulator } from '../sim'
import { baseEnv, expectExit, filesContainingAny, filesUnder, parseJson, requireBuiltCli, runCli, sandbox, taskId, transcript, type Sandbox } from './cliHarness'

const SECRET = 'CliKeychain-Secret-3e8f0b71-OnlyInTheKeyring'
const usable = await keyringForTests('CLI keychain tests', 'test/cli')
const keytar: KeytarLike = usable ?? (undefined as never)

async function clearService(): Promise<void> {
  for (const { account } of await keytar.findCredentials(DEFAULT_SERVICE_NAME)) await keytar.deletePassword(DEFAULT_SERVICE_NAME, account)
}

describe.skipIf(usable === null)('aidge-tasks credentials with the real keyring', () => {
  let sim: Simulator
  let sb: Sandbox
  let env: Record<string, string>

  beforeAll(async () => {
    requireBuiltCli()
    await clearService()
    sim = await startSimulator({ secret: SECRET, accessKeyName: 'kc-key-1' })
    sb = sandbox()
    env = { ...baseEnv(sb.home, { keyring: true }), AIDGE_ENDPOINT: sim.url, AIDGE_DATA_DIR: sb.dataDir }
  })
  afterAll(async () => {
    await clearService()
    sb?.cleanup()
    await sim?.close()
  })

  it('set (secret on stdin) / status / query with the keychain / clear', async () => {
    const id = taskId('kc')
    sim.addTask({ id, lifecycle: [{ status: 'finished' }], images: 1 })

    const empty = await runCli(['credentials', 'status'], { env })
    expectExit(empty, 1)
    expect(empty.stdout).toBe('not configured (keychain)\n')
    const before = await runCli(['query', id], { env })
    expectExit(before, 2)
    expect(before.stderr).toContain('No Aidge access key is configured')

    const set = await runCli(['credentials', 'set', '--key-name', sim.accessKeyName], { env, stdin: `${SECRET}\n` })
    expectExit(set, 0)
    expect(set.stderr).toBe(`saved access key ${sim.accessKeyName} (keychain)\n`)
    // In the keychain under the app's service: account = key name, password = secret.
    expect(await keytar.findCredentials(DEFAULT_SERVICE_NAME)).toEqual([{ account: sim.accessKeyName, password: SECRET }])

    const status = await runCli(['credentials', 'status'], { env })
    expectExit(status, 0)
    expect(status.stdout).toBe(`configured: access key ${sim.accessKeyName} (keychain)\n`)
    const statusJson = await runCli(['credentials', 'status', '--json'], { env })
    expect(parseJson(statusJson)).toStrictEqual({ configured: true, accessKeyName: sim.accessKeyName, backend: 'keychain', persistent: true, problem: null })

    // A new process reads them from the keychain and signs with them.
    const query = await runCli(['query', '--json', id], { env })
    expectExit(query, 0)
    expect(parseJson<{ tasks: Array<{ status: string }> }>(query).tasks.map((t) => t.status)).toEqual(['finished'])
    expect(sim.stats().log.filter((e) => e.taskId === id).map((e) => e.outcome)).toEqual(['ok'])

    // Both environment variables set: they are used instead of the keychain (here: a wrong secret -> 2).
    const envWins = await runCli(['query', id], { env: { ...env, AIDGE_ACCESS_KEY_NAME: sim.accessKeyName, AIDGE_ACCESS_KEY_SECRET: 'Env-Wrong-Secret-1234' } })
    expectExit(envWins, 2)
    expect(envWins.stderr).toContain('IncompleteSignature')
    // Only one of them: the keychain still answers.
    expectExit(await runCli(['query', id], { env: { ...env, AIDGE_ACCESS_KEY_SECRET: 'Env-Wrong-Secret-1234' } }), 0)

    const clear = await runCli(['credentials', 'clear'], { env })
    expectExit(clear, 0)
    expect(clear.stderr).toBe('credentials cleared\n')
    expect(await keytar.findCredentials(DEFAULT_SERVICE_NAME)).toEqual([])
    expectExit(await runCli(['credentials', 'status'], { env }), 1)
    const after = await runCli(['query', id], { env })
    expectExit(after, 2)
    expect(after.stderr).toContain('No Aidge access key is configured')
  }, 60_000) // a dozen CLI processes in turn, each talking to the keyring: slow on a busy machine

  it('set takes "name, then secret" on two stdin lines, replaces the previous key, and rejects bad input', async () => {
    expectExit(await runCli(['credentials', 'set', '--key-name', 'old-key'], { env, stdin: 'Old-Secret-Value-1\n' }), 0)
    const twoLines = await runCli(['credentials', 'set'], { env, stdin: `${sim.accessKeyName}\r\n${SECRET}\r\n` })
    expectExit(twoLines, 0)
    expect(await keytar.findCredentials(DEFAULT_SERVICE_NAME)).toEqual([{ account: sim.accessKeyName, password: SECRET }])

    const noName = await runCli(['credentials', 'set'], { env, stdin: `${SECRET}\n` })
    expectExit(noName, 2)
    expect(noName.stderr).toContain('give the access key name with --key-name')
    const noSecret = await runCli(['credentials', 'set', '--key-name', 'k2'], { env, stdin: '' })
    expectExit(noSecret, 2)
    expect(noSecret.stderr).toContain('The access key secret is empty.')
    const badName = await runCli(['credentials', 'set', '--key-name', 'has space'], { env, stdin: `${SECRET}\n` })
    expectExit(badName, 2)
    expect(badName.stderr).toContain('The access key name contains spaces')
    const readOnly = await runCli(['credentials', 'clear'], { env: { ...env, AIDGE_ACCESS_KEY_NAME: 'a', AIDGE_ACCESS_KEY_SECRET: 'b' } })
    expectExit(readOnly, 2)
    expect(readOnly.stderr).toContain('they come from the environment variables')
    // None of that changed what is saved.
    expect(await keytar.findCredentials(DEFAULT_SERVICE_NAME)).toEqual([{ account: sim.accessKeyName, password: SECRET }])

    const id = taskId('kc2')
    sim.addTask({ id, lifecycle: [{ status: 'running' }] })
    expectExit(await runCli(['query', id], { env }), 0)
  })

  it('left the secret in no file of the data folder and in no output', () => {
    const files = filesUnder(sb.dataDir)
    expect(files.length).toBeGreaterThan(0)
    expect(filesContainingAny(files, [SECRET])).toEqual([])
    expect(transcript.join('\n')).not.toContain(SECRET)
  })
})
