import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { defineConfig, externalizeDepsPlugin } from 'electron-vite'
import react from '@vitejs/plugin-react'

/**
 * What each Electron major ships, for the build targets. electron-vite 6.0.0's own table stops at Electron 44 and
 * silently reuses 44's values for anything newer, so the targets are set here, from Electron's sources:
 * - Chromium: electron-to-chromium's table ("45.0": "156"); Electron 44 was Chromium 152.
 * - Node: Electron 44 shipped Node 24.18.1 (its release blog) and Electron's main branch still pinned v24.18.1 in
 *   DEPS at the 45 nightlies (v45.0.0-nightly.20260821), so Node 24.18 is the floor Electron 45 offers.
 * A newer Electron major must be looked up and added: the build stops until it is.
 */
export const ELECTRON_TARGETS: Record<string, { node: string; chrome: string }> = {
  '45': { node: 'node24.18', chrome: 'chrome156' }
}

export function electronTargets(): { node: string; chrome: string } {
  const version = (JSON.parse(readFileSync(resolve(__dirname, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version
  const major = version.split('.')[0] as string
  const targets = ELECTRON_TARGETS[major]
  if (!targets) {
    throw new Error(`electron.vite.config.ts: no build targets for Electron ${version}: add the Node and Chromium versions it ships to ELECTRON_TARGETS.`)
  }
  return targets
}

const targets = electronTargets()

// main and preload run in Node/Electron: their dependencies stay external (native modules such as keytar,
// @photostructure/sqlite and sharp must be loaded from node_modules, not bundled). The preload is CommonJS
// because a sandboxed renderer cannot load an ES module preload.
export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      target: targets.node,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          cli: resolve(__dirname, 'src/cli/index.ts')
        }
      }
    }
  },
  preload: {
    plugins: [externalizeDepsPlugin()],
    build: {
      target: targets.node,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react()],
    build: {
      target: targets.chrome,
      // The renderer is downloaded by nobody but parsed at every start: keep it small.
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } }
    }
  }
})
