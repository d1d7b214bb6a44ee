// `npm run preview:web`: the real renderer in any browser, for design work, bug reports and browser checks.
// Builds the renderer if it is missing or older than its sources, starts the gateway simulator with the sample tasks
// (or uses AIDGE_ENDPOINT and the key pair from the environment), the real services on a temp data folder (or
// --data-dir DIR), and the test harness's bridge on 127.0.0.1 with a random token; prints one `Open <url>` line and
// serves until Ctrl-C, then stops everything and removes its temp folder.
//   --port N        the harness's port (default: a free one)
//   --data-dir DIR  keep the history in DIR instead of the temp folder (DIR is kept)
//   --lang TAG      what the page sees as the operating system's language (navigator.language/languages)
// Never shipped: the harness exists because Electron cannot run everywhere (see test/harness/server.ts).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createEnvStore, createMemoryStore, type CredentialStore } from '../../src/main/credentials'
import { createServices } from '../../src/main/services'
import { SAMPLE_TASKS } from '../sim/samples'
import { startSimulator, type Simulator } from '../sim'
import { startHarness, type Harness } from './server'

const ROOT = resolve(__dirname, '../..')
const USAGE = 'usage: npm run preview:web -- [--port N] [--data-dir DIR] [--lang TAG]'

interface PreviewArgs {
  port?: number
  dataDir?: string
  language?: string
}

class UsageError extends Error {}

