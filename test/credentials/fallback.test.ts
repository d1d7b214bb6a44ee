// The memory fallback, produced for real in child processes: a D-Bus address that points nowhere, a bus
// with no Secret Service, and a locked keyring. Each child gets its own temp HOME and session, so this
// file never touches the caller's keyring and needs no scripts/with-keyring.sh. Only the probe timeout
// (a keychain stuck behind an unlock prompt) uses an injected keytar: a real prompt needs a desktop.
import { afterEach, describe, expect, it } from 'vitest'
import { createCredentialStore, type KeytarLike } from '../../src/main/credentials'
import {
  childEnv,
  filesContaining,
  fixtureCommand,
  isolatedFolder,
  missingTools,
  parseChild,
  REQUIRE_KEYRING,
  run,
  uniqueServiceName,
  WAIT_FOR_SECRETS,
  writeBareBusConfig
} from './keyringHarness'

const SECRET = 'fallback-secret-77aa-never-on-disk'
const missing = missingTools('dbus-run-session', 'dbus-send', 'gnome-keyring-daemon')
const toolsProblem = missing.length
  ? `missing ${missing.join(', ')} (apt-get install -y dbus-daemon dbus-bin gnome-keyring)`
  : null

let folder: ReturnType<typeof isolatedFolder> | undefined
afterEach(() => {
  folder?.stop()
  folder = undefined
})

function open(): ReturnType<typeof isolatedFolder> {
  folder = isolatedFolder()
  return folder
}

describe('memory fallback when the keychain cannot be reached', () => {
  it('falls back when DBUS_SESSION_BUS_ADDRESS points at a socket that does not exist', () => {
    const { home, runtimeDir } = open()
    const env = childEnv(home, { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent', XDG_RUNTIME_DIR: runtimeDir('run') })
    const child = parseChild(run(fixtureCommand(uniqueServiceName(), { accessKeyName: 'key-one', secret: SECRET }), env))

    expect(child.status).toEqual({
      configured: true,
      accessKeyName: 'key-one',
      backend: 'memory',
      persistent: false,
      problem: 'No D-Bus session is reachable, so the keyring (org.freedesktop.secrets) cannot be used; credentials are kept for this session only.'
    })
    expect(child.readBack).toBe('same')
    expect(filesContaining(home, SECRET)).toEqual([])
  })

  it('still uses the environment variables when the keychain is unreachable', () => {
    const { home } = open()
    const env = childEnv(home, {
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
      AIDGE_ACCESS_KEY_NAME: 'env-key',
      AIDGE_ACCESS_KEY_SECRET: SECRET
    })
    const child = parseChild(run(fixtureCommand(uniqueServiceName()), env))
    expect(child.status).toEqual({ configured: true, accessKeyName: 'env-key', backend: 'env', persistent: false, problem: null })
  })
})

if (toolsProblem && REQUIRE_KEYRING) {
  it('needs dbus-run-session and gnome-keyring-daemon (AIDGE_REQUIRE_KEYRING=1)', () => {
    throw new Error(`Cannot produce a real keyring failure: ${toolsProblem}`)
  })
}

describe.skipIf(toolsProblem !== null)(`memory fallback with a real session bus${toolsProblem ? ` (skipped: ${toolsProblem})` : ''}`, () => {
  it('falls back when the bus has no Secret Service (org.freedesktop.secrets)', () => {
    const { home, runtimeDir } = open()
    const config = writeBareBusConfig(home)
    const env = childEnv(home, { XDG_RUNTIME_DIR: runtimeDir('run') })
    const command = ['dbus-run-session', `--config-file=${config}`, '--', ...fixtureCommand(uniqueServiceName(), { accessKeyName: 'key-one', secret: SECRET })]
    const child = parseChild(run(command, env))

    expect(child.status).toMatchObject({ configured: true, backend: 'memory', persistent: false })
    expect(child.status.problem).toBe('No keyring service is running (org.freedesktop.secrets); credentials are kept for this session only.')
    expect(child.readBack).toBe('same')
    expect(filesContaining(home, SECRET)).toEqual([])
  })

  it('falls back, without crashing, when the keyring is locked and holds our entry', () => {
    const { home, runtimeDir } = open()
    const serviceName = uniqueServiceName()
    const env = childEnv(home)

    // Session 1: an unlocked keyring; the app stores its key there.
    const unlocked = `printf "pw" | gnome-keyring-daemon --unlock --components=secrets >/dev/null; ${WAIT_FOR_SECRETS}; exec "$@"`
    const first = parseChild(
      run(['dbus-run-session', '--', 'sh', '-c', unlocked, 'sh', ...fixtureCommand(serviceName, { accessKeyName: 'key-one', secret: SECRET })], {
        ...env,
        XDG_RUNTIME_DIR: runtimeDir('run1')
      })
    )
    expect(first.status).toMatchObject({ configured: true, backend: 'keychain', persistent: true, problem: null })

    // Session 2: the same keyring file, daemon started but never unlocked, and no prompter (no display).
    // keytar.findCredentials would segfault here (node-keytar#477); the store must not call it.
    const locked = `gnome-keyring-daemon --start --components=secrets >/dev/null; ${WAIT_FOR_SECRETS}; exec "$@"`
    const second = run(['dbus-run-session', '--', 'sh', '-c', locked, 'sh', ...fixtureCommand(serviceName)], {
      ...env,
      XDG_RUNTIME_DIR: runtimeDir('run2')
    })
    expect(second.signal).toBeNull()
    const status = parseChild(second).status
    expect(status).toEqual({
      configured: false,
      accessKeyName: null,
      backend: 'memory',
      persistent: false,
      problem: 'The keyring is locked and could not be unlocked; credentials are kept for this session only.'
    })
    // The keyring file on disk is encrypted: the secret is not in it in the clear.
    expect(filesContaining(home, SECRET)).toEqual([])
  })
})

describe('probe failures that cannot be produced for real here (injected keytar)', () => {
  const failing = (message: string): KeytarLike => ({
    findPassword: () => Promise.reject(new Error(message)),
    findCredentials: () => Promise.reject(new Error('findCredentials must not be called by the probe')),
    setPassword: () => Promise.reject(new Error(message)),
    deletePassword: () => Promise.reject(new Error(message))
  })

  it('falls back when the keychain never answers (e.g. an unlock prompt nobody sees)', async () => {
    const never: KeytarLike = { ...failing('unused'), findPassword: () => new Promise(() => {}) }
    const store = await createCredentialStore({ serviceName: uniqueServiceName(), keytar: never, probeTimeoutMs: 50 })
    expect(await store.status()).toEqual({
      configured: false,
      accessKeyName: null,
      backend: 'memory',
      persistent: false,
      problem: 'The system keychain did not answer within 50 ms (it may be waiting for an unlock prompt); credentials are kept for this session only.'
    })
  })

  it('names an unexpected keychain error in the problem', async () => {
    const store = await createCredentialStore({ keytar: failing('The user name or passphrase you entered is not correct.') })
    expect((await store.status()).problem).toBe(
      'The system keychain cannot be used (The user name or passphrase you entered is not correct.); credentials are kept for this session only.'
    )
  })
})
