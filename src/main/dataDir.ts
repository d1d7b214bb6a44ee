import { homedir } from 'node:os'
import { join } from 'node:path'

/** The app's name as Electron derives userData from it (package.json productName). */
export const APP_DIR_NAME = 'Aidge Task Desk'

/**
 * The data folder shared by the app and the CLI: AIDGE_DATA_DIR if set, else the folder Electron's
 * app.getPath('userData') gives this app on each OS, computed without Electron.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  const override = env['AIDGE_DATA_DIR']
  if (override && override.trim() !== '') return override
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), APP_DIR_NAME)
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DIR_NAME)
  return join(env['XDG_CONFIG_HOME'] || join(home, '.config'), APP_DIR_NAME)
}
