// Real PNG/JPEG bytes made with sharp: deterministic per task and index, distinct per image, generated lazily
// and cached in memory. Size targets are filled with noise so they do not compress.
import { createHash } from 'node:crypto'
import sharp from 'sharp'
import type { ResolvedImage } from './tasks'

/** mulberry32: a small seeded PRNG giving uint32s (the tracking tests' seededRandom scales it to [0, 1)). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
}

function pixels(img: ResolvedImage): Buffer {
  const seed = createHash('sha256').update(img.cacheKey).digest()
  const { width: w, height: h } = img
  const raw = Buffer.alloc(w * h * 3)
  const rand = mulberry32(seed.readUInt32LE(0))
  if (img.noise) {
    let i = 0
    for (; i + 4 <= raw.length; i += 4) raw.writeUInt32LE(rand(), i)
    for (; i < raw.length; i++) raw[i] = rand() & 0xff
    return raw
  }
  // A two-colour gradient, a box and stripes, all placed by the seed: compressible, yet unique per image.
  const c0 = [seed[4]!, seed[5]!, seed[6]!]
  const c1 = [seed[7]!, seed[8]!, seed[9]!]
  const box = [seed[10]! % w, seed[11]! % h, 4 + (seed[12]! % Math.max(1, w / 2)), 4 + (seed[13]! % Math.max(1, h / 2))]
  const stripe = 3 + (seed[14]! % 9)
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const o = (y * w + x) * 3
      const t = (x + y) / (w + h)
      const inBox = x >= box[0]! && x < box[0]! + box[2]! && y >= box[1]! && y < box[1]! + box[3]!
      const onStripe = (x + 2 * y) % (stripe * 2) < 2
      for (let c = 0; c < 3; c++) {
        let v = c0[c]! * (1 - t) + c1[c]! * t
        if (inBox) v = 255 - v
        if (onStripe) v = (v + 128) % 256
        raw[o + c] = v
      }
    }
  }
  return raw
}

export async function renderImage(img: ResolvedImage): Promise<Buffer> {
  const pipeline = sharp(pixels(img), { raw: { width: img.width, height: img.height, channels: 3 } })
  return img.format === 'jpeg'
    ? pipeline.jpeg({ quality: 90 }).toBuffer()
    : pipeline.png({ compressionLevel: img.noise ? 0 : 6, adaptiveFiltering: false }).toBuffer()
}

export class ImageCache {
  private readonly cache = new Map<string, Promise<Buffer>>()
  /** OSS stores an object's ETag with it; hashing the bytes at every request would cost the simulator a core */
  private readonly etags = new WeakMap<Buffer, string>()

  /** The object's ETag as OSS shapes it for a simple upload: the quoted upper-case MD5 of its bytes. */
  etag(bytes: Buffer): string {
    let tag = this.etags.get(bytes)
    if (tag === undefined) {
      tag = `"${createHash('md5').update(bytes).digest('hex').toUpperCase()}"`
      this.etags.set(bytes, tag)
    }
    return tag
  }

  bytes(img: ResolvedImage): Promise<Buffer> {
    let p = this.cache.get(img.cacheKey)
    if (!p) {
      // the ETag is computed with the bytes, so serving the object costs no hashing
      p = renderImage(img).then((bytes) => (this.etag(bytes), bytes))
      p.catch(() => this.cache.delete(img.cacheKey))
      this.cache.set(img.cacheKey, p)
    }
    return p
  }
}
