// Every dependency that ships an install script has been looked at: approved or denied in package.json's
// allowScripts (npm 11 runs only approved ones), each with its reason in the README's install notes.
import { describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const ROOT = resolve(__dirname, '../..')
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { allowScripts: Record<string, boolean> }
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; hasInstallScript?: boolean }> }

/** `name` or `name@version` → name */
const nameOf = (key: string): string => key.replace(/(?!^)@[^@]*$/, '')

function installNotes(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  const start = readme.indexOf('### Install notes')
  expect(start, 'README.md has an "Install notes" section').toBeGreaterThan(-1)
  const end = readme.indexOf('\n## ', start)
  return readme.slice(start, end === -1 ? undefined : end)
}

describe('install scripts of dependencies', () => {
  it('every package in the lockfile with an install script is approved or denied in allowScripts', () => {
    const withScripts = Object.entries(lock.packages)
      .filter(([path, p]) => path !== '' && p.hasInstallScript)
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length))
    expect(withScripts.length).toBeGreaterThan(0)
    const reviewed = new Set(Object.keys(pkg.allowScripts).map(nameOf))
    expect(withScripts.filter((n) => !reviewed.has(n)), 'unreviewed install scripts: add them to allowScripts and the README').toEqual([])
    // and nothing is listed that is no longer installed (what `npm install-scripts prune` would remove)
    expect([...reviewed].filter((n) => !withScripts.includes(n))).toEqual([])
  })

  it('the README install notes give the reason for each approval and denial', () => {
    const notes = installNotes()
    for (const [key, allowed] of Object.entries(pkg.allowScripts)) {
      const line = notes.split('\n').find((l) => l.includes(`\`${nameOf(key)}\``))
      expect(line, `a note on ${key}`).toBeDefined()
      expect(line, `${key} is ${allowed ? 'approved' : 'denied'} in package.json`).toMatch(allowed ? /\bapproved\b/i : /\bdenied\b/i)
      expect((line as string).length, `${key}: a reason, not just a name`).toBeGreaterThan(80)
    }
  })

  it('`npm install-scripts ls` lists nothing unreviewed (npm 11)', (ctx) => {
    const npm = (...args: string[]): string =>
      execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { cwd: ROOT, encoding: 'utf8', timeout: 60_000, shell: process.platform === 'win32', stdio: 'pipe' })
    let out: string
    try {
      out = npm('install-scripts', 'ls', '--json')
    } catch (e) {
      // npm 10 has no allowScripts (it runs every install script); the lockfile check above covers the list there
      const text = String((e as { stderr?: unknown }).stderr ?? e)
      if (/unknown command|not a valid command/i.test(text)) return ctx.skip(`npm ${npm('--version').trim()} has no \`install-scripts\` command`)
      throw e
    }
    expect(JSON.parse(out)).toEqual({ allowScripts: [] })
  })
})
