// The UI's image cache under <dataDir>/cache: each result image fetched once into cache/images, a small
// thumbnail made from it with sharp into cache/thumbs, so a list of thousands of tasks scrolls on ~10 KB files.
// Bounded by size with least-recently-used eviction; a file the user already downloaded (history localPath
// whose size and sha256 still match) is used in place and never fetched again.
import { createHash, randomBytes } from 'node:crypto'
import { setMaxListeners } from 'node:events'
import fs from 'node:fs/promises'
import path from 'node:path'
import type { HistoryStore } from '../history'
import { CacheIndex } from './cacheIndex'
import { DEFAULT_RETRY, downloadClock } from './downloader'
import { DownloadError } from './errors'
import { DEFAULT_MAX_IMAGE_BYTES, fetchImage, type FetchEnv } from './fetchImage'
import type { ImageHostPolicy } from './imageHosts'
import { createHttpFetcher } from './httpFetcher'
import { nodeIo, partPathsFor, removeQuietly, sha256OfFile } from './partFile'
import type { RefreshTask } from './types'

export interface ImageCacheOptions {
  dataDir: string
  history: HistoryStore
  /** fresh URLs when a link has expired (records them in history) */
  refresh?: RefreshTask | null
  /** the downloader's settings and HTTP agent (downloader.env); default: a fetcher of the cache's own */
  env?: FetchEnv
  /** for the cache's own fetcher (without env): where images may come from (default: public https only) */
  imageHosts?: () => ImageHostPolicy
  /** total bytes of cached images and thumbnails (default 1 GiB) */
  maxBytes?: number
  /** longest side of a thumbnail in pixels (default 256) */
  thumbnailSize?: number
  thumbnailFormat?: 'webp' | 'jpeg'
  /** thumbnails made at once (sharp uses its own threads inside each; default 2) */
  thumbnailConcurrency?: number
}

export interface ImageCache {
  readonly imagesDir: string
  readonly thumbsDir: string
  /** A local file with the full image: the user's download when still intact, else the cached copy (fetched once). */
  full(taskId: string, index: number, opts?: { signal?: AbortSignal }): Promise<string>
  /** A thumbnail file (WebP or JPEG, longest side thumbnailSize px, never enlarged). */
  thumbnail(taskId: string, index: number, opts?: { signal?: AbortSignal }): Promise<string>
  usage(): { bytes: number; files: number; maxBytes: number }
  /** Evicts down to `targetBytes` (default: the configured bound); returns files removed. */
  evict(targetBytes?: number): Promise<number>
  close(): Promise<void>
}

const EXTS = ['png', 'jpg', 'webp', 'gif'] as const

/** Pixels a thumbnail's source may have: 8192 x 8192, well above real results (at most a few thousand a side). */
export const THUMBNAIL_PIXEL_LIMIT = 8192 * 8192

/** loaded on first use: a process that only downloads (the CLI) never maps libvips */
type Sharp = (typeof import('sharp'))['default']
let sharpModule: Promise<Sharp> | null = null
function loadSharp(): Promise<Sharp> {
  if (!sharpModule) {
    // one tiny image through the same steps brings up libvips' threads and codecs before the first real one
    const loading = import('sharp').then(async (m) => {
      await m
        .default({ create: { width: 2, height: 2, channels: 3, background: '#000' } })
        .png()
        .toBuffer()
        .then((png) => m.default(png).resize(1, 1).webp({ effort: 2 }).toBuffer())
        .catch(() => undefined)
      return m.default
    })
    loading.catch(() => (sharpModule = null))
    sharpModule = loading
  }
  return sharpModule
}

/** An image's body in memory as it arrives; gives up (null) on a gap, e.g. a resume whose prefix it did not see. */
class BodyCollector {
  private chunks: Buffer[] = []
  private length = 0
  private broken = false

  add(chunk: Uint8Array, offset: number): void {
    if (offset === 0) {
      this.chunks = []
      this.length = 0
      this.broken = false
    }
    if (this.broken || offset !== this.length || this.length + chunk.byteLength > MAX_COLLECTED_BYTES) {
      this.broken = true
      this.chunks = []
      return
    }
    this.chunks.push(Buffer.from(chunk))
    this.length += chunk.byteLength
  }

  bytes(): Buffer | null {
    return this.broken || this.length === 0 ? null : Buffer.concat(this.chunks, this.length)
  }
}

/** an image larger than this is made into a thumbnail from its file, not from memory */
const MAX_COLLECTED_BYTES = 32 * 1024 * 1024

class Semaphore {
  private waiters: Array<() => void> = []
  private used = 0
  constructor(private readonly size: number) {}
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.used >= this.size) await new Promise<void>((r) => this.waiters.push(r))
    else this.used++
    try {
      return await fn()
    } finally {
      const next = this.waiters.shift()
      if (next) next()
      else this.used--
    }
  }
}

