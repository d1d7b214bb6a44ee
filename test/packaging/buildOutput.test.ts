// What `npm run build` makes for Electron: bundles that never load from file://, built for what Electron 45 runs.
import { describe, expect, it } from 'vitest'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import config, { ELECTRON_TARGETS, electronTargets } from '../../electron.vite.config'

const ROOT = resolve(__dirname, '../..')

function bundles(dir: string): string[] {
  const abs = join(ROOT, dir)
  expect(existsSync(abs), `${dir} is missing: run \`npm run build\` first (npm test does)`).toBe(true)
  return readdirSync(abs, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && /\.c?js$/.test(d.name))
    .map((d) => join(d.parentPath, d.name))
}

describe('the built app', () => {
  it('main and preload never load a page from file:// (no loadFile, no file: URL)', () => {
    const files = [...bundles('out/main'), ...bundles('out/preload')]
    expect(files.some((f) => f.endsWith(join('out', 'main', 'index.js')))).toBe(true)
    for (const f of files) {
      const code = readFileSync(f, 'utf8')
      expect(code, f).not.toMatch(/\bloadFile\b/)
      expect(code, f).not.toMatch(/file:\/\//)
      expect(code, f).not.toMatch(/\bpathToFileURL\b/)
    }
    // the page comes from the app's own scheme
    expect(readFileSync(join(ROOT, 'out/main/index.js'), 'utf8')).toContain('aidge-app://app')
  })

  it('targets the Node and Chromium that the installed Electron ships (electron-vite 6.0.0 stops at Electron 44)', () => {
    const electron = JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }
    const major = electron.version.split('.')[0] as string
    // a new Electron major must be looked up and added to the table, or the build stops
    expect(Object.keys(ELECTRON_TARGETS)).toContain(major)
    const targets = electronTargets()
    expect(targets).toEqual({ node: 'node24.18', chrome: 'chrome156' })
    const c = config as { main?: { build?: { target?: unknown } }; preload?: { build?: { target?: unknown } }; renderer?: { build?: { target?: unknown } } }
    expect(c.main?.build?.target).toBe(targets.node)
    expect(c.preload?.build?.target).toBe(targets.node)
    expect(c.renderer?.build?.target).toBe(targets.chrome)
  })
})
