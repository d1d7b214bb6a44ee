// Shared by the CLI end-to-end tests: runs the BUILT aidge-tasks (bin/aidge-tasks.cjs -> out/main/cli.js) as a
// real child process, with a temp HOME and data folder, against a simulator started in the test process.
// The children are spawned asynchronously: the simulator answers from this process's event loop.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import { startSimulator, type Simulator, type SimulatorOptions } from '../sim'

export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..')
export const CLI_BIN = join(REPO_ROOT, 'bin/aidge-tasks.cjs')
export const BUILT_CLI = join(REPO_ROOT, 'out/main/cli.js')

/** Call in beforeAll: every test runs the built bundle, which `npm test` builds first. */
export function requireBuiltCli(): void {
  if (!existsSync(BUILT_CLI)) {
    throw new Error(`The CLI is not built (${BUILT_CLI} is missing): run \`npm run build\` first (npm test builds before vitest).`)
  }
}

export interface CliResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  ms: number
}

export interface RunOptions {
  env: Record<string, string>
  /** written to the child's stdin, which is then closed; default: an empty, closed stdin (never a TTY) */
  stdin?: string
  /** the child is killed after this long and the run fails; default 20 s */
  timeoutMs?: number
}

/** Every stdout/stderr any child wrote in this test file: the secret scan reads it all. */
export const transcript: string[] = []

export interface RunningCli {
  child: ChildProcessWithoutNullStreams
  /** resolves when the child has exited and its output is complete */
  result: Promise<CliResult>
  /** output so far */
  output(): { stdout: string; stderr: string }
}

export function startCli(args: readonly string[], options: RunOptions): RunningCli {
  const started = Date.now()
  const child = spawn(process.execPath, [CLI_BIN, ...args], { cwd: REPO_ROOT, env: options.env, stdio: 'pipe' })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
  child.stdin.on('error', () => {}) // a child that exits without reading stdin
  child.stdin.end(options.stdin ?? '')
  const timeoutMs = options.timeoutMs ?? 20_000
  const result = new Promise<CliResult>((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`aidge-tasks ${args.join(' ')} did not exit within ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`))
    }, timeoutMs)
    child.once('error', (e) => {
      clearTimeout(timer)
      reject(e)
    })
    child.once('close', (code, signal) => {
      clearTimeout(timer)
      transcript.push(stdout, stderr)
      resolvePromise({ code, signal, stdout, stderr, ms: Date.now() - started })
    })
  })
  return { child, result, output: () => ({ stdout, stderr }) }
}

export function runCli(args: readonly string[], options: RunOptions): Promise<CliResult> {
  return startCli(args, options).result
}

/** Polls `check` until it holds (bounded): for what a child process or the simulator does on its own time. */
export async function until(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

/** A short description of a run, for assertion messages. */
export function show(r: CliResult): string {
  return `exit ${r.code} (signal ${r.signal}) after ${r.ms} ms\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`
}

/** Asserts the exit code with the whole output in the message when it differs. */
export function expectExit(r: CliResult, code: number): void {
  if (r.code !== code) throw new Error(`expected exit ${code}, got ${show(r)}`)
}

export interface Sandbox {
  root: string
  /** the child's HOME */
  home: string
  /** the data folder passed through AIDGE_DATA_DIR by cliEnv */
  dataDir: string
  cleanup(): void
}

export function sandbox(): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'aidge-cli-test-'))
  return { root, home: join(root, 'home'), dataDir: join(root, 'data'), cleanup: () => rmSync(root, { recursive: true, force: true }) }
}

/**
 * The usual CLI test file: the built CLI required, one simulator for the file, a fresh sandbox for every test.
 * Read `sim` and `sb` inside tests (they are set by the hooks).
 */
export function cliSuite(simOptions: SimulatorOptions): { readonly sim: Simulator; readonly sb: Sandbox } {
  const suite = {} as { sim: Simulator; sb: Sandbox }
  beforeAll(async () => {
    requireBuiltCli()
    suite.sim = await startSimulator(simOptions)
  })
  afterAll(async () => {
    await suite.sim?.close()
  })
  beforeEach(() => {
    suite.sb = sandbox()
  })
  afterEach(() => {
    suite.sb.cleanup()
  })
  return suite
}

/**
 * An environment without the caller's AIDGE_*, D-Bus, keyring and XDG variables, living in `home`. By default
 * the D-Bus address points nowhere, so the keychain can never be reached (the store falls back to memory)
 * and a developer's own keyring is never touched; `keyring: true` keeps the isolated session of
 * scripts/with-keyring.sh instead.
 */
export function baseEnv(home: string, options: { keyring?: boolean } = {}): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue
    if (/^(AIDGE_|DBUS_|DISPLAY$|WAYLAND_DISPLAY$|GNOME_KEYRING|XDG_|WITH_KEYRING$|HOME$|NODE_OPTIONS$)/.test(key)) continue
    env[key] = value
  }
  env.HOME = home
  env.XDG_DATA_HOME = join(home, '.local/share')
  if (options.keyring) {
    for (const key of ['DBUS_SESSION_BUS_ADDRESS', 'XDG_RUNTIME_DIR']) {
      const value = process.env[key]
      if (value !== undefined) env[key] = value
    }
  } else {
    env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent'
  }
  return env
}

/** baseEnv plus the simulator as endpoint, its key pair in the environment, and the sandbox's data folder. */
export function cliEnv(sim: Simulator, sb: Sandbox, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...baseEnv(sb.home),
    AIDGE_ENDPOINT: sim.url,
    AIDGE_ACCESS_KEY_NAME: sim.accessKeyName,
    AIDGE_ACCESS_KEY_SECRET: sim.secret,
    AIDGE_DATA_DIR: sb.dataDir,
    ...extra
  }
}

/** Parses the one JSON document a --json run prints, with the output in the error when it is not one. */
export function parseJson<T = unknown>(r: CliResult): T {
  try {
    return JSON.parse(r.stdout) as T
  } catch (e) {
    throw new Error(`stdout is not one JSON document (${(e as Error).message})\n${show(r)}`, { cause: e })
  }
}

/** The requestId of the simulator's last answer for a task (what the CLI must report). */
export function lastRequestId(sim: Simulator, taskId: string): string | undefined {
  return sim.stats().log.filter((e) => e.taskId === taskId && e.requestId !== undefined).pop()?.requestId
}

/** Every regular file under a folder, recursively. */
export function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return []
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
}

/** For each needle, the files under `folder` whose bytes contain it. */
export function filesContainingAny(files: readonly string[], needles: readonly string[]): Array<{ file: string; needle: string }> {
  const found: Array<{ file: string; needle: string }> = []
  for (const file of files) {
    let bytes: Buffer
    try {
      bytes = readFileSync(file)
    } catch {
      continue
    }
    for (const needle of needles) if (bytes.includes(needle)) found.push({ file, needle })
  }
  return found
}

/** A unique task id for this run, e.g. `fin-1a2b3c4d`. */
export function taskId(prefix: string): string {
  return `${prefix}-${Math.random().toString(16).slice(2, 10).padEnd(8, '0')}`
}

/** The --json document as the issue specifies it (stated here independently of the CLI's own types). */
export interface JsonDoc {
  tasks: Array<{
    taskId: string
    status: string | null
    message: string | null
    requestId: string | null
    images: Array<{ url: string; width: number | null; height: number | null }>
    error: null | { kind: string; code: string; message: string; requestId: string | null }
  }>
}
