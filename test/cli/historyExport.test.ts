// aidge-tasks history and export, and where the data folder is, end to end.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../sim'
import { baseEnv, cliEnv, expectExit, parseJson, REPO_ROOT, requireBuiltCli, runCli, sandbox, taskId, type Sandbox } from './cliHarness'

interface HistoryDoc {
  tasks: Array<{ taskId: string; status: string | null; message: string | null; images: unknown[]; error: unknown }>
  total: number
}
interface ExportRecord {
  taskId: string
  status: string | null
  displayStatus: string
  message: string | null
  images: Array<{ index: number; url: string; width: number | null; height: number | null }>
  error: null | { kind: string; code: string }
}

let sim: Simulator
let sb: Sandbox
let env: Record<string, string>
const ids = { two: taskId('two-images'), formula: taskId('formula'), failed: taskId('failed'), running: taskId('running'), error: taskId('refused') }

beforeAll(async () => {
  requireBuiltCli()
  sim = await startSimulator({ accessKeyName: 'cli-export-key' })
  sb = sandbox()
  env = cliEnv(sim, sb)
  sim.addTask({ id: ids.two, lifecycle: [{ status: 'finished' }], images: [{ width: 10, height: 20 }, { width: 30, height: 40 }], message: 'ready: blue dress' })
  sim.addTask({ id: ids.formula, lifecycle: [{ status: 'finished' }], images: 1, message: '=HYPERLINK("http://evil.example","click")' })
  sim.addTask({ id: ids.failed, lifecycle: [{ status: 'failed' }], failMessage: 'model failed, sorry' })
  sim.addTask({ id: ids.running, lifecycle: [{ status: 'running' }], message: 'rendering the red dress' })
  sim.addTask({ id: ids.error, businessError: { resCode: 1000 } })
  const seeded = await runCli(['query', ...Object.values(ids)], { env })
  expectExit(seeded, 1) // the business error
})
afterAll(async () => {
  sb?.cleanup()
  await sim?.close()
})

describe('aidge-tasks history', () => {
  it('lists every task as a table with a count', async () => {
    const r = await runCli(['history'], { env })
    expectExit(r, 0)
    const lines = r.stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^TASK\s+STATUS\s+IMAGES\s+ADDED\s+FINISHED\s+MESSAGE$/)
    expect(lines.at(-1)).toBe('5 of 5 shown')
    const rows = Object.fromEntries(lines.slice(1, -1).map((l) => [l.split(/\s+/)[0], l.split(/\s+/)[1]]))
    expect(rows).toEqual({ [ids.two]: 'finished', [ids.formula]: 'finished', [ids.failed]: 'failed', [ids.running]: 'running', [ids.error]: 'error' })
    expect(r.stdout).not.toContain('Signature=')
  })

  it('filters by --status (repeated or comma separated) and --search, as JSON', async () => {
    const byStatus = async (...args: string[]): Promise<string[]> => {
      const r = await runCli(['history', '--json', ...args], { env })
      expectExit(r, 0)
      const doc = parseJson<HistoryDoc>(r)
      expect(doc.total).toBe(doc.tasks.length)
      return doc.tasks.map((t) => t.taskId).sort()
    }
    expect(await byStatus('--status', 'finished')).toEqual([ids.two, ids.formula].sort())
    expect(await byStatus('--status', 'failed,running')).toEqual([ids.failed, ids.running].sort())
    expect(await byStatus('--status', 'failed', '--status', 'error')).toEqual([ids.failed, ids.error].sort())
    expect(await byStatus('--search', ids.formula.slice(-8))).toEqual([ids.formula])
    expect(await byStatus('--search', 'dress')).toEqual([ids.two, ids.running].sort())
    expect(await byStatus('--search', 'dress', '--status', 'running')).toEqual([ids.running])
    expect(await byStatus('--search', 'nothing-like-this')).toEqual([])

    const full = await runCli(['history', '--json', '--status', 'error'], { env })
    expect(parseJson<HistoryDoc>(full).tasks).toStrictEqual([
      {
        taskId: ids.error,
        status: 'error',
        message: null,
        requestId: expect.any(String) as unknown as string,
        images: [],
        error: { kind: 'business', code: '1000', message: expect.stringContaining('sensitive') as unknown as string, requestId: expect.any(String) as unknown as string }
      }
    ])
  })

  it('--limit shows fewer rows but the full count; no match says so', async () => {
    const r = await runCli(['history', '--limit', '2'], { env })
    expectExit(r, 0)
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(4)
    expect(r.stdout).toContain('2 of 5 shown')
    const json = parseJson<HistoryDoc>(await runCli(['history', '--json', '--limit', '2'], { env }))
    expect([json.tasks.length, json.total]).toEqual([2, 5])
    const none = await runCli(['history', '--search', 'zzzzzz'], { env })
    expectExit(none, 0)
    expect(none.stdout).toBe('no tasks in history match\n')
  })
})

