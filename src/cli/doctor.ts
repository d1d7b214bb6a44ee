// aidge-tasks doctor: looks at the data folder and the connection and says what is wrong, with the fix for each.
// It changes nothing: the history and its backups are opened read-only (a damaged file is reported, not moved;
// any other command or the app repairs it), and the only calls go to the configured endpoint.
import fs from 'node:fs'
import path from 'node:path'
import { DatabaseSync } from '@photostructure/sqlite'
import type { Region } from '../shared/aidge'
import { formatBytes } from '../shared/format'
import type { AppSettings } from '../shared/settings'
import { AidgeClient } from '../main/aidge/client'
import { resolveBaseUrl } from '../main/aidge/endpoint'
import { AidgeError } from '../main/aidge/errors'
import { createCredentialStore, type CredentialStore } from '../main/credentials'
import { CONNECTION_PROBE_TASK_ID } from '../main/handlers'
import { HISTORY_FILE_NAME, LATEST_SCHEMA_VERSION, checkFile, freeBytes, listBackups } from '../main/history'
import { defaultDataDir } from '../main/dataDir'
import { SettingsStore } from '../main/settings'
import { connectionOf, type CliArgs } from './args'
import { EXIT, type CliIo } from './commands'

export type CheckStatus = 'ok' | 'warn' | 'fail'

export interface DoctorCheck {
  id: 'dataFolder' | 'history' | 'schema' | 'backups' | 'freeSpace' | 'keychain' | 'endpoint' | 'clock'
  status: CheckStatus
  /** what was found */
  message: string
  /** what to do about it (null when nothing is wrong) */
  fix: string | null
}

export interface DoctorReport {
  dataDir: string
  ok: boolean
  checks: DoctorCheck[]
}

export interface DoctorOptions {
  dataDir: string
  env: NodeJS.ProcessEnv
  connection: { region?: Region; endpoint?: string; trial?: boolean }
  /** a ready credential store (tests); default: the one every command uses */
  credentials?: CredentialStore
}

const DAY = 86_400_000
const MIN_FREE_BYTES = 50 * 1024 * 1024
/** the Date header has whole seconds; beyond this the gateway may refuse signed calls */
const SKEW_WARN_MS = 30_000
const SKEW_FAIL_MS = 5 * 60_000
const RETRY = 'run any aidge-tasks command (e.g. `aidge-tasks history`) or start the app'

