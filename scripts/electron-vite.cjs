#!/usr/bin/env node
// `npm start`, `npm run dev` and `npm run dist` go through here: make Electron's binary present, then run electron-vite.
//
// Why: Electron 45's npm package has no install script. Its binary is fetched lazily, by the package's own index.js
// running install.js (the `install-electron` bin) the first time `require('electron')` runs. electron-vite 6 never
// requires the package: its getElectronPath() reads node_modules/electron/path.txt and throws "Electron uninstall"
// when the file is missing, so on a fresh `npm install` the binary was never fetched. Here we run Electron's own
// installer first (with a progress line), hand electron-vite the binary through ELECTRON_EXEC_PATH (which its
// getElectronPath() reads before path.txt), and turn every failure into a plain paragraph with the fixing command.
//
// usage: node scripts/electron-vite.cjs <preview|dev|build|ensure> [electron-vite args...]
'use strict'
const { spawn } = require('node:child_process')
const { existsSync, readFileSync } = require('node:fs')
const { dirname, join } = require('node:path')

const ROOT = join(__dirname, '..')
const FIX = 'npx --no install-electron'
const HEARTBEAT_MS = Number(process.env.AIDGE_ELECTRON_HEARTBEAT_MS) || 10_000

/** A paragraph a person can act on, then exit non-zero: never a stack trace. */
function fail(lines) {
  process.stderr.write(`\n${lines.join('\n')}\n\n`)
  process.exit(1)
}

function platformPath(platform) {
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron'
  if (platform === 'win32') return 'electron.exe'
  return 'electron'
}

/** The binary Electron's installer put in place, or null: the same test as its install.js isInstalled(). */
function installedBinary(pkgDir, version) {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  try {
    const distVersion = readFileSync(join(pkgDir, 'dist', 'version'), 'utf8').trim().replace(/^v/, '')
    const pathTxt = readFileSync(join(pkgDir, 'path.txt'), 'utf8').trim()
    const bin = join(override || join(pkgDir, 'dist'), pathTxt)
    if (distVersion === version && existsSync(bin)) return bin
  } catch {
    // not installed (or half-installed): the installer will (re)do it
  }
  if (override) {
    const bin = join(override, platformPath(process.platform))
    if (existsSync(bin)) return bin
  }
  return null
}

/** The one line of an installer failure that says what went wrong, without its stack. */
function reasonOf(stderr) {
  const first = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('at '))
  if (!first) return 'the installer stopped without saying why'
  if (/fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|UND_ERR_CONNECT/i.test(stderr)) {
    return 'the download server could not be reached (offline, or a proxy or firewall in the way)'
  }
  return first.replace(/^(?:[A-Za-z]*Error: )/, '').slice(0, 240)
}

function describeSource() {
  const mirror = process.env.ELECTRON_MIRROR || process.env.npm_config_electron_mirror
  return mirror ? `the mirror ${mirror}` : "Electron's GitHub releases"
}

/** Runs Electron's installer (install.js, the install-electron bin), printing a progress line while it works. */
function runInstaller(pkgDir, version) {
  return new Promise((resolve) => {
    const started = Date.now()
    const target = `${process.env.ELECTRON_INSTALL_PLATFORM || process.platform}-${process.env.ELECTRON_INSTALL_ARCH || process.arch}`
    process.stderr.write(`Fetching Electron ${version} (${target}, about 100 MB, once) from ${describeSource()} with Electron's installer…\n`)
    // stdout passes through; stderr is kept so a failure is told in one line, not as the installer's stack trace
    const child = spawn(process.execPath, [join(pkgDir, 'install.js')], { cwd: pkgDir, stdio: ['ignore', 'inherit', 'pipe'], windowsHide: true })
    let stderr = ''
    child.stderr.on('data', (c) => {
      if (stderr.length < 64 * 1024) stderr += c.toString()
    })
    const beat = setInterval(() => {
      process.stderr.write(`  still fetching Electron ${version}… ${Math.round((Date.now() - started) / 1000)} s\n`)
    }, HEARTBEAT_MS)
    const done = (code, error) => {
      clearInterval(beat)
      resolve({ ok: code === 0, seconds: Math.round((Date.now() - started) / 1000), reason: error ? error.message : reasonOf(stderr) })
    }
    child.on('error', (e) => done(1, e))
    child.on('close', (code) => done(code))
  })
}

async function ensureElectron() {
  let pkgDir
  try {
    pkgDir = dirname(require.resolve('electron/package.json', { paths: [ROOT] }))
  } catch {
    fail([
      'Aidge Task Desk cannot start: the `electron` package is not installed in node_modules.',
      'Fix: run `npm install` in the project folder, then `npm start` again.'
    ])
  }
  const version = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version
  const present = installedBinary(pkgDir, version)
  if (present) return present
  const skip = process.env.ELECTRON_SKIP_BINARY_DOWNLOAD
  if (skip && skip !== '0' && skip !== 'false') {
    fail([
      `Aidge Task Desk cannot start: the Electron ${version} program it runs in is not on this computer, and`,
      `ELECTRON_SKIP_BINARY_DOWNLOAD=${skip} is set, so it was not downloaded (nothing was fetched).`,
      `Fix: with a network connection, run \`${FIX}\` in the project folder (Electron's own installer; it`,
      'downloads about 100 MB once), then `npm start` again.'
    ])
  }
  const r = await runInstaller(pkgDir, version)
  const bin = r.ok ? installedBinary(pkgDir, version) : null
  if (bin) {
    process.stderr.write(`Electron ${version} is ready (${r.seconds} s).\n`)
    return bin
  }
  fail([
    `Aidge Task Desk cannot start: the Electron ${version} program it runs in is not on this computer, and`,
    `fetching it from ${describeSource()} failed: ${r.ok ? 'the installer finished but left no binary' : r.reason}.`,
    `Fix: once the network allows it, run \`${FIX}\` in the project folder, then \`npm start\` again. Behind a`,
    'proxy, set HTTPS_PROXY and ELECTRON_GET_USE_PROXY=1 first; to download from a mirror, set ELECTRON_MIRROR.'
  ])
}

async function main() {
  const [command, ...rest] = process.argv.slice(2)
  if (!['preview', 'dev', 'build', 'ensure'].includes(command ?? '')) {
    fail(['usage: node scripts/electron-vite.cjs <preview|dev|build|ensure> [electron-vite options]'])
  }
  const bin = await ensureElectron()
  if (command === 'ensure') return
  const cli = require.resolve('electron-vite/bin/electron-vite.js', { paths: [ROOT] })
  const child = spawn(process.execPath, [cli, command, ...rest], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_EXEC_PATH: bin }
  })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

void main()
