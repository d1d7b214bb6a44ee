// Local checks of an input photo before any paid call, with the vendor's limits (INPUT_LIMITS): the type from the
// bytes (never the file name), the size, and the pixel size through sharp. `fit` brings a photo that is too big
// (bytes or pixels) or of another readable type into the limits as a JPEG; the original file is never touched.
import { createHash } from 'node:crypto'
import type { Sharp, SharpOptions } from 'sharp'
import { INPUT_LIMITS, type InputFormat, type InputProblem } from '../../shared/submit'
import { formatBytes } from '../../shared/format'

export type CheckedPhoto =
  | { ok: true; bytes: Buffer; format: InputFormat; width: number; height: number; fitted: boolean }
  | { ok: false; problem: InputProblem }

// sharp is loaded on first use: a CLI command that submits nothing does not pay for loading it.
async function image(bytes: Buffer, options: SharpOptions = {}): Promise<Sharp> {
  const { default: sharp } = await import('sharp')
  return sharp(bytes, { limitInputPixels: 20_000 * 20_000, ...options })
}

export function sha256Hex(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** The accepted format the bytes begin with, or null. */
export function sniffInputFormat(b: Buffer): InputFormat | null {
  if (b.length >= 8 && b.readUInt32BE(0) === 0x89504e47 && b.readUInt32BE(4) === 0x0d0a1a0a) return 'png'
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg'
  if (b.length >= 26 && b.toString('latin1', 0, 2) === 'BM') return 'bmp'
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'webp'
  return null
}

const { maxBytes, minSideExclusive: minSide, maxSideExclusive: maxSide } = INPUT_LIMITS
const LIMITS_TEXT = `larger than ${minSide}x${minSide} and smaller than ${maxSide}x${maxSide} pixels`
/** a pixel-size problem's data: the photo's size and the limits */
const pixelData = (width: number, height: number) => ({ width, height, min: minSide, max: maxSide })

/** sharp cannot read BMP; its header holds the size (height is negative for top-down rows). */
function bmpSize(b: Buffer): { width: number; height: number } {
  return { width: Math.abs(b.readInt32LE(18)), height: Math.abs(b.readInt32LE(22)) }
}

async function pixelSize(bytes: Buffer, format: InputFormat | null): Promise<{ width: number; height: number; readable: boolean }> {
  if (format === 'bmp') return { ...bmpSize(bytes), readable: false }
  const meta = await (await image(bytes, { failOn: 'error' })).metadata()
  if (!meta.width || !meta.height) throw new Error('no pixel size in the image header')
  return { width: meta.width, height: meta.height, readable: true }
}

const tooSmall = (w: number, h: number) => w <= minSide || h <= minSide
const tooLarge = (w: number, h: number) => w >= maxSide || h >= maxSide

/** Downscales into the limits and re-encodes as JPEG, lowering quality, then size, until it is at most 4 MB. */
async function fitPhoto(bytes: Buffer, width: number, height: number): Promise<CheckedPhoto> {
  let scale = Math.min(1, (maxSide - 1) / Math.max(width, height))
  for (const quality of [90, 82, 74, 74, 74, 74]) {
    const w = Math.floor(width * scale)
    const h = Math.floor(height * scale)
    if (tooSmall(w, h)) break
    const out = await (await image(bytes))
      .rotate()
      .resize(w, h, { fit: 'fill' })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality, mozjpeg: false })
      .toBuffer()
    if (out.length <= maxBytes) {
      const meta = await (await image(out)).metadata()
      return { ok: true, bytes: out, format: 'jpeg', width: meta.width ?? w, height: meta.height ?? h, fitted: true }
    }
    if (quality === 74) scale *= 0.8
  }
  return {
    ok: false,
    problem: { code: 'CANNOT_FIT', data: pixelData(width, height), message: `The photo (${width}x${height}) cannot be brought to at most 4 MB while staying ${LIMITS_TEXT}.` }
  }
}

/** Checks a photo's bytes against the submit API's limits; with `fit`, brings a too-big or other-type photo in. */
export async function checkPhoto(bytes: Buffer, options: { fit: boolean }): Promise<CheckedPhoto> {
  const format = sniffInputFormat(bytes)
  let size: { width: number; height: number; readable: boolean }
  try {
    size = await pixelSize(bytes, format)
  } catch {
    const message = format ? `The ${format.toUpperCase()} file is damaged or cut short.` : 'The file is not an image the vendor accepts (JPEG, PNG, BMP or WEBP).'
    const data: Record<string, string> = format ? { reason: 'damaged', format: format.toUpperCase() } : { reason: 'notImage' }
    return { ok: false, problem: { code: 'WRONG_TYPE', data, message } }
  }
  const { width, height, readable } = size
  if (tooSmall(width, height)) {
    return { ok: false, problem: { code: 'TOO_SMALL', data: pixelData(width, height), message: `The photo is ${width}x${height} pixels; it must be ${LIMITS_TEXT}.` } }
  }
  const problem: InputProblem | null =
    format === null
      ? { code: 'WRONG_TYPE', data: { reason: 'otherType' }, message: 'The photo is not JPEG, PNG, BMP or WEBP (the types the vendor accepts).', fitWouldHelp: readable }
      : tooLarge(width, height)
        ? { code: 'TOO_LARGE', data: pixelData(width, height), message: `The photo is ${width}x${height} pixels; it must be ${LIMITS_TEXT}.`, fitWouldHelp: readable }
        : bytes.length > maxBytes
          ? { code: 'FILE_TOO_BIG', data: { bytes: bytes.length, reason: 'photo' }, message: `The photo is ${formatBytes(bytes.length)}; the limit is 4 MB.`, fitWouldHelp: readable }
          : null
  if (problem === null) return { ok: true, bytes, format: format!, width, height, fitted: false }
  if (!options.fit || !problem.fitWouldHelp) return { ok: false, problem }
  return fitPhoto(bytes, width, height)
}

/** A small JPEG of the photo for history and the UI; null when sharp cannot read it (BMP). */
export async function thumbnailOf(bytes: Buffer): Promise<Buffer | null> {
  try {
    return await (await image(bytes)).rotate().resize(256, 256, { fit: 'inside' }).flatten({ background: '#ffffff' }).jpeg({ quality: 70 }).toBuffer()
  } catch {
    return null
  }
}
