// Shared by the credentials tests: whether a real, isolated keyring is here, and how to run a child
// process in a D-Bus session of its own (fresh, locked, or without any Secret Service).
import { spawnSync, type SpawnSyncReturns } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { it } from 'vitest'
import { createCredentialStore, type CredentialStatus, type KeytarLike } from '../../src/main/credentials'

export const REQUIRE_KEYRING = process.env.AIDGE_REQUIRE_KEYRING === '1'
const howToRun = (testPath: string): string => `run: bash scripts/with-keyring.sh npx vitest run ${testPath}`

export function uniqueServiceName(): string {
  return `aidge-task-desk-test-${randomUUID().slice(0, 8)}`
}

/** Null when the isolated keyring from scripts/with-keyring.sh answers, else why not (naming how to run `testPath`). */
export async function isolatedKeyringProblem(testPath = 'test/credentials'): Promise<string | null> {
  // A keyring found outside the script would be the developer's own: never write test entries there.
  if (process.env.WITH_KEYRING !== '1') return `not inside scripts/with-keyring.sh (${howToRun(testPath)})`
  const status = await (await createCredentialStore({ serviceName: uniqueServiceName(), env: {} })).status()
  return status.backend === 'keychain' ? null : `the keyring set up by scripts/with-keyring.sh does not answer: ${status.problem}. ${howToRun(testPath)}`
}

/**
 * The gate of a test file that needs the isolated keyring: keytar when it answers. Otherwise null, after adding one
 * test that says why: skipped, or failing when AIDGE_REQUIRE_KEYRING=1 (CI), so a broken keyring never passes
 * silently. keytar is loaded only when usable: a machine without libsecret skips instead of failing to import.
 */
export async function keyringForTests(what: string, testPath: string): Promise<KeytarLike | null> {
  const unavailable = await isolatedKeyringProblem(testPath)
  if (unavailable === null) return (await import('keytar')).default as KeytarLike
  if (REQUIRE_KEYRING) {
    it('needs the isolated keyring (AIDGE_REQUIRE_KEYRING=1)', () => {
      throw new Error(`No usable test keyring: ${unavailable}`)
    })
  } else {
    it.skip(`${what} skipped: ${unavailable}`, () => {})
  }
  return null
}

export function missingTools(...tools: string[]): string[] {
  return tools.filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0)
}

export interface ChildResult {
  status: CredentialStatus
  readBack: string | null
}

const here = fileURLToPath(new URL('.', import.meta.url))
const fixture = resolve(here, 'fixtures/printStatus.ts')
const repoRoot = resolve(here, '../..')

/** An env without the caller's D-Bus, display, keyring and AIDGE_* variables, living in `home`. */
export function childEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue
    if (/^(DBUS_|DISPLAY$|WAYLAND_DISPLAY$|GNOME_KEYRING|XDG_|AIDGE_ACCESS_KEY_|WITH_KEYRING$|HOME$)/.test(key)) continue
    env[key] = value
  }
  return { ...env, HOME: home, XDG_DATA_HOME: join(home, 'data'), XDG_CONFIG_HOME: join(home, 'config'), ...extra }
}

/** Argument list that runs the fixture with node + tsx. */
export function fixtureCommand(serviceName: string, set?: { accessKeyName: string; secret: string }): string[] {
  const args = [process.execPath, '--import', 'tsx', fixture, serviceName]
  return set ? [...args, 'set', set.accessKeyName, set.secret] : args
}

export function run(argv: string[], env: Record<string, string>): SpawnSyncReturns<string> {
  const [command, ...args] = argv
  return spawnSync(command as string, args, { env, cwd: repoRoot, encoding: 'utf8', timeout: 60_000 })
}

/** The fixture's JSON line, or an error that shows what the child said. */
export function parseChild(result: SpawnSyncReturns<string>): ChildResult {
  const line = result.stdout.trim().split('\n').filter((l) => l.startsWith('{')).pop()
  if (result.status !== 0 || !line) {
    throw new Error(
      `child exited with status ${result.status} (signal ${result.signal})\nstdout: ${result.stdout}\nstderr: ${result.stderr}`
    )
  }
  return JSON.parse(line) as ChildResult
}

/** A temp folder with a private run dir; stop() ends any keyring daemon that ran with it, then removes it. */
export function isolatedFolder(): { home: string; runtimeDir: (name: string) => string; stop: () => void } {
  const home = mkdtempSync(join(tmpdir(), 'aidge-credentials-test-'))
  const runtimeDirs: string[] = []
  return {
    home,
    runtimeDir(name) {
      const dir = join(home, name)
      mkdirSync(dir, { recursive: true, mode: 0o700 })
      runtimeDirs.push(dir)
      return dir
    },
    stop() {
      for (const dir of runtimeDirs) stopKeyringDaemons(dir)
      rmSync(home, { recursive: true, force: true })
    }
  }
}

/** gnome-keyring-daemon can outlive its bus; stop the ones that ran with this XDG_RUNTIME_DIR (only those). */
function stopKeyringDaemons(runtimeDir: string): void {
  let pids: string[]
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name))
  } catch {
    return
  }
  for (const pid of pids) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'gnome-keyring-d') continue
      if (!readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`XDG_RUNTIME_DIR=${runtimeDir}`)) continue
      process.kill(Number(pid), 'SIGTERM')
    } catch {
      // Gone already, or not ours to read.
    }
  }
}

/** A session bus config that knows no activatable services, so org.freedesktop.secrets cannot appear. */
export function writeBareBusConfig(folder: string): string {
  const file = join(folder, 'bare-session-bus.conf')
  writeFileSync(
    file,
    `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=${folder}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`
  )
  return file
}

/** Shell snippet: wait until the Secret Service name is on the bus (the daemon registers a moment late). */
export const WAIT_FOR_SECRETS = `n=0; until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true"; do \
n=$((n+1)); [ $n -ge 200 ] && { echo "secrets service did not start" >&2; exit 125; }; sleep 0.05; done`

/** Every file under `folder` whose bytes contain `needle`. */
export function filesContaining(folder: string, needle: string): string[] {
  const found: string[] = []
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    try {
      if (readFileSync(path).includes(needle)) found.push(path)
    } catch {
      // Sockets and vanished files.
    }
  }
  return found
}
