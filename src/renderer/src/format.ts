// Numbers, dates, sizes and durations for people, in the window's language through Intl. Pure functions of their
// arguments and the current language (src/renderer/src/i18n).
import { byteParts } from '../../shared/format'
import { currentLanguage, t } from './i18n'

const pad = (n: number): string => String(n).padStart(2, '0')
const NONE = '—'

// Intl formatters are costly to build and the list renders thousands of cells: one per language and options.
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat>()
function cached<F extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat>(key: string, make: (lang: string) => F): F {
  const lang = currentLanguage()
  const k = `${lang}|${key}`
  let f = cache.get(k)
  if (!f) cache.set(k, (f = make(lang)))
  return f as F
}
// 24-hour clock in both languages, as the app always showed
const HM = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const
const timeOfDay = (): Intl.DateTimeFormat => cached('hm', (l) => new Intl.DateTimeFormat(l, HM))
const dayMonthTime = (): Intl.DateTimeFormat => cached('dmhm', (l) => new Intl.DateTimeFormat(l, { day: 'numeric', month: 'short', ...HM }))
const dayMonthYear = (): Intl.DateTimeFormat => cached('dmy', (l) => new Intl.DateTimeFormat(l, { day: 'numeric', month: 'short', year: 'numeric' }))
const full = (): Intl.DateTimeFormat => cached('full', (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'medium', hourCycle: 'h23' }))
const number = (digits: number): Intl.NumberFormat => cached(`n${digits}`, (l) => new Intl.NumberFormat(l, { minimumFractionDigits: digits, maximumFractionDigits: digits }))

/**
 * Builds the formatters the list shows on its first screen. A page's first Intl number format costs ~40 ms and its
 * first date format ~5 ms (ICU sets up its data, once per window): main.tsx calls this while the start-up requests
 * are in flight.
 */
export function warmFormatters(): void {
  number(0).format(0)
  timeOfDay().format(0)
  full().format(0)
}

/** "14:03", "Yesterday 14:03", "Mar 12, 14:03", "Mar 12, 2023" (older than this year); in Chinese "3月12日 14:03". */
export function formatTime(ms: number | null, now = Date.now()): string {
  if (ms === null) return NONE
  const d = new Date(ms)
  const today = new Date(now)
  const sameDay = (a: Date, b: Date): boolean => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate()
  if (sameDay(d, today)) return timeOfDay().format(d)
  if (sameDay(d, new Date(now - 86_400_000))) return t('format.yesterdayAt', { time: timeOfDay().format(d) })
  if (d.getFullYear() === today.getFullYear()) return dayMonthTime().format(d)
  return dayMonthYear().format(d)
}

/** Full local date and time, for tooltips and detail views. */
export function formatDateTime(ms: number | null): string {
  return ms === null ? NONE : full().format(new Date(ms))
}

/** "512 B", "3.2 MB": the number in the window's language, the unit's symbol as is (it is the same in both). */
export function formatBytes(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return NONE
  const { value, unit } = byteParts(n)
  return `${number(unit === 'B' || value >= 10 ? 0 : 1).format(value)} ${unit}`
}

export function formatRate(bytesPerSec: number): string {
  return bytesPerSec > 0 ? `${formatBytes(bytesPerSec)}/s` : NONE
}

const unit = (u: 'hour' | 'minute' | 'second', v: number): string => cached(`u${u}`, (l) => new Intl.NumberFormat(l, { style: 'unit', unit: u, unitDisplay: 'short' })).format(v)
const units = (parts: string[]): string => cached('list', (l) => new Intl.ListFormat(l, { type: 'unit', style: 'narrow' })).format(parts)

/** Seconds to "45 sec", "3 min 20 sec", "1 hr 5 min" (Chinese "3分钟20秒"). */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return NONE
  const s = Math.round(seconds)
  if (s < 60) return unit('second', s)
  if (s < 3600) return units([unit('minute', Math.floor(s / 60)), ...(s % 60 ? [unit('second', s % 60)] : [])])
  const m = Math.floor((s % 3600) / 60)
  return units([unit('hour', Math.floor(s / 3600)), ...(m ? [unit('minute', m)] : [])])
}

export function formatCount(n: number): string {
  return number(0).format(n)
}

/** "4dcfa662…" for long ids (the full id stays in titles and the detail view). */
export function shortId(id: string, keep = 8): string {
  return id.length > keep + 2 ? `${id.slice(0, keep)}…` : id
}

const KNOWN_VARS = ['taskId', 'index', 'n', 'name', 'ext', 'date']

/** The file name template's unknown variables (the downloader refuses them). */
export function templateProblem(template: string): string | null {
  if (template.trim() === '') return t('format.templateEmpty')
  for (const m of template.matchAll(/\{([^}]*)\}/g)) {
    if (!KNOWN_VARS.includes(m[1] ?? '')) return t('format.templateUnknown', { variable: `{${m[1]}}`, known: KNOWN_VARS.map((v) => `{${v}}`).join(' ') })
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
