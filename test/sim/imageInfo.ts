// What the simulated vendor learns from an input photo's bytes: its format and size, read from the headers (the
// simulator's own parser, independent of the app's sharp-based checks, so a test compares two readings).

export interface ImageInfo {
  format: 'jpeg' | 'png' | 'bmp' | 'webp'
  width: number
  height: number
}

function ascii(b: Buffer, start: number, end: number): string {
  return b.subarray(start, end).toString('latin1')
}

function jpegSize(b: Buffer): { width: number; height: number } | null {
  let o = 2
  while (o + 9 < b.length) {
    if (b[o] !== 0xff) return null
    const marker = b[o + 1]!
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      o += 2
      continue
    }
    const len = b.readUInt16BE(o + 2)
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: b.readUInt16BE(o + 5), width: b.readUInt16BE(o + 7) }
    }
    o += 2 + len
  }
  return null
}

function webpSize(b: Buffer): { width: number; height: number } | null {
  const chunk = ascii(b, 12, 16)
  if (chunk === 'VP8X' && b.length >= 30) return { width: 1 + b.readUIntLE(24, 3), height: 1 + b.readUIntLE(27, 3) }
  if (chunk === 'VP8 ' && b.length >= 30) return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff }
  if (chunk === 'VP8L' && b.length >= 25) {
    const bits = b.readUInt32LE(21)
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >>> 14) & 0x3fff) }
  }
  return null
}

/** null when the bytes are none of the formats the vendor accepts (JPEG, PNG, BMP, WEBP) or are cut short. */
export function imageInfo(b: Buffer): ImageInfo | null {
  if (b.length >= 24 && b.readUInt32BE(0) === 0x89504e47 && ascii(b, 12, 16) === 'IHDR') {
    return { format: 'png', width: b.readUInt32BE(16), height: b.readUInt32BE(20) }
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) {
    const size = jpegSize(b)
    return size ? { format: 'jpeg', ...size } : null
  }
  if (b.length >= 26 && ascii(b, 0, 2) === 'BM') return { format: 'bmp', width: Math.abs(b.readInt32LE(18)), height: Math.abs(b.readInt32LE(22)) }
  if (b.length >= 16 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') {
    const size = webpSize(b)
    return size ? { format: 'webp', ...size } : null
  }
  return null
}
