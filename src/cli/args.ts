import { parseArgs } from 'node:util'
import type { Region } from '../shared/aidge'
import { SUBMIT_HELP, SUBMIT_OPTIONS, SUBMIT_USAGE, submitArgsFrom, type SubmitCliArgs } from './submitArgs'

export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

export const USAGE = `aidge-tasks: track Aidge Virtual Model Alternation tasks from the command line

usage:
  aidge-tasks query <taskId...>                   query each task once and record it in history
  aidge-tasks watch <taskId...> [--download DIR]  poll until every task is finished or failed
  aidge-tasks download <taskId...> --out DIR [--template T] [--concurrency N]
                                                  save every finished image of these tasks into DIR
  aidge-tasks history [--status S] [--search Q] [--limit N]
                                                  list tasks in local history
  aidge-tasks export --format csv|json [--out FILE] [--with-urls] [--status S] [--search Q]
  aidge-tasks credentials set [--key-name NAME]   the secret is read from stdin, never from argv
  aidge-tasks credentials clear|status
  aidge-tasks doctor [--json]                     check the data folder, backups, free space, keychain, endpoint, clock
${SUBMIT_USAGE}

options: --json  --region global|cn  --endpoint URL  --trial  --data-dir DIR
env:     AIDGE_ACCESS_KEY_NAME + AIDGE_ACCESS_KEY_SECRET (both set: used instead of the keychain),
         AIDGE_ENDPOINT, AIDGE_REGION, AIDGE_TRIAL=1, AIDGE_DATA_DIR
Task ids may also come on stdin (one per line, or any text: the ids are extracted) when none are given.
exit codes: 0 all finished / every query succeeded (doctor: nothing wrong), 1 a task failed or ended with an
            error (doctor: a problem found), 2 usage or configuration error, 130 interrupted
${SUBMIT_HELP}`

export interface CliArgs {
  command: 'query' | 'watch' | 'download' | 'history' | 'export' | 'credentials' | 'submit' | 'balance' | 'doctor' | 'help'
  sub: string | null
  ids: string[]
  json: boolean
  region?: Region
  endpoint?: string
  trial?: boolean
  dataDir?: string
  status?: string[]
  search?: string
  limit: number
  format?: 'csv' | 'json'
  out?: string
  withUrls: boolean
  download?: string
  keyName?: string
  template?: string
  concurrency?: number
  /** submit and balance: their own flags (submitArgs.ts) */
  submit?: SubmitCliArgs
}

const COMMANDS = new Set(['query', 'watch', 'download', 'history', 'export', 'credentials', 'submit', 'balance', 'doctor', 'help'])

export function parseCli(argv: string[], env: NodeJS.ProcessEnv): CliArgs {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean' },
        region: { type: 'string' },
        endpoint: { type: 'string' },
        trial: { type: 'boolean' },
        'data-dir': { type: 'string' },
        status: { type: 'string', multiple: true },
        search: { type: 'string' },
        limit: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        'with-urls': { type: 'boolean' },
        download: { type: 'string' },
        'key-name': { type: 'string' },
        template: { type: 'string' },
        concurrency: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        ...SUBMIT_OPTIONS
      }
    })
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
  const { values: v, positionals } = parsed
  const [command = 'help', ...rest] = positionals
  if (v.help) return { command: 'help', sub: null, ids: [], json: false, limit: 50, withUrls: false }
  if (!COMMANDS.has(command)) throw new UsageError(`unknown command "${command}"`)

  const region = v.region ?? env['AIDGE_REGION']
  if (region !== undefined && region !== 'global' && region !== 'cn') throw new UsageError(`--region must be global or cn, not "${region}"`)
  const format = v.format
  if (format !== undefined && format !== 'csv' && format !== 'json') throw new UsageError(`--format must be csv or json, not "${format}"`)
  const limit = v.limit === undefined ? 50 : Number(v.limit)
  if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) throw new UsageError(`--limit must be a whole number from 1 to 100000`)

  const args: CliArgs = {
    command: command as CliArgs['command'],
    sub: command === 'credentials' ? (rest[0] ?? null) : null,
    ids: command === 'credentials' ? rest.slice(1) : rest,
    json: v.json === true,
    limit,
    withUrls: v['with-urls'] === true
  }
  if (region !== undefined) args.region = region
  const endpoint = v.endpoint ?? env['AIDGE_ENDPOINT']
  if (endpoint !== undefined && endpoint !== '') args.endpoint = endpoint
  if (v.trial || env['AIDGE_TRIAL'] === '1' || env['AIDGE_TRIAL'] === 'true') args.trial = true
  const dataDir = v['data-dir'] ?? env['AIDGE_DATA_DIR']
  if (dataDir !== undefined && dataDir !== '') args.dataDir = dataDir
  if (v.status) args.status = v.status.flatMap((s) => s.split(',')).filter(Boolean)
  if (v.search !== undefined) args.search = v.search
  if (format) args.format = format
  if (v.out !== undefined) args.out = v.out
  if (v.download !== undefined) args.download = v.download
  if (v['key-name'] !== undefined) args.keyName = v['key-name']
  if (v.template !== undefined) args.template = v.template
  if (v.concurrency !== undefined) {
    const n = Number(v.concurrency)
    if (!Number.isInteger(n) || n < 1 || n > 32) throw new UsageError('--concurrency must be a whole number from 1 to 32')
    args.concurrency = n
  }
  if ((args.template !== undefined || args.concurrency !== undefined) && args.command !== 'download' && args.download === undefined) {
    throw new UsageError('--template and --concurrency go with download or watch --download')
  }
  if (args.command === 'download' && !args.out) throw new UsageError('download needs --out DIR')
  const submit = submitArgsFrom(command, v)
  if (submit) args.submit = submit

  if (args.command === 'credentials' && !['set', 'clear', 'status'].includes(args.sub ?? '')) {
    throw new UsageError('credentials takes set, clear or status')
  }
  // Not echoed: an extra argument may well be the secret, which must never come from argv.
  if (args.command === 'credentials' && args.ids.length > 0) {
    throw new UsageError(`credentials ${args.sub} takes no arguments: the key name goes in --key-name, the secret on stdin`)
  }
  if (args.command === 'doctor' && args.ids.length > 0) throw new UsageError(`doctor takes no arguments, got "${args.ids[0]}"`)
  if (args.command === 'export' && !args.format) throw new UsageError('export needs --format csv or --format json')
  if (args.download !== undefined && args.command !== 'watch' && args.command !== 'submit') throw new UsageError('--download goes with watch or submit')
  return args
}

/** The connection overrides this run's flags and environment give (they win over the saved settings). */
export function connectionOf(args: CliArgs): { region?: Region; endpoint?: string; trial?: boolean } {
  return {
    ...(args.region ? { region: args.region } : {}),
    ...(args.endpoint !== undefined ? { endpoint: args.endpoint } : {}),
    ...(args.trial ? { trial: true } : {})
  }
}
