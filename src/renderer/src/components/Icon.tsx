// A handful of 16px stroke icons (inline SVG: no icon font, nothing to fetch).
const PATHS = {
  plus: 'M8 3v10M3 8h10',
  search: 'M7 12.5a5.5 5.5 0 1 0 0-11 5.5 5.5 0 0 0 0 11zM11 11l3.5 3.5',
  settings:
    'M8 10.2a2.2 2.2 0 1 0 0-4.4 2.2 2.2 0 0 0 0 4.4zM13.3 9.6l1.1.9-1.4 2.4-1.4-.5a5 5 0 0 1-1.5.9L9.8 15H7l-.3-1.7a5 5 0 0 1-1.5-.9l-1.4.5L2.4 10.5l1.1-.9a5 5 0 0 1 0-1.8L2.4 6.9 3.8 4.5l1.4.5a5 5 0 0 1 1.5-.9L7 2.5h2.8l.3 1.6a5 5 0 0 1 1.5.9l1.4-.5 1.4 2.4-1.1.9a5 5 0 0 1 0 1.8z',
  download: 'M8 2v8.5M4.5 7 8 10.5 11.5 7M2.5 13.5h11',
  trash: 'M2.5 4h11M6 4V2.5h4V4M4 4l.7 9.5h6.6L12 4M6.7 6.5v5M9.3 6.5v5',
  refresh: 'M13.5 8a5.5 5.5 0 1 1-1.6-3.9M13.5 2.5v3h-3',
  folder: 'M1.5 4.5v8h13v-7H8L6.5 3.5h-5z',
  close: 'M4 4l8 8M12 4l-8 8',
  left: 'M10 3 5 8l5 5',
  right: 'M6 3l5 5-5 5',
  pause: 'M5.5 3v10M10.5 3v10',
  play: 'M5 3l8 5-8 5z',
  file: 'M3.5 1.5h6l3 3v10h-9zM9.5 1.5v3h3',
  check: 'M3 8.5 6.5 12 13 4.5',
  alert: 'M8 1.8 15 14H1zM8 6v4M8 11.8v.4',
  export: 'M8 10V2M4.5 5.5 8 2l3.5 3.5M2.5 10v3.5h11V10',
  chevronDown: 'M4 6l4 4 4-4',
  image: 'M2 2.5h12v11H2zM2 11l3.5-3.5 3 3 2-2L14 12M10.5 6a1 1 0 1 0 0-.1'
} as const

export type IconName = keyof typeof PATHS

export function Icon({ name, className }: { name: IconName; className?: string }): React.JSX.Element {
  return (
    <svg className={`icon${className ? ` ${className}` : ''}`} viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  )
}
