#!/usr/bin/env node
// CI's Electron smoke suite: runs test/electron against the built app and fails unless every test really ran.
// Those tests skip themselves where no Electron binary is installed (as on machines that cannot download one);
// in CI a binary was just installed, so a skip there means the suite proved nothing and must not pass as green.
// Usage (after `npm run build` and `npx --no install-electron`): node scripts/electron-smoke.mjs [playwright args]
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

function smoke(report) {
  const run = spawnSync('npx', ['--no', 'playwright', 'test', 'test/electron', '--reporter=list,json', ...process.argv.slice(2)], {
    stdio: 'inherit',
    // npx is a .cmd file on Windows, which only a shell can start
    shell: process.platform === 'win32',
    env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_FILE: report }
  })
  let stats
  try {
    stats = JSON.parse(readFileSync(report, 'utf8')).stats
  } catch {
    console.error(`electron-smoke: Playwright wrote no report (exit ${run.status ?? run.signal}); the suite did not run.`)
    return run.status || 1
  }
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = stats
  console.log(`electron-smoke: ${expected} passed, ${unexpected} failed, ${flaky} flaky, ${skipped} skipped`)
  if (run.status !== 0 || unexpected > 0) return run.status || 1
  if (skipped > 0 || expected + flaky === 0) {
    console.error('electron-smoke: tests were skipped or none ran: is the Electron binary installed (npx --no install-electron)?')
    return 1
  }
  return 0
}

const dir = mkdtempSync(join(tmpdir(), 'electron-smoke-'))
let code
try {
  code = smoke(join(dir, 'report.json'))
} finally {
  rmSync(dir, { recursive: true, force: true })
}
process.exit(code)