export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const dataDir = path.resolve(options.dataDir)
  const file = path.join(dataDir, HISTORY_FILE_NAME)
  const checks: DoctorCheck[] = []
  const add = (id: DoctorCheck['id'], status: CheckStatus, message: string, fix: string | null = null): void => void checks.push({ id, status, message, fix })

  // the data folder
  const folderExists = fs.existsSync(dataDir)
  if (!folderExists) add('dataFolder', 'ok', `${dataDir} does not exist yet (nothing tracked yet); it is created at the first run`)
  else {
    try {
      fs.accessSync(dataDir, fs.constants.R_OK | fs.constants.W_OK)
      add('dataFolder', 'ok', `${dataDir} is readable and writable`)
    } catch (e) {
      add('dataFolder', 'fail', `${dataDir} cannot be written (${(e as NodeJS.ErrnoException).code ?? String(e)})`, `give your user write access to ${dataDir}, or choose another folder with --data-dir or AIDGE_DATA_DIR`)
    }
  }

  // the history: integrity and schema
  let saved: AppSettings | null = null
  if (!fs.existsSync(file)) {
    add('history', 'ok', `no history file yet (${file}); it is created at the first run`)
  } else {
    const check = checkFile(file)
    if (check.ok) {
      add('history', 'ok', `${file} passes its check${setAside(dataDir)}`)
      saved = readSavedSettings(file)
    } else {
      add('history', 'fail', `${file} is damaged: ${check.detail}`, `${RETRY}: the damaged file is moved aside (kept) and the newest good backup restored`)
    }
    const v = check.schemaVersion
    if (v === null) add('schema', 'fail', 'the schema version cannot be read (the file is damaged)', `${RETRY} to restore a backup`)
    else if (v > LATEST_SCHEMA_VERSION) {
      add('schema', 'fail', `schema version ${v} was written by a newer Aidge Task Desk (this one knows up to ${LATEST_SCHEMA_VERSION})`, 'update the app and the CLI, or choose another data folder')
    } else if (v < LATEST_SCHEMA_VERSION) add('schema', 'ok', `schema version ${v}: upgraded to ${LATEST_SCHEMA_VERSION} at the next run, after a backup`)
    else add('schema', 'ok', `schema version ${v} (current)`)
  }

  // backups
  const backups = listBackups(file)
  const now = Date.now()
  const newestGood = backups.find((b) => checkFile(b.file).ok)
  if (backups.length === 0) {
    add('backups', fs.existsSync(file) ? 'warn' : 'ok', `no backup in ${path.join(dataDir, 'backups')} yet`, fs.existsSync(file) ? `${RETRY}: a backup is written when the newest is a day old` : null)
  } else if (!newestGood) {
    add('backups', 'fail', `none of the ${backups.length} backups in ${path.dirname(backups[0]!.file)} passes its check`, `${RETRY} while the history is sound: a new backup is written when the newest is a day old`)
  } else {
    const age = now - newestGood.takenAt
    const damaged = backups.indexOf(newestGood)
    const msg = `${backups.length} backup${backups.length === 1 ? '' : 's'}; the newest good one is ${newestGood.file} (${ago(age)})${damaged > 0 ? `; ${damaged} newer one${damaged === 1 ? ' is' : 's are'} damaged` : ''}`
    if (age > 2 * DAY) add('backups', 'warn', msg, `${RETRY}: a backup is written when the newest is a day old`)
    else add('backups', damaged > 0 ? 'warn' : 'ok', msg, damaged > 0 ? 'nothing to do: damaged backups are skipped and age out of the newest 7' : null)
  }

  // free space
  const free = freeBytes(dataDir)
  const historyBytes = fs.existsSync(file) ? fs.statSync(file).size : 0
  // room for the history to grow and for one more backup of about its size
  const need = MIN_FREE_BYTES + historyBytes
  if (free === null) add('freeSpace', 'warn', `the free space in ${dataDir} cannot be read`, null)
  else if (free < need) {
    add('freeSpace', 'fail', `${formatBytes(free)} free in ${dataDir}; the history (${formatBytes(historyBytes)}) and a backup need at least ${formatBytes(need)}`, `free some space on the disk holding ${dataDir}: while it is full, tracking pauses`)
  } else add('freeSpace', 'ok', `${formatBytes(free)} free in ${dataDir}`)

  // the keychain entry
  let credentials: CredentialStore | null = options.credentials ?? null
  try {
    credentials ??= await createCredentialStore({ env: options.env })
    const s = await credentials.status()
    if (!s.configured) {
      add('keychain', 'fail', `no access key is saved (${s.backend})${s.problem ? `: ${s.problem}` : ''}`, 'printf %s "$SECRET" | aidge-tasks credentials set --key-name NAME')
    } else if (s.problem) add('keychain', 'warn', `access key ${s.accessKeyName} (${s.backend}): ${s.problem}`, 'see the note; `aidge-tasks credentials status` shows it again')
    else add('keychain', 'ok', `access key ${s.accessKeyName} (${s.backend === 'env' ? 'from AIDGE_ACCESS_KEY_NAME/SECRET' : s.backend})`)
  } catch (e) {
    add('keychain', 'fail', `the keychain cannot be read: ${e instanceof Error ? e.message : String(e)}`, 'unlock the keychain (or start a Secret Service such as GNOME Keyring), or set AIDGE_ACCESS_KEY_NAME and AIDGE_ACCESS_KEY_SECRET')
  }

  // the endpoint: reachable, its clock, and whether it takes the key
  const region = options.connection.region ?? saved?.region ?? 'global'
  const endpoint = options.connection.endpoint ?? saved?.endpoint ?? null
  await checkEndpoint(add, { region, endpoint, trial: options.connection.trial ?? saved?.trial ?? false }, credentials)

  return { dataDir, ok: checks.every((c) => c.status !== 'fail'), checks }
}

