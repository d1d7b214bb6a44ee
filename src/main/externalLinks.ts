// The one allow-list for everything that leaves the app for the user's browser: the `shell:openExternal` request,
// links the page tries to open as new windows (window.ts), and the Help menu. Only the vendor's documentation and
// console and the project's own pages; https only, no credentials or odd ports in the URL. Electron's security
// checklist, item 15: "Do not use shell.openExternal with untrusted content". Plain Node, unit-tested.

/** The project's home: its pages (README, issues, releases) are the only ones on the host allowed. */
export const PROJECT_HOME = 'https://github.com/aidge-task-desk/aidge-task-desk'

/** The links the app itself offers (Help menu). */
export const APP_LINKS = {
  /** the vendor's documentation of the Virtual Model Alternation API and its console, on Aidge's site */
  vendorDocs: 'https://www.aidge.com/documentation',
  vendorConsole: 'https://www.aidge.com/console',
  projectHome: PROJECT_HOME,
  projectIssues: `${PROJECT_HOME}/issues`
} as const

/** host → the path prefixes allowed on it ('/' = the whole host) */
const ALLOWED: ReadonlyArray<{ host: string; pathPrefix: string }> = [
  { host: 'www.aidge.com', pathPrefix: '/' },
  { host: 'aidge.com', pathPrefix: '/' },
  { host: 'github.com', pathPrefix: new URL(PROJECT_HOME).pathname }
]

export type ExternalLinkCheck =
  | { ok: true; url: string }
  | { ok: false; code: 'NOT_A_URL' | 'HTTPS_ONLY' | 'LINK_NOT_ALLOWED'; message: string }

function pathAllowed(pathname: string, prefix: string): boolean {
  if (prefix === '/') return true
  // on a segment boundary: /owner/repo and /owner/repo/issues, never /owner/repo-evil
  return pathname === prefix || pathname.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`)
}

/** Whether `raw` may be opened in the user's browser, and the normalised URL to open. */
export function checkExternalLink(raw: string): ExternalLinkCheck {
  let u: URL
  try {
    u = new URL(raw)
  } catch {
    return { ok: false, code: 'NOT_A_URL', message: 'That is not a URL.' }
  }
  if (u.protocol !== 'https:') return { ok: false, code: 'HTTPS_ONLY', message: 'Only https links are opened.' }
  const allowed =
    u.username === '' &&
    u.password === '' &&
    u.port === '' &&
    ALLOWED.some((a) => a.host === u.hostname && pathAllowed(u.pathname, a.pathPrefix))
  if (!allowed) {
    return { ok: false, code: 'LINK_NOT_ALLOWED', message: 'Only links to the Aidge documentation and console and to this app’s own pages are opened.' }
  }
  return { ok: true, url: u.toString() }
}
