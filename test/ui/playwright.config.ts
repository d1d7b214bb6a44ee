import { defineConfig } from '@playwright/test'
import base from '../../playwright.config'

// The renderer's UI tests (test/ui): the root config's browser settings, this folder's specs.
// Run: npm run -s build && bash scripts/with-keyring.sh npx playwright test -c test/ui/playwright.config.ts
export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: ['**/*.spec.ts'],
  timeout: 60_000
})
