// Number, time and size formatting for people. Pure functions.
import { formatBytes } from '../../shared/format'

const pad = (n: number): string => String(n).padStart(2, '0')
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** "14:03", "Yesterday 14:03", "12 Mar 14:03", "12 Mar 2023" (older than this year). */
export function formatTime(ms: number | null, now = Date.now()): string {
  if (ms === null) return '—'
  const d = new Date(ms)
  const today = new Date(now)
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`
  const sameDay = (a: Date, b: Date): boolean => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate()
  if (sameDay(d, today)) return hm
  const yesterday = new Date(now - 86_400_000)
  if (sameDay(d, yesterday)) return `Yesterday ${hm}`
  if (d.getFullYear() === today.getFullYear()) return `${d.getDate()} ${MONTHS[d.getMonth()]} ${hm}`
  return `${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}`
}

/** Full local date and time, for tooltips and detail views. */
export function formatDateTime(ms: number | null): string {
  if (ms === null) return '—'
  const d = new Date(ms)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

export { formatBytes }

export function formatRate(bytesPerSec: number): string {
  return bytesPerSec > 0 ? `${formatBytes(bytesPerSec)}/s` : '—'
}

/** Seconds to "45 s", "3 min 20 s", "1 h 5 min". */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '—'
  const s = Math.round(seconds)
  if (s < 60) return `${s} s`
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`
  return `${Math.floor(s / 3600)} h${Math.floor((s % 3600) / 60) ? ` ${Math.floor((s % 3600) / 60)} min` : ''}`
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US')
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`
}

/** "4dcfa662…" for long ids (the full id stays in titles and the detail view). */
export function shortId(id: string, keep = 8): string {
  return id.length > keep + 2 ? `${id.slice(0, keep)}…` : id
}

const KNOWN_VARS = ['taskId', 'index', 'n', 'name', 'ext', 'date']

/** The file name template's unknown variables (the downloader refuses them). */
export function templateProblem(template: string): string | null {
  if (template.trim() === '') return 'The template is empty.'
  for (const m of template.matchAll(/\{([^}]*)\}/g)) {
    if (!KNOWN_VARS.includes(m[1] ?? '')) return `Unknown variable {${m[1]}}. Known: ${KNOWN_VARS.map((v) => `{${v}}`).join(' ')}`
  }
  return null
}

/** What the downloader would name an image: a preview of the template (same variables, simplified escaping). */
export function exampleFileName(template: string, taskId: string, now = Date.now()): string {
  const d = new Date(now)
  const values: Record<string, string> = {
    taskId,
    index: '0',
    n: '1',
    name: 'image_0',
    ext: 'png',
    date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
  }
  const withExt = template.includes('{ext}') ? template : `${template}.{ext}`
  // eslint-disable-next-line no-control-regex
  return withExt.replace(/\{([^}]*)\}/g, (_, k: string) => values[k] ?? '').replace(/[\u0000-\u001f<>:"|?*]/g, '_').replace(/\\/g, '/')
}
