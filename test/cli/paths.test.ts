// Every error that names a file names its full path, even when the user typed a relative one.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveHistoryFile } from '../../src/main/history/database'
import { REPO_ROOT, cliEnv, cliSuite, expectExit, runCli } from './cliHarness'

const suite = cliSuite({ accessKeyName: 'cli-paths-key' })

describe('full paths in file errors', () => {
  it('an export to a relative path in a missing folder: the error names the full path, nothing is written', async () => {
    const rel = path.join('no-such-folder-for-aidge-test', 'out.csv')
    const r = await runCli(['export', '--format', 'csv', '--out', rel], { env: cliEnv(suite.sim, suite.sb) }) // the CLI runs in REPO_ROOT
    expectExit(r, 1)
    expect(r.stderr).toContain(`aidge-tasks: Exporting to ${path.join(REPO_ROOT, rel)} failed: ENOENT`)
    expect(existsSync(path.join(REPO_ROOT, 'no-such-folder-for-aidge-test'))).toBe(false)
  })

  it('the history file of a relative data folder is named by its absolute path', () => {
    expect(resolveHistoryFile({ dataDir: 'some/dir' })).toBe(path.resolve('some/dir', 'history.sqlite'))
    expect(resolveHistoryFile({ file: 'x.sqlite' })).toBe(path.resolve('x.sqlite'))
    expect(resolveHistoryFile({ file: ':memory:' })).toBe(':memory:')
  })
})