export function createImageCache(options: ImageCacheOptions): ImageCache {
  const imagesDir = path.join(options.dataDir, 'cache', 'images')
  const thumbsDir = path.join(options.dataDir, 'cache', 'thumbs')
  const ownFetcher = options.env === undefined
  const env: FetchEnv = options.env ?? {
    fetcher: createHttpFetcher({ connections: 8, ...(options.imageHosts ? { hosts: options.imageHosts } : {}) }),
    io: nodeIo,
    clock: downloadClock,
    random: Math.random,
    retry: { ...DEFAULT_RETRY, maxAttempts: 3 },
    stallTimeoutMs: 30_000,
    expiryMarginMs: 30_000,
    maxImageBytes: () => DEFAULT_MAX_IMAGE_BYTES
  }
  const size = options.thumbnailSize ?? 256
  const format = options.thumbnailFormat ?? 'webp'
  const index = new CacheIndex(() => env.clock.now(), options.maxBytes ?? 1024 ** 3)
  // The index is read on first use, not at start-up: a process that never shows an image never lists the cache.
  let loading: Promise<void> | null = null
  const ready = (): Promise<void> =>
    (loading ??= index.load([
      { dir: imagesDir, kind: 'image' },
      { dir: thumbsDir, kind: 'thumb' }
    ]))
  const inflight = new Map<string, Promise<string>>()
  const refreshes = new Map<string, { promise: Promise<ReadonlyArray<{ url: string }> | null>; settledAt: number | null }>()
  const verified = new Map<string, string>()
  const thumbSlots = new Semaphore(options.thumbnailConcurrency ?? 2)
  const closing = new AbortController()
  setMaxListeners(0, closing.signal)

  const keyOf = (taskId: string, i: number): string => createHash('sha256').update(`${taskId}\u0000${i}`).digest('hex').slice(0, 40)

  const once = (key: string, make: () => Promise<string>): Promise<string> => {
    let p = inflight.get(key)
    if (!p) {
      p = make().finally(() => inflight.delete(key))
      inflight.set(key, p)
    }
    return p
  }

  const imageRecord = (taskId: string, i: number) => {
    const img = options.history.getTask(taskId)?.images.find((x) => x.index === i)
    if (!img) throw new DownloadError({ code: 'NO_URL', retryable: false, message: `Task ${taskId} has no image ${i} in history` })
    return img
  }

  /** The user's downloaded file when it still holds the recorded bytes (hashed once per size+mtime). */
  const intactDownload = async (file: string, bytes: number, sha256: string): Promise<boolean> => {
    try {
      const st = await fs.stat(file)
      if (!st.isFile() || st.size !== bytes) return false
      const stamp = `${st.size}:${st.mtimeMs}:${sha256}`
      if (verified.get(file) === stamp) return true
      if ((await sha256OfFile(file)).sha256 !== sha256) return false
      verified.set(file, stamp)
      return true
    } catch {
      return false
    }
  }

  const freshUrl = (taskId: string, i: number, signal: AbortSignal) => async (): Promise<string> => {
    // one re-query per task at a time, and its answer reused for a minute; a later expiry may query again
    let r = refreshes.get(taskId)
    if (!r || (r.settledAt !== null && env.clock.now() - r.settledAt > 60_000)) {
      const entry: { promise: Promise<ReadonlyArray<{ url: string }> | null>; settledAt: number | null } = { promise: options.refresh!(taskId, signal), settledAt: null }
      void entry.promise.then(
        () => void (entry.settledAt = env.clock.now()),
        () => void refreshes.delete(taskId)
      )
      refreshes.set(taskId, entry)
      r = entry
    }
    const p = r.promise
    let images: ReadonlyArray<{ url: string }> | null
    try {
      images = await p
    } catch (e) {
      throw new DownloadError({ code: 'REFRESH_FAILED', retryable: false, message: `re-querying task ${taskId} failed: ${e instanceof Error ? e.message : String(e)}` })
    }
    const url = images?.[i]?.url
    if (!url) throw new DownloadError({ code: 'NO_URL', retryable: false, message: `a re-query of task ${taskId} returned no URL for image ${i}` })
    return url
  }

  /** `onBody`: the whole body in memory as soon as it has arrived, when this call fetches it (before it is on disk) */
  const full = async (taskId: string, i: number, opts: { signal?: AbortSignal; onBody?: (bytes: Buffer) => void } = {}): Promise<string> => {
    await ready()
    const img = imageRecord(taskId, i)
    if (img.downloadState === 'done' && img.localPath && img.bytes !== null && img.sha256) {
      if (await intactDownload(img.localPath, img.bytes, img.sha256)) return img.localPath
    }
    const key = keyOf(taskId, i)
    for (const ext of EXTS) {
      const file = path.join(imagesDir, `${key}.${ext}`)
      if (index.use(file)) return file
    }
    return once(`full:${key}`, async () => {
      const signal = opts.signal ? AbortSignal.any([opts.signal, closing.signal]) : closing.signal
      const paths = partPathsFor(imagesDir, key)
      const body = opts.onBody ? new BodyCollector() : null
      let handedOver = false
      const handOver = (): void => {
        const bytes = handedOver ? null : body?.bytes()
        if (!bytes) return
        handedOver = true
        opts.onBody!(bytes)
      }
      // a person waits for this image: batches on the same line make room until it is here
      const leave = env.priority?.enter()
      const result = await fetchImage(env, {
        taskId,
        index: i,
        url: img.url,
        expiresAt: img.expiresAt,
        paths,
        signal,
        freshUrl: options.refresh ? freshUrl(taskId, i, signal) : null,
        ...(body
          ? {
              onChunk: (chunk: Uint8Array, offset: number) => body.add(chunk, offset),
              onBytes: (received: number, total: number | null) => {
                // libvips loads (a burst of main-thread work) once the request is out and its answer is coming,
                // so that it neither delays the request nor the thumbnail
                if (!sharpModule) void loadSharp().catch(() => undefined)
                // the last byte is here: the thumbnail need not wait for the file's writes (busy disks)
                if (total !== null && received === total) {
                  leave?.()
                  handOver()
                }
              }
            }
          : {}),
        onBodyDone: () => {
          leave?.()
          handOver()
        }
      }).finally(() => leave?.())
      const file = path.join(imagesDir, `${key}.${result.ext}`)
      await removeQuietly(paths.meta)
      await fs.rename(paths.part, file)
      index.add(file, 'image', result.bytes)
      await index.evict()
      return file
    })
  }

  const thumbnail = async (taskId: string, i: number, opts: { signal?: AbortSignal } = {}): Promise<string> => {
    await ready()
    const key = keyOf(taskId, i)
    const file = path.join(thumbsDir, `${key}-${size}.${format === 'webp' ? 'webp' : 'jpg'}`)
    if (index.use(file)) return file
    return once(`thumb:${key}`, async () => {
      // The image's bytes are taken as soon as they have all arrived: the thumbnail is made while the full image
      // is still being made durable (what the detail pane waits for is the thumbnail, not the fsync).
      let early: (bytes: Buffer) => void = () => undefined
      const arrived = new Promise<Buffer>((resolve) => (early = resolve))
      const saved = full(taskId, i, { ...opts, onBody: early })
      saved.catch(() => undefined) // awaited below unless the bytes came first
      const first = await Promise.race([arrived, saved])
      if (Buffer.isBuffer(first)) {
        const made = await thumbSlots.run(() => makeThumbnail(first, key, file, `Task ${taskId} image ${i}`))
        // the thumbnail stands alone, but a full image that could not be saved is still an error
        await saved
        return made
      }
      const source = first
      const unpin = index.pin(source)
      try {
        return await thumbSlots.run(async () => {
          // the user's own download may stand in for the cached copy: it obeys the same cap before it is read
          const bytes = (await fs.stat(source)).size
          if (bytes > env.maxImageBytes()) {
            const limit = Math.ceil(env.maxImageBytes() / 1024 / 1024)
            throw new DownloadError({ code: 'TOO_LARGE', retryable: false, message: `Task ${taskId} image ${i} is over the ${limit} MiB limit per image: no thumbnail` })
          }
          // read into memory first: libvips would otherwise keep the file open, and an open file cannot be
          // evicted on Windows
          return makeThumbnail(await fs.readFile(source), key, file, `Task ${taskId} image ${i}`)
        })
      } finally {
        unpin()
      }
    })
  }

  const makeThumbnail = async (input: Buffer, key: string, file: string, what: string): Promise<string> => {
    const sharp = await loadSharp()
    // a small file can claim a huge picture (a decompression bomb): the header is checked against the limit
    // before anything is decoded
    let pipeline = sharp(input, { failOn: 'none', limitInputPixels: THUMBNAIL_PIXEL_LIMIT })
      .rotate()
      .resize(size, size, { fit: 'inside', withoutEnlargement: true })
    pipeline = format === 'webp' ? pipeline.webp({ quality: 78, effort: 2 }) : pipeline.jpeg({ quality: 80, mozjpeg: false })
    const temp = path.join(thumbsDir, `.aidge-${key}-${randomBytes(4).toString('hex')}.tmp`)
    try {
      const info = await pipeline.toFile(temp)
      await fs.rename(temp, file)
      index.add(file, 'thumb', info.size)
    } catch (e) {
      await removeQuietly(temp)
      throw new DownloadError({ code: 'NOT_AN_IMAGE', retryable: false, message: `Making a thumbnail of ${what} failed: ${e instanceof Error ? e.message : String(e)}` })
    }
    await index.evict()
    return file
  }

  return {
    imagesDir,
    thumbsDir,
    full,
    thumbnail,
    usage: () => index.usage(),
    async evict(target) {
      await ready()
      return index.evict(target)
    },
    async close() {
      closing.abort()
      await Promise.allSettled([...inflight.values(), ...(loading ? [loading] : [])])
      if (ownFetcher) await env.fetcher.close()
    }
  }
}