function parsePreviewArgs(argv: readonly string[]): PreviewArgs {
  const args: PreviewArgs = {}
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = (argv[i] as string).split(/=(.*)/s, 2) as [string, string | undefined]
    const value = (): string => {
      const v = inline ?? argv[++i]
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`)
      return v
    }
    if (flag === '--port') {
      const v = value()
      const port = Number(v)
      if (!/^\d+$/.test(v) || port < 1 || port > 65535) throw new UsageError(`--port must be a number from 1 to 65535, not "${v}"`)
      args.port = port
    } else if (flag === '--data-dir') {
      args.dataDir = resolve(value())
    } else if (flag === '--lang') {
      const v = value()
      try {
        args.language = Intl.getCanonicalLocales(v)[0] as string
      } catch {
        throw new UsageError(`--lang must be a language tag such as en or zh-CN, not "${v}"`)
      }
    } else if (flag === '--help' || flag === '-h') {
      throw new UsageError('')
    } else {
      throw new UsageError(`unknown option ${flag}`)
    }
  }
  return args
}

/** The newest modification time of any file under `dir`. */
function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs)
  }
  return newest
}

/** Builds when the built renderer is missing or older than a source it is built from. */
function buildIfNeeded(log: (line: string) => void): void {
  const built = join(ROOT, 'out/renderer/index.html')
  const sources = ['src/renderer', 'src/shared'].map((d) => newestMtime(join(ROOT, d)))
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources)) return
  log('building the app (out/renderer is missing or older than src/)...')
  const r = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], shell: process.platform === 'win32' })
  if (r.status !== 0) throw new Error(`npm run build failed (exit ${r.status ?? r.signal})`)
}

interface Running {
  harness: Harness
  root: string
}

async function start(args: PreviewArgs, log: (line: string) => void, cleanups: Array<() => unknown>): Promise<Running> {
  buildIfNeeded(log)
  const root = mkdtempSync(join(tmpdir(), 'aidge-preview-'))
  cleanups.push(() => rmSync(root, { recursive: true, force: true }))
  const dataDir = args.dataDir ?? join(root, 'data')
  const folders = { downloads: join(root, 'downloads'), exports: join(root, 'exports') }
  for (const d of Object.values(folders)) mkdirSync(d, { recursive: true })

  // Credentials are never the OS keychain's: the preview is a throwaway and must not read or write the app's entry.
  const env = process.env
  let sim: Simulator | null = null
  let credentials: CredentialStore
  let endpoint: string
  if (env['AIDGE_ENDPOINT']) {
    endpoint = env['AIDGE_ENDPOINT']
    const fromEnv = createEnvStore(env)
    credentials = fromEnv ?? createMemoryStore()
    log(`gateway ${endpoint} (AIDGE_ENDPOINT), ${fromEnv ? 'key pair from AIDGE_ACCESS_KEY_NAME/SECRET' : 'no key pair in the environment: enter one in the app (kept in memory)'}`)
  } else {
    sim = await startSimulator({ autoTasks: true, tasks: SAMPLE_TASKS })
    const s = sim
    cleanups.push(() => s.close())
    endpoint = sim.url
    credentials = createMemoryStore()
    await credentials.set({ accessKeyName: sim.accessKeyName, secret: sim.secret })
    log(`simulator ${sim.url} with ${SAMPLE_TASKS.length} sample tasks (any other id you add becomes a simulated task)`)
  }

  const region = env['AIDGE_REGION'] === 'cn' || env['AIDGE_REGION'] === 'global' ? env['AIDGE_REGION'] : undefined
  const services = await createServices({
    dataDir,
    credentials,
    env: {},
    connection: { endpoint, ...(region ? { region } : {}), ...(env['AIDGE_TRIAL'] === '1' || env['AIDGE_TRIAL'] === 'true' ? { trial: true } : {}) }
  })
  cleanups.push(() => services.close())
  services.scheduler.start()
  if (sim) services.addTasks(SAMPLE_TASKS.map((t) => t.id))

  const note = (what: string) => (p: string) => log(`the app asked to ${what} ${p} (a browser preview opens nothing)`)
  const harness = await startHarness({
    services,
    media: services.mediaFile,
    ...(args.port !== undefined ? { port: args.port } : {}),
    ...(args.language ? { language: args.language } : {}),
    platform: {
      appVersion: '0.0.0-preview',
      chooseFolder: async () => folders.downloads,
      chooseSaveFile: async (name) => join(folders.exports, name),
      // The app's native question before signed calls go to a new host: no one can answer it in a browser.
      confirmEndpointChange: async (change) => {
        log(`the app asked to send signed calls to ${change.host}: declined (the preview keeps ${endpoint})`)
        return false
      },
      revealFile: note('reveal'),
      openFolder: note('open the folder'),
      openExternal: async (url) => note('open')(url)
    }
  })
  cleanups.push(() => harness.close())
  log(`temp folder ${root}: data in ${dataDir}; folder dialogs answer ${folders.downloads}, save dialogs ${folders.exports}`)
  if (args.language) log(`the page sees ${args.language} as the system language`)
  return { harness, root }
}

async function main(): Promise<number> {
  const log = (line: string): void => void process.stdout.write(`preview: ${line}\n`)
  let args: PreviewArgs
  try {
    args = parsePreviewArgs(process.argv.slice(2))
  } catch (e) {
    if (!(e instanceof UsageError)) throw e
    process.stderr.write(`${e.message ? `preview: ${e.message}\n` : ''}${USAGE}\n`)
    return e.message ? 2 : 0
  }

  const cleanups: Array<() => unknown> = []
  const stop = async (): Promise<void> => {
    for (const c of cleanups.splice(0).reverse()) {
      try {
        await c()
      } catch (e) {
        process.stderr.write(`preview: while stopping: ${e instanceof Error ? e.message : String(e)}\n`)
      }
    }
  }
  // Ctrl-C while starting or serving: stop what has started. One Ctrl-C can arrive twice (a terminal signals the
  // whole process group, and tsx relays it to this process too); a second one a while later does not wait.
  let stopping: Promise<void> | null = null
  let firstSignalAt = 0
  const stopped = new Promise<void>((resolveStopped) => {
    const onSignal = (): void => {
      if (stopping) {
        if (Date.now() - firstSignalAt > 1000) process.exit(130)
        return
      }
      firstSignalAt = Date.now()
      stopping = stop().then(resolveStopped)
    }
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)
  })
  try {
    const running = await start(args, log, cleanups)
    if (stopping) {
      // Ctrl-C came while starting: what started after the stop began is stopped now
      await stopping
      await stop()
    } else {
      process.stdout.write(`Open ${running.harness.url}\n`)
      log('serving until Ctrl-C')
    }
  } catch (e) {
    process.stderr.write(`preview: ${e instanceof Error ? e.message : String(e)}\n`)
    await (stopping ?? stop())
    return 1
  }
  await stopped
  log('stopped; temp folder removed')
  return 0
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`preview: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
    process.exit(1)
  }
)
