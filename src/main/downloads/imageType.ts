// What an image really is, from its first bytes: the URL's extension and Content-Type are not trusted (the
// vendor serves JPEG under .png names).

export type ImageExt = 'png' | 'jpg' | 'webp' | 'gif'

/** Bytes needed to recognise every supported type. */
export const SNIFF_BYTES = 12

export function sniffImageType(head: Uint8Array): ImageExt | null {
  const b = head
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) {
    return 'png'
  }
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpg'
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return 'webp'
  if (b.length >= 6 && (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a')) return 'gif'
  return null
}

function ascii(b: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...b.subarray(start, end))
}

/** A few printable characters of what arrived instead of an image, for the error message (an HTML page?). */
export function describeNonImage(head: Uint8Array): string {
  const text = Buffer.from(head).toString('latin1')
  if (/^\s*</.test(text)) return 'an HTML/XML page'
  if (/^\s*[{[]/.test(text)) return 'a JSON document'
  if (head.length === 0) return 'an empty body'
  return `bytes starting ${Buffer.from(head.subarray(0, 4)).toString('hex')}`
}
