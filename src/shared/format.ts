// Formatting shared by the CLI, the downloader's reports and the UI.

/** "512 B", "3.2 MB", "48 MB"; "—" for an unknown size. */
export function formatBytes(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return '—'
  if (n < 1024) return `${n} B`
  const units = ['KB', 'MB', 'GB', 'TB']
  let v = n / 1024
  let i = 0
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024
    i++
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`
}
