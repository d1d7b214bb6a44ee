// `npm run sim`: a simulator on a fixed port with sample tasks and auto tasks, until Ctrl-C.
//   --port N (or SIM_PORT, default 8787)  --secret S (or SIM_SECRET)  --key NAME (or SIM_APP_KEY)
//   --quota ok|exhausted|trialOnly        --no-auto (unknown ids answer 700 instead of auto tasks)
//   --submit-limit N (submits per second, beyond it 501)  --submit-answer result|flat  --submit-balance N
//   a far object store: --ttfb MS (time to first byte)  --conn-mbit N (Mbit/s per connection)  --line-mbit N (Mbit/s
//   for all connections together)  --stall-every N --stall-ms MS (every N-th image pauses halfway)
import type { FarStoreSpec } from './farStore'
import { SAMPLE_TASKS } from './samples'
import { startSimulator } from './simulator'
import { SUBMIT_API } from './submit'
import type { QuotaMode } from './types'

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`)
  if (i >= 0) return process.argv[i + 1]
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3)
}

function farStoreOf(): FarStoreSpec | undefined {
  const num = (name: string): number | undefined => {
    const v = arg(name)
    if (v === undefined) return undefined
    const n = Number(v)
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} takes a number >= 0, not ${JSON.stringify(v)}`)
    return n
  }
  const [ttfbMs, conn, line, every, ms] = [num('ttfb'), num('conn-mbit'), num('line-mbit'), num('stall-every'), num('stall-ms')]
  if ((every === undefined) !== (ms === undefined)) throw new Error('--stall-every and --stall-ms go together')
  const spec: FarStoreSpec = {
    ...(ttfbMs !== undefined ? { ttfbMs } : {}),
    ...(conn !== undefined ? { connectionBitsPerSec: conn * 1e6 } : {}),
    ...(line !== undefined ? { lineBitsPerSec: line * 1e6 } : {}),
    ...(every !== undefined && ms !== undefined ? { stall: { every, ms } } : {})
  }
  return Object.keys(spec).length > 0 ? spec : undefined
}

async function main(): Promise<void> {
  const farStore = farStoreOf()
  const port = Number(arg('port') ?? process.env.SIM_PORT ?? 8787)
  const secret = arg('secret') ?? process.env.SIM_SECRET
  const accessKeyName = arg('key') ?? process.env.SIM_APP_KEY
  const sim = await startSimulator({
    port,
    autoTasks: !process.argv.includes('--no-auto'),
    quota: (arg('quota') as QuotaMode | undefined) ?? 'ok',
    tasks: SAMPLE_TASKS,
    ...(arg('submit-limit') ? { submitQpsLimit: Number(arg('submit-limit')) } : {}),
    ...(arg('submit-answer') === 'flat' ? { submitAnswer: 'flat' as const } : {}),
    ...(arg('submit-balance') ? { submitBalance: Number(arg('submit-balance')) } : {}),
    ...(farStore ? { farStore } : {}),
    ...(secret ? { secret } : {}),
    ...(accessKeyName ? { accessKeyName } : {})
  })
  const lines = [
    'Aidge simulator running',
    `  endpoint (base URL): ${sim.url}`,
    `  access key name:     ${sim.accessKeyName}`,
    `  secret:              ${sim.secret}`,
    `  sample task ids:     ${SAMPLE_TASKS.map((t) => t.id).join(', ')}`,
    '  any other id becomes an auto task (most finish after 2-4 queries, ~1 in 10 fail), e.g. 4dcfa662-d5b3-48d5-842e-a87f70ac1522',
    `  submit API:          POST ${SUBMIT_API}: JPEG/PNG/BMP/WEBP photos up to 4 MB, larger than 512x512 and smaller than 3000x3000;`,
    `                       a created task finishes after a few queries with \`count\` images; errors 700 (naming the field), 701`,
    `                       (an imageUrl not hosted under ${sim.url}/files/), 1000-1002 by fault, 501 by fault or --submit-limit N; balance of the submit API:`,
    `                       ${arg('submit-balance') ?? 1000} images (/ai/query/balance with {"apiPath":"${SUBMIT_API}"})`,
    ...(farStore ? [`  object store:        far: ${JSON.stringify(farStore)}`] : []),
    `  control API:         ${sim.url}/__sim/info, /__sim/stats, POST /__sim/tasks, POST /__sim/files, POST|DELETE /__sim/faults`,
    'Ctrl-C to stop.'
  ]
  console.log(lines.join('\n'))
  const stop = (): void => {
    void sim.close().then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e)
  process.exit(1)
})
