// File names for downloaded images: a template rendered from the task and the URL, every component made safe on
// every OS (Windows, macOS, Linux), never escaping the target folder. Also the URL helpers that keep signatures
// out of logs and manifests.
import path from 'node:path'

export const DEFAULT_TEMPLATE = '{taskId}_{index}.{ext}'
/** Per path component, in UTF-8 bytes: below every common file system's 255 with room for " (NNN)" suffixes. */
export const MAX_COMPONENT_BYTES = 200

const RESERVED_WINDOWS = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])$/i

/** Windows opens a device for these names whatever follows the first dot, and ignores trailing spaces and dots
 * before it: `prn  .x.png` and `aux .png` are the printer and the console, not files. */
function isReservedOnWindows(name: string): boolean {
  const stem = name.split('.')[0]!.replace(/[. ]+$/, '')
  return RESERVED_WINDOWS.test(stem)
}
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARS = /[\u0000-\u001f\u007f-\u009f<>:"/\\|?*]/g
const KNOWN_VARS = new Set(['taskId', 'index', 'n', 'name', 'ext', 'date'])

/** Makes one path component safe on every OS. Never returns '', '.', '..' or a reserved Windows name. */
export function sanitizeComponent(input: string, maxBytes = MAX_COMPONENT_BYTES): string {
  let s = input.normalize('NFC').replace(FORBIDDEN_CHARS, '_')
  // Windows drops trailing dots and spaces (so `a.` and `a` collide); leading spaces confuse every shell.
  s = s.replace(/^[ ]+/, '').replace(/[. ]+$/, '')
  if (s === '' || /^\.+$/.test(s)) s = '_'
  if (isReservedOnWindows(s)) s = `_${s}`
  s = truncateKeepingExtension(s, maxBytes)
  return s.replace(/[. ]+$/, '') || '_'
}

/** Cuts a name to maxBytes of UTF-8 on a code point boundary, keeping a short extension intact. */
export function truncateKeepingExtension(name: string, maxBytes: number): string {
  if (Buffer.byteLength(name) <= maxBytes) return name
  const dot = name.lastIndexOf('.')
  const ext = dot > 0 && name.length - dot <= 12 ? name.slice(dot) : ''
  const stem = ext ? name.slice(0, dot) : name
  return truncateUtf8(stem, Math.max(1, maxBytes - Buffer.byteLength(ext))) + ext
}

function truncateUtf8(s: string, maxBytes: number): string {
  let out = ''
  let used = 0
  for (const ch of s) {
    const n = Buffer.byteLength(ch)
    if (used + n > maxBytes) break
    out += ch
    used += n
  }
  return out
}

/** Decodes percent-escapes until stable (at most a few rounds), so `%252e%252e%252f` cannot sneak through. */
export function decodeRepeatedly(s: string, rounds = 4): string {
  let cur = s
  for (let i = 0; i < rounds; i++) {
    let next: string
    try {
      next = decodeURIComponent(cur)
    } catch {
      next = cur.replace(/%([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    }
    if (next === cur) break
    cur = next
  }
  return cur
}

/**
 * The original file name carried by a result URL: the last segment of the decoded path (OSS keys arrive as
 * `pengxin%2Fsd%2F<token>%2F<name>.png`), with every `/`, `\` and `..` decoded away. '' when there is none.
 */
export function originalFileName(url: string): string {
  let pathname: string
  try {
    pathname = new URL(url).pathname
  } catch {
    pathname = url.split(/[?#]/)[0] ?? ''
  }
  const decoded = decodeRepeatedly(pathname)
  const last = decoded.split(/[/\\]/).filter((p) => p !== '' && p !== '.' && p !== '..').pop() ?? ''
  return last
}

/** A name without its extension (the real one comes from the bytes). */
export function stemOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.')
  return dot > 0 ? fileName.slice(0, dot) : fileName
}

/** The URL without its query string and fragment: what manifests keep and messages show. Signatures live in the query. */
export function stripQuery(url: string): string {
  try {
    const u = new URL(url)
    return `${u.origin}${u.pathname}`
  } catch {
    return url.split(/[?#]/)[0] ?? ''
  }
}

/** A short form of a URL for messages: host and the decoded file name, no query. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url)
    return `${u.host}/…/${originalFileName(url) || '?'}`
  } catch {
    return '(unparseable URL)'
  }
}

export interface NameVars {
  taskId: string
  /** 0-based image index */
  index: number
  /** the original file name from the URL (any extension is dropped; sanitised here) */
  originalName: string
  /** the real extension, from the file's first bytes: png, jpg, webp, gif */
  ext: string
  /** the day the task finished (or was added), in ms */
  date: number
}

function isoDay(ms: number): string {
  const d = new Date(ms)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** Throws for a template that names an unknown variable, so a typo fails before any download starts. */
/** What is wrong with a template, as data (the window words it), or null. */
export type TemplateProblem = { reason: 'empty' } | { reason: 'unknownVariable'; variable: string; known: string }

export function templateProblemOf(template: string): TemplateProblem | null {
  if (template.trim() === '') return { reason: 'empty' }
  for (const m of template.matchAll(/\{([^}]*)\}/g)) {
    if (!KNOWN_VARS.has(m[1]!)) return { reason: 'unknownVariable', variable: m[1]!, known: [...KNOWN_VARS].map((v) => `{${v}}`).join(' ') }
  }
  return null
}

export function validateTemplate(template: string): void {
  const p = templateProblemOf(template)
  if (p?.reason === 'empty') throw new Error('The file name template is empty')
  if (p?.reason === 'unknownVariable') throw new Error(`Unknown variable {${p.variable}} in the file name template ${JSON.stringify(template)}; known: ${p.known}`)
}

/**
 * Renders a template into a relative path of sanitised components. Variables cannot add folders (their `/` and
 * `\` become `_`); the template's own `/` (or `\`) make subfolders; `..`, absolute paths and drive letters are
 * neutralised. A template without `{ext}` gets `.{ext}` appended, so a file always carries its real type.
 */
export function renderFileName(template: string, vars: NameVars): string {
  validateTemplate(template)
  const stem = sanitizeComponent(stemOf(vars.originalName) || `image_${vars.index}`)
  const values: Record<string, string> = {
    taskId: vars.taskId,
    index: String(vars.index),
    n: String(vars.index + 1),
    name: stem,
    ext: vars.ext,
    date: isoDay(vars.date)
  }
  const withExt = template.includes('{ext}') ? template : `${template}.{ext}`
  const rendered = withExt.replace(/\{([^}]*)\}/g, (_, key: string) => (values[key] ?? '').replace(/[/\\]/g, '_'))
  const parts = rendered.split(/[/\\]+/).filter((p) => p !== '')
  const safe = parts.map((p) => sanitizeComponent(p))
  if (safe.length === 0) return sanitizeComponent(`${vars.taskId}_${vars.index}.${vars.ext}`)
  return safe.join('/')
}

/** `name.png` -> `name (2).png`, staying within the component byte limit. */
export function withCopySuffix(fileName: string, n: number): string {
  const suffix = ` (${n})`
  const dot = fileName.lastIndexOf('.')
  const ext = dot > 0 ? fileName.slice(dot) : ''
  const stem = dot > 0 ? fileName.slice(0, dot) : fileName
  const room = MAX_COMPONENT_BYTES - Buffer.byteLength(suffix) - Buffer.byteLength(ext)
  return `${truncateUtf8(stem, Math.max(1, room))}${suffix}${ext}`
}

/** True when `child` (resolved) lies strictly inside `parent` (resolved). */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(path.resolve(parent), path.resolve(child))
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)
}

/** Joins a rendered relative name onto the target folder, refusing anything that would land outside it. */
export function resolveInside(targetDir: string, relative: string): string {
  const full = path.resolve(targetDir, ...relative.split('/'))
  if (!isInside(targetDir, full)) throw new Error(`The file name ${JSON.stringify(relative)} would leave the target folder`)
  return full
}