describe('aidge-tasks export', () => {
  const HEADER = 'taskId,status,message,addedAt,finishedAt,lastQueriedAt,requestId,imageCount,imageUrls,errorKind,errorCode,errorMessage'

  function csvRows(text: string): Map<string, string> {
    const lines = text.split('\r\n')
    expect(lines[0]).toBe(HEADER)
    expect(lines.at(-1)).toBe('')
    return new Map(lines.slice(1, -1).map((l) => [l.slice(0, l.indexOf(',')), l]))
  }

  it('CSV: a header row, one row per task, formulas defused, and no URL signatures', async () => {
    const r = await runCli(['export', '--format', 'csv'], { env })
    expectExit(r, 0)
    expect(r.stderr).toBe('')
    const rows = csvRows(r.stdout)
    expect([...rows.keys()].sort()).toEqual(Object.values(ids).sort())
    expect(r.stdout).not.toMatch(/Signature|OSSAccessKeyId|Expires=|\?/)
    const two = rows.get(ids.two)!
    const urls = two.split(',')[8]!.split(' ')
    expect(urls).toHaveLength(2)
    for (const url of urls) expect(url).toMatch(new RegExp(`^${sim.url}/oss/[^?]+\\.png$`))
    expect(two).toMatch(new RegExp(`^${ids.two},finished,ready: blue dress,[\\d :-]{19},[\\d :-]{19},[\\d :-]{19},0b\\w+,2,`))
    expect(rows.get(ids.formula)).toContain(`,"'=HYPERLINK(""http://evil.example"",""click"")",`)
    expect(rows.get(ids.failed)).toMatch(new RegExp(`^${ids.failed},failed,"model failed, sorry",`))
    expect(rows.get(ids.error)).toMatch(/,0,,business,1000,"?Aidge error 1000/)
  })

  it('CSV --with-urls keeps the signed URLs', async () => {
    const r = await runCli(['export', '--format', 'csv', '--with-urls'], { env })
    expectExit(r, 0)
    const urls = csvRows(r.stdout).get(ids.two)!.split(',')[8]!.split(' ')
    for (const url of urls) expect(url).toMatch(/\?OSSAccessKeyId=\w+&Expires=\d+&Signature=\S+$/)
    // The kept URL is the one the object store accepts.
    const res = await fetch(urls[0]!)
    expect(res.status).toBe(200)
    await res.arrayBuffer()
  })

  it('JSON: an array of task records, with signatures only with --with-urls', async () => {
    const r = await runCli(['export', '--format', 'json'], { env })
    expectExit(r, 0)
    const records = parseJson<ExportRecord[]>(r)
    expect(Array.isArray(records)).toBe(true)
    expect(records.map((t) => t.taskId).sort()).toEqual(Object.values(ids).sort())
    expect(r.stdout).not.toMatch(/Signature|OSSAccessKeyId|Expires=/)
    const two = records.find((t) => t.taskId === ids.two)!
    expect(two).toMatchObject({ status: 'finished', displayStatus: 'finished', message: 'ready: blue dress', error: null })
    expect(two.images.map((i) => [i.index, i.width, i.height, i.url.includes('?')])).toEqual([
      [0, 10, 20, false],
      [1, 30, 40, false]
    ])
    expect(records.find((t) => t.taskId === ids.error)).toMatchObject({ status: null, displayStatus: 'error', error: { kind: 'business', code: '1000' } })

    const signed = parseJson<ExportRecord[]>(await runCli(['export', '--format', 'json', '--with-urls'], { env }))
    for (const url of signed.find((t) => t.taskId === ids.two)!.images.map((i) => i.url)) expect(url).toMatch(/\?OSSAccessKeyId=\w+&Expires=\d+&Signature=\S+$/)
  })

  // Seven CLI runs in one test passed 20 s on a loaded 2-core machine: the file and the filters are two tests.
  it('--out writes the same bytes to a file and says so on stderr', async () => {
    for (const format of ['csv', 'json']) {
      const file = join(sb.root, `export.${format}`)
      const toStdout = await runCli(['export', '--format', format], { env })
      const toFile = await runCli(['export', '--format', format, '--out', file], { env })
      expectExit(toFile, 0)
      expect(toFile.stdout).toBe('')
      expect(toFile.stderr).toBe(`exported 5 tasks to ${file}\n`)
      expect(readFileSync(file, 'utf8')).toBe(toStdout.stdout)
    }
  })

  it('filters apply to an export, to stdout and with --out', async () => {
    const finished = parseJson<ExportRecord[]>(await runCli(['export', '--format', 'json', '--status', 'finished', '--search', 'dress'], { env }))
    expect(finished.map((t) => t.taskId)).toEqual([ids.two])
    const none = await runCli(['export', '--format', 'json', '--search', 'zzzzzz'], { env })
    expect(parseJson(none)).toEqual([])
    const one = await runCli(['export', '--format', 'csv', '--status', 'failed', '--out', join(sb.root, 'one.csv')], { env })
    expect(one.stderr).toBe(`exported 1 task to ${join(sb.root, 'one.csv')}\n`)
  })
})

describe('the data folder', () => {
  const productName = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { productName: string }).productName

  it("defaults to the desktop app's folder: $XDG_CONFIG_HOME/<productName>, else ~/.config/<productName>", async () => {
    const box = sandbox()
    try {
      const xdg = join(box.root, 'xdg-config')
      const withXdg = await runCli(['history'], { env: { ...baseEnv(box.home), XDG_CONFIG_HOME: xdg } })
      expectExit(withXdg, 0)
      expect(productName).toBe('Aidge Task Desk')
      expect(existsSync(join(xdg, productName, 'history.sqlite'))).toBe(true)
      expect(existsSync(join(box.home, '.config'))).toBe(false)

      const plain = await runCli(['history'], { env: baseEnv(box.home) })
      expectExit(plain, 0)
      expect(existsSync(join(box.home, '.config', productName, 'history.sqlite'))).toBe(true)

      // The app and the CLI share it: a task queried with the default folder is in its history.
      const id = taskId('shared')
      sim.addTask({ id, lifecycle: [{ status: 'finished' }] })
      const envNoDir: Record<string, string> = { ...cliEnv(sim, box), XDG_CONFIG_HOME: xdg }
      delete envNoDir.AIDGE_DATA_DIR
      expectExit(await runCli(['query', id], { env: envNoDir }), 0)
      const listed = parseJson<HistoryDoc>(await runCli(['history', '--json', '--data-dir', join(xdg, productName)], { env: baseEnv(box.home) }))
      expect(listed.tasks.map((t) => t.taskId)).toEqual([id])
    } finally {
      box.cleanup()
    }
  })

  it('--data-dir wins over AIDGE_DATA_DIR, which wins over the default', async () => {
    const box = sandbox()
    try {
      const fromEnv = join(box.root, 'from-env')
      const fromFlag = join(box.root, 'from flag')
      const env2 = { ...baseEnv(box.home), AIDGE_DATA_DIR: fromEnv }
      expectExit(await runCli(['history', '--data-dir', fromFlag], { env: env2 }), 0)
      expect(existsSync(join(fromFlag, 'history.sqlite'))).toBe(true)
      expect(existsSync(fromEnv)).toBe(false)
      expectExit(await runCli(['history'], { env: env2 }), 0)
      expect(existsSync(join(fromEnv, 'history.sqlite'))).toBe(true)
      expect(existsSync(join(box.home, '.config'))).toBe(false)
    } finally {
      box.cleanup()
    }
  })
})
