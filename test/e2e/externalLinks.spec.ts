// A hostile page asks main to open links in the user's browser: only the vendor's documentation and console and
// the project's own pages may be opened (src/main/externalLinks.ts, the one allow-list behind shell:openExternal,
// window.open and the Help menu). Everything else comes back as a typed error and nothing is opened.
import { test, expect } from '@playwright/test'
import { APP_LINKS, PROJECT_HOME } from '../../src/main/externalLinks'
import { expectCleanError, useBridgeEnv, type PageGlobals } from './fixtures'

const env = useBridgeEnv()

const HOSTILE: ReadonlyArray<readonly [string, string]> = [
  ['https://evil.example/phish', 'LINK_NOT_ALLOWED'],
  ['https://www.aidge.com.evil.example/documentation', 'LINK_NOT_ALLOWED'],
  ['https://www.aidge.com@evil.example/', 'LINK_NOT_ALLOWED'],
  ['https://user:pw@www.aidge.com/', 'LINK_NOT_ALLOWED'],
  ['https://www.aidge.com:444/', 'LINK_NOT_ALLOWED'],
  ['https://github.com/attacker/repo/releases/download/x/payload.exe', 'LINK_NOT_ALLOWED'],
  [`${PROJECT_HOME}-lookalike/issues`, 'LINK_NOT_ALLOWED'],
  ['https://127.0.0.1:8787/', 'LINK_NOT_ALLOWED'],
  ['http://www.aidge.com/documentation', 'HTTPS_ONLY'],
  ['file:///etc/passwd', 'HTTPS_ONLY'],
  ['javascript:alert(document.cookie)', 'HTTPS_ONLY'],
  ['smb://attacker.example/share/x.exe', 'HTTPS_ONLY'],
  ['ms-settings:', 'HTTPS_ONLY'],
  ['data:text/html,<script>alert(1)</script>', 'HTTPS_ONLY'],
  ['not a url', 'NOT_A_URL']
]

test('the page cannot open any link outside the allow-list, through window.api or straight at the bridge', async () => {
  const e = env()
  // the hostile page sends them all itself, ignoring the contract's types
  const results = await e.page.evaluate(
    (urls) => Promise.all(urls.map((url) => (globalThis as unknown as PageGlobals).api.invoke('shell:openExternal', { url }))),
    HOSTILE.map(([url]) => url)
  )
  results.forEach((r, i) => {
    const [url, code] = HOSTILE[i]!
    expect(expectCleanError(r, e.sim.secret), url).toMatchObject({ kind: 'forbidden', code })
  })
  for (const [url, code] of HOSTILE.slice(0, 3)) {
    const raw = await e.fetchInPage('/__harness/invoke/shell%3AopenExternal', { method: 'POST', body: JSON.stringify([{ url }]) })
    expect(raw.status).toBe(200)
    expect(expectCleanError(JSON.parse(raw.text), e.sim.secret), url).toMatchObject({ code })
  }
  expect(e.harness.dialogs.opened).toEqual([])
})

test('the links the app offers open, normalised', async () => {
  const e = env()
  for (const url of Object.values(APP_LINKS)) expect(await e.value('shell:openExternal', { url }), url).toEqual({ opened: true })
  expect(await e.value('shell:openExternal', { url: 'https://WWW.AIDGE.COM/documentation/virtual model' })).toEqual({ opened: true })
  expect(e.harness.dialogs.opened).toEqual([...Object.values(APP_LINKS), 'https://www.aidge.com/documentation/virtual%20model'])
  expect(e.pageErrors).toEqual([])
})
