import { describe, expect, it } from 'vitest'
import { resolve } from 'node:path'
// electron-builder's own loader and schema validator: what `npm run dist` would read, checked without packaging
// (packaging downloads Electron, which this machine cannot).
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config'
import { DebugLogger } from 'builder-util'

const ROOT = resolve(__dirname, '../..')

describe('packaging config (electron-builder.yml)', () => {
  it('passes electron-builder schema validation', async () => {
    const config = await getConfig(ROOT, null, null)
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
  })

  it('targets AppImage/deb, dmg and nsis, unpacks the native modules, and burns the dangerous fuses', async () => {
    const config = await getConfig(ROOT, null, null)
    expect(config.linux?.target).toEqual(['AppImage', 'deb'])
    expect(config.mac?.target).toBe('dmg')
    expect(config.win?.target).toBe('nsis')
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/keytar/**', 'node_modules/@photostructure/sqlite/**', 'node_modules/sharp/**']))
  })

  it('sets every fuse electron-builder can flip, each on purpose', async () => {
    const config = await getConfig(ROOT, null, null)
    // exactly these keys: a fuse added to electron-builder's schema later must be decided here too
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      // safe only because nothing is loaded from file:// (test/packaging/buildOutput.test.ts)
      grantFileProtocolExtraPrivileges: false
    })
  })

  it('decides every fuse @electron/fuses knows', async () => {
    const { FuseV1Options } = await import('@electron/fuses')
    const known = Object.keys(FuseV1Options).filter((k) => Number.isNaN(Number(k)))
    const config = await getConfig(ROOT, null, null)
    const lowerFirst = (k: string): string => k[0]!.toLowerCase() + k.slice(1)
    expect(known.map(lowerFirst).sort()).toEqual(Object.keys(config.electronFuses ?? {}).sort())
  })
})