async function checkEndpoint(
  add: (id: DoctorCheck['id'], status: CheckStatus, message: string, fix?: string | null) => void,
  conn: { region: Region; endpoint: string | null; trial: boolean },
  credentials: CredentialStore | null
): Promise<void> {
  let base: string
  try {
    base = resolveBaseUrl(conn.region, conn.endpoint)
  } catch (e) {
    add('endpoint', 'fail', (e as Error).message, 'fix the endpoint in Settings, or pass --endpoint URL')
    return
  }
  const sentAt = Date.now()
  let serverDate: number | null = null
  try {
    const res = await fetch(`${base}/`, { method: 'GET', redirect: 'manual', signal: AbortSignal.timeout(10_000) })
    await res.body?.cancel()
    const date = Date.parse(res.headers.get('date') ?? '')
    if (Number.isFinite(date)) serverDate = date
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause
    add('endpoint', 'fail', `${base} cannot be reached (${cause?.code ?? cause?.message ?? (e as Error).message})`, 'check the network, a proxy or firewall, and the region/endpoint in Settings')
    add('clock', 'warn', 'not checked: the endpoint did not answer', null)
    return
  }
  const receivedAt = Date.now()
  if (serverDate === null) add('clock', 'warn', `${base} sent no Date header: the clock cannot be compared`, null)
  else {
    // the header has whole seconds: compare with the middle of the exchange, rounded the same way
    const skew = serverDate - Math.floor((sentAt + receivedAt) / 2 / 1000) * 1000
    const words = `this computer's clock is ${Math.round(Math.abs(skew) / 1000)} s ${skew > 0 ? 'behind' : 'ahead of'} the endpoint's`
    const fix = 'turn on automatic date and time (network time) in the system settings'
    if (Math.abs(skew) > SKEW_FAIL_MS) add('clock', 'fail', `${words}: signed calls are refused`, fix)
    else if (Math.abs(skew) > SKEW_WARN_MS) add('clock', 'warn', words, fix)
    else add('clock', 'ok', `within ${Math.max(1, Math.round(Math.abs(skew) / 1000))} s of the endpoint's clock`)
  }
  if (!credentials || !(await credentials.status().then((s) => s.configured, () => false))) {
    add('endpoint', 'ok', `${base} answers (${receivedAt - sentAt} ms); the key was not tried (none saved)`)
    return
  }
  const client = new AidgeClient({ credentials: () => credentials.get(), region: conn.region, endpoint: conn.endpoint, trial: conn.trial })
  try {
    await client.queryTask(CONNECTION_PROBE_TASK_ID, { signal: AbortSignal.timeout(30_000) })
    add('endpoint', 'ok', `${base} answers and accepts the key`)
  } catch (e) {
    if (!(e instanceof AidgeError)) throw e
    const rid = e.requestId ? ` (requestId ${e.requestId})` : ''
    if (e.kind === 'business' || e.kind === 'rateLimit') add('endpoint', 'ok', `${base} answers and accepts the key`)
    else if (e.kind === 'auth') add('endpoint', 'fail', `${base} refused the key: ${e.message}${rid}`, 'check the access key name and secret (`aidge-tasks credentials set`), and the region they were issued for')
    else if (e.kind === 'quota') add('endpoint', 'fail', `${base} accepts the key but the quota is used up: ${e.message}${rid}`, 'top up or wait for the quota to renew in the Aidge console')
    else add('endpoint', 'fail', `${base} answered a signed call with an error: ${e.message}${rid}`, 'try again later; if it persists, check the endpoint in Settings')
  } finally {
    await client.close()
  }
}

/** The saved settings, read-only (the doctor never writes); null when they cannot be read. */
function readSavedSettings(file: string): AppSettings | null {
  let db: InstanceType<typeof DatabaseSync> | null = null
  try {
    db = new DatabaseSync(file, { readOnly: true })
    const ro = db
    return new SettingsStore({
      getSetting: <T>(key: string): T | undefined => {
        const row = ro.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined
        return row === undefined ? undefined : (JSON.parse(row.value) as T)
      },
      setSetting: () => {
        throw new Error('the doctor does not write settings')
      }
    }).get()
  } catch {
    return null
  } finally {
    db?.close()
  }
}

/** Damaged files an earlier start moved aside: kept for the user, who may delete them. */
function setAside(dataDir: string): string {
  const names = fs.readdirSync(dataDir).filter((n) => /^history-damaged-.*\.sqlite$/.test(n))
  if (names.length === 0) return ''
  return `; ${names.length} damaged file${names.length === 1 ? ' was' : 's were'} set aside earlier and kept (delete when no longer needed): ${names.map((n) => path.join(dataDir, n)).join(', ')}`
}

function ago(ms: number): string {
  const h = Math.round(ms / 3_600_000)
  return h < 1 ? 'less than an hour ago' : h < 48 ? `${h} h ago` : `${Math.round(h / 24)} days ago`
}

/** The report in plain text: one line per check, the fix under each problem. */
export function doctorText(report: DoctorReport): string {
  const lines = [`aidge-tasks doctor: data folder ${report.dataDir}`]
  for (const c of report.checks) {
    lines.push(`  ${c.status === 'fail' ? 'FAIL' : c.status.padEnd(4)}  ${c.id.padEnd(10)}  ${c.message}`)
    if (c.fix && c.status !== 'ok') lines.push(`${' '.repeat(20)}fix: ${c.fix}`)
  }
  const fails = report.checks.filter((c) => c.status === 'fail').length
  const warns = report.checks.filter((c) => c.status === 'warn').length
  lines.push(fails === 0 ? `nothing wrong${warns ? ` (${warns} warning${warns === 1 ? '' : 's'})` : ''}` : `${fails} problem${fails === 1 ? '' : 's'} found`)
  return lines.join('\n') + '\n'
}

/** doctor [--json]: 0 when nothing is wrong (warnings allowed), 1 when a check failed. */
export async function doctorCommand(args: CliArgs, env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  const report = await runDoctor({
    dataDir: args.dataDir ?? defaultDataDir(env),
    env,
    connection: connectionOf(args)
  })
  io.stdout.write(args.json ? JSON.stringify(report) + '\n' : doctorText(report))
  return report.ok ? EXIT.ok : EXIT.failed
}
