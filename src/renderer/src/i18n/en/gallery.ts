// The gallery: the list/gallery switch, the grid, its selection and download, and the before/after compare.
export default {
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
    noPreview: 'No preview',
    noPreviewHint: 'The link may have expired: open the image to fetch it again.',
    images_one: '{{count, number}} image',
    images_other: '{{count, number}} images',
    input: 'Input photo'
  },
  modes: { label: 'Arrange', flat: 'All images', grouped: 'By task' },
  selection: {
    count_one: '{{count, number}} image selected',
    count_other: '{{count, number}} images selected',
    total_one: '{{count, number}} image',
    total_other: '{{count, number}} images',
    clear: 'Clear selection',
    selectAll: 'Select all {{count, number}}',
    download: 'Download…'
  },
  download: {
    what_one: 'The {{count, number}} selected image.',
    what_other: 'The {{count, number}} selected images.',
    label_one: '{{count, number}} selected image',
    label_other: '{{count, number}} selected images'
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
  lightbox: { of: 'Image {{n, number}} of {{total, number}} in the gallery' }
} as const
