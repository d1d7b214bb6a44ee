import { defineConfig } from '@playwright/test'

// Browsers are never downloaded: UI tests drive the system's Chromium (Debian's package on Linux).
// CHROMIUM_PATH overrides the location on other systems.
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'

export default defineConfig({
  testDir: 'test',
  testMatch: ['e2e/**/*.spec.ts', 'ui/**/*.spec.ts', 'electron/**/*.spec.ts'],
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  reporter: process.env['CI'] ? [['list']] : [['list']],
  use: {
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
    },
    trace: 'off'
  }
})
