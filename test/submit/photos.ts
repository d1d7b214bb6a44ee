// Garment photo fixtures made with sharp in the test itself (no binary files from outside): deterministic per
// seed, distinct per seed, in any format and size the checks care about.
import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { mulberry32 } from '../sim/images'

export interface PhotoSpec {
  width?: number
  height?: number
  format?: 'jpeg' | 'png' | 'webp' | 'gif' | 'tiff'
  seed?: number
  /** fill with noise so the file does not compress (for size limits) */
  noise?: boolean
}

export async function makePhoto(spec: PhotoSpec = {}): Promise<Buffer> {
  const width = spec.width ?? 640
  const height = spec.height ?? 800
  const rand = mulberry32(spec.seed ?? 1)
  const raw = Buffer.alloc(width * height * 3)
  if (spec.noise) {
    for (let i = 0; i < raw.length; i++) raw[i] = rand() & 0xff
  } else {
    // A flat colour and a box placed by the seed: small files, unique bytes per seed.
    const c = [rand() & 0xff, rand() & 0xff, rand() & 0xff]
    const box = [rand() % (width / 2), rand() % (height / 2), width / 4, height / 4]
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const inBox = x >= box[0]! && x < box[0]! + box[2]! && y >= box[1]! && y < box[1]! + box[3]!
        const o = (y * width + x) * 3
        raw[o] = inBox ? 255 - c[0]! : c[0]!
        raw[o + 1] = inBox ? 255 - c[1]! : c[1]!
        raw[o + 2] = (c[2]! + (x >> 5)) & 0xff
      }
    }
  }
  const img = sharp(raw, { raw: { width, height, channels: 3 } })
  switch (spec.format ?? 'jpeg') {
    case 'png':
      return img.png().toBuffer()
    case 'webp':
      return img.webp({ quality: 80 }).toBuffer()
    case 'gif':
      return img.gif().toBuffer()
    case 'tiff':
      return img.tiff().toBuffer()
    default:
      return img.jpeg({ quality: 85 }).toBuffer()
  }
}

/** A minimal 24-bit BMP (sharp does not write BMP): the vendor accepts the format, so the checks must too. */
export function makeBmp(width: number, height: number, seed = 1): Buffer {
  const rowBytes = Math.ceil((width * 3) / 4) * 4
  const size = 54 + rowBytes * height
  const b = Buffer.alloc(size)
  b.write('BM', 0, 'latin1')
  b.writeUInt32LE(size, 2)
  b.writeUInt32LE(54, 10)
  b.writeUInt32LE(40, 14)
  b.writeInt32LE(width, 18)
  b.writeInt32LE(height, 22)
  b.writeUInt16LE(1, 26)
  b.writeUInt16LE(24, 28)
  b.writeUInt32LE(rowBytes * height, 34)
  const rand = mulberry32(seed)
  for (let y = 0; y < height; y++) b.fill(rand() & 0xff, 54 + y * rowBytes, 54 + y * rowBytes + width * 3)
  return b
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** Writes `count` distinct valid photos into dir; returns their paths and bytes. */
export async function writePhotos(dir: string, count: number, spec: PhotoSpec = {}, prefix = 'garment'): Promise<Array<{ path: string; bytes: Buffer }>> {
  const out: Array<{ path: string; bytes: Buffer }> = []
  for (let i = 0; i < count; i++) {
    const bytes = await makePhoto({ ...spec, seed: (spec.seed ?? 1000) + i })
    const path = join(dir, `${prefix}-${String(i).padStart(3, '0')}.${spec.format === 'png' ? 'png' : spec.format === 'webp' ? 'webp' : 'jpg'}`)
    writeFileSync(path, bytes)
    out.push({ path, bytes })
  }
  return out
}
