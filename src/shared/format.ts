// Formatting shared by the CLI, the downloader's reports and the UI.

/** A size as a number and its unit symbol (B, KB, MB, GB, TB; powers of 1024): one decimal under 10, none above. */
export function byteParts(n: number): { value: number; unit: 'B' | 'KB' | 'MB' | 'GB' | 'TB' } {
  if (n < 1024) return { value: n, unit: 'B' }
  const units = ['KB', 'MB', 'GB', 'TB'] as const
  let v = n / 1024
  let i = 0
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024
    i++
  }
  return { value: v < 10 ? Math.round(v * 10) / 10 : Math.round(v), unit: units[i] as (typeof units)[number] }
}

/** "512 B", "3.2 MB", "48 MB"; "—" for an unknown size. (The CLI's English; the window words sizes in its
 * language through Intl, src/renderer/src/format.ts.) */
export function formatBytes(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return '—'
  const { value, unit } = byteParts(n)
  return `${unit === 'B' ? value : value.toFixed(value < 10 ? 1 : 0)} ${unit}`
}
