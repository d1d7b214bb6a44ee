import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { defineConfig, externalizeDepsPlugin } from 'electron-vite'
import react from '@vitejs/plugin-react'
import type { Plugin } from 'vite'
import { metaContentSecurityPolicy } from './src/main/appScheme'

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

/**
 * Writes the page's Content-Security-Policy <meta> tag from the one policy in src/main/appScheme.ts (the app scheme
 * also sends it as a header). On the dev server it admits every inline script the other plugins put in the page
 * (React Refresh's preamble) by its sha256 hash, since 'self' alone would block it.
 */
export function cspMetaTag(): Plugin {
  let dev = false
  return {
    name: 'aidge:csp-meta',
    configResolved(config) {
      dev = config.command === 'serve'
    },
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const inline = dev ? [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1] as string) : []
        const hashes = inline.filter((code) => code.trim() !== '').map((code) => `sha256-${createHash('sha256').update(code).digest('base64')}`)
        const content = metaContentSecurityPolicy(dev ? { inlineScriptHashes: hashes } : undefined)
        // first in <head>: a meta policy governs only what comes after it, including the scripts the dev server
        // puts at the top of <head> (the charset declaration still falls within the first 1024 bytes)
        const tag = `<meta http-equiv="Content-Security-Policy" content="${content.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}" />`
        if (!/<head>/i.test(html)) throw new Error('index.html has no <head> for the CSP meta tag')
        return html.replace(/<head>/i, (m) => `${m}\n    ${tag}`)
      }
    }
  }
}

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
    plugins: [react(), cspMetaTag()],
    build: {
      target: targets.chrome,
      // The renderer is downloaded by nobody but parsed at every start: keep it small.
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } }
    }
  }
})
