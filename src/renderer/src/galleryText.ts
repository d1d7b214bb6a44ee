// The gallery's words, in one place until the app's translation lands (then they move to its catalogs). Keys and
// {{placeholders}} are i18next's, so the move is mechanical.
const EN = {
  view: { list: 'List', gallery: 'Gallery', switchLabel: 'Show as', toggleHint: 'Switch between list and gallery ({{keys}})' },
  grid: {
    label: 'Gallery',
    image: 'Image {{n}} of task {{taskId}}',
    open: 'Open image {{n}} of task {{taskId}}',
    loading: 'Loading images…',
    empty: 'No images yet',
    emptyHint: 'Images of finished tasks appear here.',
    noMatch: 'No images match',
    loadError: 'The gallery could not be loaded: {{error}}',
    tryAgain: 'Try again',
    noPreview: 'No preview',
    noPreviewHint: 'The link may have expired: open the image to fetch it again.',
    task: 'Task',
    images_one: '{{count}} image',
    images_other: '{{count}} images',
    input: 'Input photo'
  },
  modes: { label: 'Arrange', flat: 'All images', grouped: 'By task' },
  selection: {
    count_one: '{{count}} image selected',
    count_other: '{{count}} images selected',
    total_one: '{{count}} image',
    total_other: '{{count}} images',
    clear: 'Clear selection',
    selectAll: 'Select all {{count}}',
    download: 'Download…'
  },
  download: {
    what_one: 'The {{count}} selected image',
    what_other: 'The {{count}} selected images',
    label_one: '{{count}} selected image',
    label_other: '{{count}} selected images'
  },
  compare: {
    label: 'Compare with the input photo',
    result: 'Result',
    side: 'Side by side',
    slider: 'Slider',
    before: 'Input photo',
    after: 'Result',
    position: 'Before and after: how much of the input photo shows',
    inputAlt: 'The garment photo task {{taskId}} was created from',
    noInput: 'The input photo is not available.'
  },
  lightbox: { of: 'Image {{n}} of {{total}} in the gallery', refreshing: 'Fetching a fresh link…' }
} as const

type Vars = Record<string, string | number>

function lookup(path: string): string | undefined {
  let node: unknown = EN
  for (const part of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[part]
  return typeof node === 'string' ? node : undefined
}

/** The words for a key, with {{placeholders}} filled; `count` picks the _one/_other form as English does. */
export function gt(key: string, vars: Vars = {}): string {
  const count = vars['count']
  const text = (typeof count === 'number' ? lookup(`${key}_${count === 1 ? 'one' : 'other'}`) : undefined) ?? lookup(key) ?? key
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => (name === 'count' && typeof count === 'number' ? count.toLocaleString('en') : String(vars[name] ?? '')))
}
