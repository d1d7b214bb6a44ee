// One try at one image: ask (resuming with Range + If-Range when a partial file and its validators exist),
// stream the body to the partial file while hashing it, watch for stalls, and verify status, length and magic
// bytes. The partial file is kept on any retryable failure, so the next try continues where this one stopped.
import { createHash } from 'node:crypto'
import type { Clock } from '../tracking/clock'
import { cancelledError, DownloadError, fileSystemError, networkError } from './errors'
import { describeUrl, stripQuery } from './fileNames'
import type { FetchResponse, ImageFetcher } from './httpFetcher'
import { describeNonImage, SNIFF_BYTES, sniffImageType, type ImageExt } from './imageType'
import { hashPrefix, readMeta, removeQuietly, sizeOf, writeMeta, type DownloadIo, type PartMeta, type PartPaths, type PartWriter } from './partFile'

/**
 * Writes are gathered to about this size: few syscalls and thread-pool hops (each costs a context switch, which
 * on a 2-core machine shows), bounded memory (at most three staging buffers per file: two queued, one filling).
 */
export const WRITE_BATCH_BYTES = 1024 * 1024

export interface TransferInput {
  url: string
  paths: PartPaths
  /** recorded in the meta file so a stray partial file can be traced to its image */
  owner: { taskId: string; index: number }
  fetcher: ImageFetcher
  io: DownloadIo
  clock: Clock
  signal: AbortSignal
  /** no bytes (or no headers) for this long aborts the try */
  stallTimeoutMs: number
  /** the per-image cap: a larger announced length is refused before reading, a longer body cut off */
  maxBytes: number
  /** false when the caller knows no partial or meta file exists (saves a stat per file); default true */
  mayHavePart?: boolean
  /** cumulative bytes held (resumed prefix included) and the total when known */
  onBytes?: (received: number, total: number | null) => void
  /** the whole body has arrived (what remains is local: fsync, verification) */
  onBodyDone?: () => void
  /** each chunk of the body as it arrives, with its offset in the file (valid only during the call) */
  onChunk?: (chunk: Uint8Array, offset: number) => void
}

export interface TransferResult {
  bytes: number
  sha256: string
  ext: ImageExt
  /** bytes that were already there from an earlier try (0 for a fresh transfer) */
  resumedFrom: number
  /** the HTTP status of the answer that completed it (200, 206, or 416 for an already complete partial file) */
  status: number
  /** a meta file may exist beside the partial file (remove it before the partial file becomes final) */
  metaMayExist: boolean
}

interface Resume {
  offset: number
  total: number | null
}

interface Plan {
  resume: Resume | null
  headers: Record<string, string>
  metaMayExist: boolean
}

async function planResume(input: TransferInput): Promise<Plan> {
  if (input.mayHavePart === false) return { resume: null, headers: {}, metaMayExist: false }
  const size = await sizeOf(input.paths.part)
  // without data there is nothing to resume; a stray meta file is removed when the file completes
  if (!size) return { resume: null, headers: {}, metaMayExist: true }
  const meta = await readMeta(input.paths.meta)
  const usable =
    meta !== null &&
    meta.source === stripQuery(input.url) &&
    (meta.total === null || size <= meta.total) &&
    (meta.etag !== null || meta.lastModified !== null || meta.total !== null)
  if (!usable) return { resume: null, headers: {}, metaMayExist: true }
  const headers: Record<string, string> = { range: `bytes=${size}-` }
  const strongEtag = meta.etag !== null && !meta.etag.startsWith('W/') ? meta.etag : null
  if (strongEtag) headers['if-range'] = strongEtag
  else if (meta.lastModified) headers['if-range'] = meta.lastModified
  return { resume: { offset: size, total: meta.total }, headers, metaMayExist: true }
}

function parseContentRange(h: string | undefined): { start: number; end: number; total: number | null } | null {
  const m = h ? /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(h.trim()) : null
  if (!m) return null
  return { start: Number(m[1]), end: Number(m[2]), total: m[3] === '*' ? null : Number(m[3]) }
}

function retryAfterMs(h: string | undefined, now: number): number | undefined {
  if (!h) return undefined
  const s = Number(h)
  if (Number.isFinite(s) && s >= 0) return Math.min(s * 1000, 120_000)
  const at = Date.parse(h)
  return Number.isFinite(at) ? Math.max(0, Math.min(at - now, 120_000)) : undefined
}

async function statusError(res: FetchResponse, url: string, now: number): Promise<DownloadError> {
  const status = res.status
  const where = describeUrl(url)
  const reqId = res.headers['x-oss-request-id'] ? `, request id ${res.headers['x-oss-request-id']}` : ''
  if (status === 403) {
    const body = await res.text(4096)
    // only the object store's own two fields reach the page, and only in the shape the store uses for them
    const code = /<Code>([A-Za-z0-9.]{1,64})<\/Code>/.exec(body)?.[1]
    const msg = /<Message>([^<]{1,300})<\/Message>/.exec(body)?.[1]?.replace(/[^\x20-\x7e]+/g, ' ').trim().slice(0, 200)
    const detail = [code, msg].filter(Boolean).join(': ')
    return new DownloadError({
      code: 'EXPIRED',
      httpStatus: 403,
      retryable: false,
      message: `${where}: the link was refused (HTTP 403${detail ? ` ${detail}` : ''}${reqId}); result links expire, the task needs a re-query`
    })
  }
  await res.discard()
  if (status === 404 || status === 410) {
    return new DownloadError({ code: 'NOT_FOUND', httpStatus: status, retryable: false, message: `${where}: the image is no longer stored (HTTP ${status}${reqId})` })
  }
  const retryable = status === 408 || status === 429 || status >= 500
  const after = retryAfterMs(res.headers['retry-after'], now)
  return new DownloadError({
    code: 'HTTP',
    httpStatus: status,
    retryable,
    message: `${where}: the server answered HTTP ${status}${reqId}`,
    ...(after !== undefined ? { retryAfterMs: after } : {})
  })
}

/** Aborts the try when nothing arrives for `ms`; one timer, re-armed lazily, not per chunk. */
function stallWatch(clock: Clock, ms: number, onStall: () => void): { touch(): void; stop(): void } {
  let last = clock.now()
  let handle: unknown = null
  const arm = (delay: number): void => {
    handle = clock.setTimeout(() => {
      const idle = clock.now() - last
      if (idle >= ms) onStall()
      else arm(ms - idle)
    }, delay)
  }
  arm(ms)
  return {
    touch: () => void (last = clock.now()),
    stop: () => clock.clearTimeout(handle)
  }
}

export async function transferOnce(input: TransferInput): Promise<TransferResult> {
  const { url, paths, clock } = input
  const where = describeUrl(url)
  if (input.signal.aborted) throw cancelledError()
  const plan = await planResume(input)
  const { resume, headers } = plan
  const attempt = new AbortController()
  let stalled = false
  const watch = stallWatch(clock, input.stallTimeoutMs, () => {
    stalled = true
    attempt.abort()
  })
  const onCancel = (): void => attempt.abort()
  input.signal.addEventListener('abort', onCancel, { once: true })
  const failure = (e: unknown, what: string): DownloadError => {
    if (input.signal.aborted) return cancelledError()
    if (e instanceof DownloadError && (e.code === 'URL_REFUSED' || e.code === 'TOO_LARGE' || e.code === 'NOT_AN_IMAGE')) return e
    if (stalled) return new DownloadError({ code: 'STALLED', retryable: true, message: `${what}: no data for ${Math.round(input.stallTimeoutMs / 1000)} s (stalled)` })
    return networkError(e, what)
  }

  /** the partial file being opened or open; closed on the way out unless the success path did */
  let opening: Promise<PartWriter> | null = null
  try {
    let res: FetchResponse
    try {
      res = await input.fetcher.fetch({ url, headers, signal: attempt.signal })
    } catch (e) {
      throw failure(e, where)
    }
    watch.touch()

    let offset = 0
    let total: number | null = null
    /** what a later try needs to resume; written only once data reaches the disk before the body is complete */
    let freshMeta: PartMeta | null = null
    const hash = createHash('sha256')
    let head: Buffer = Buffer.alloc(0)
    if (res.status === 206 && resume) {
      const range = parseContentRange(res.headers['content-range'])
      if (range?.total != null && range.total > input.maxBytes) {
        await res.discard()
        await removeQuietly(paths.part, paths.meta)
        throw tooLarge(where, range.total, input.maxBytes)
      }
      if (!range || range.start !== resume.offset || (resume.total !== null && range.total !== resume.total)) {
        await res.discard()
        await removeQuietly(paths.part, paths.meta)
        throw new DownloadError({ code: 'RESUME_MISMATCH', retryable: true, message: `${where}: the server's answer to a resume did not fit the partial file; starting over` })
      }
      const prefix = await hashPrefix(paths.part, hash)
      offset = prefix.bytes
      head = prefix.head
      total = range.total
    } else if (res.status === 416 && resume) {
      await res.discard()
      if (resume.total !== null && resume.offset === resume.total) {
        const prefix = await hashPrefix(paths.part, hash)
        return finish(prefix.bytes, prefix.head, hash.digest('hex'), resume.offset, 416, where, paths, true)
      }
      await removeQuietly(paths.part, paths.meta)
      throw new DownloadError({ code: 'RESUME_MISMATCH', retryable: true, message: `${where}: the partial file no longer fits the object; starting over` })
    } else if (res.status === 200) {
      const len = Number(res.headers['content-length'])
      total = res.headers['content-length'] !== undefined && Number.isSafeInteger(len) && len >= 0 ? len : null
      if (total !== null && total > input.maxBytes) {
        await res.discard()
        throw tooLarge(where, total, input.maxBytes)
      }
      freshMeta = { source: stripQuery(url), etag: res.headers.etag ?? null, lastModified: res.headers['last-modified'] ?? null, total, ...input.owner }
    } else {
      throw await statusError(res, url, clock.now())
    }

    // The file is opened while the body arrives, not before: the open (a thread-pool hop, which may queue behind
    // other files' fsyncs) stays off the network's critical path. Its error surfaces at the first write.
    opening = input.io.openPart(paths.part, offset > 0 ? 'append' : 'truncate').catch((e: unknown) => {
      throw fileSystemError(e, `Creating ${paths.part}`)
    })
    opening.catch(() => undefined) // awaited (and reported) by the first write or below
    const open = opening
    let metaWritten = false
    const ensureMeta = async (): Promise<void> => {
      if (!freshMeta || metaWritten) return
      metaWritten = true
      try {
        await writeMeta(paths.meta, freshMeta)
      } catch (e) {
        throw fileSystemError(e, `Writing the download's progress file ${paths.meta}`)
      }
    }
    let received: { bytes: number; head: Buffer }
    try {
      received = await streamBody(res, () => open, hash, head, offset, total, input, watch.touch, (e) => failure(e, where), ensureMeta)
    } catch (e) {
      // a body that is not an image, or too large: nothing of it is worth keeping for a resume
      if (e instanceof DownloadError && (e.code === 'NOT_AN_IMAGE' || e.code === 'TOO_LARGE')) {
        opening = null
        await open.then((w) => w.close()).catch(() => undefined)
        await removeQuietly(paths.part, paths.meta)
      }
      throw e
    }
    watch.stop()
    if (total !== null && received.bytes !== total) {
      throw new DownloadError({ code: 'CUT_SHORT', retryable: true, message: `${where}: got ${received.bytes} of ${total} bytes` })
    }
    // the network part is over: the caller may start another transfer while this file is made durable
    input.onBodyDone?.()
    const w = await open
    await w.sync().catch((e: unknown) => Promise.reject(fileSystemError(e, `Saving ${paths.part}`)))
    opening = null
    await w.close()
    return finish(received.bytes, received.head, hash.digest('hex'), offset, res.status, where, paths, plan.metaMayExist || metaWritten)
  } finally {
    watch.stop()
    input.signal.removeEventListener('abort', onCancel)
    // a body left unread (a local failure before it was consumed) must not hold its connection paused
    attempt.abort()
    if (opening) await opening.then((w) => w.close()).catch(() => undefined)
  }
}

function tooLarge(where: string, bytes: number, max: number): DownloadError {
  const mib = (n: number): string => `${Math.ceil(n / 1024 / 1024)} MiB`
  return new DownloadError({ code: 'TOO_LARGE', retryable: false, message: `${where}: the image is ${mib(bytes)} or more, over the ${mib(max)} limit per image (a setting)` })
}

async function finish(
  bytes: number,
  head: Buffer,
  sha256: string,
  resumedFrom: number,
  status: number,
  where: string,
  paths: PartPaths,
  metaMayExist: boolean
): Promise<TransferResult> {
  const ext = sniffImageType(head)
  if (!ext) {
    await removeQuietly(paths.part, paths.meta)
    throw new DownloadError({ code: 'NOT_AN_IMAGE', retryable: false, message: `${where}: the server sent ${describeNonImage(head)}, not a PNG/JPEG/WebP/GIF image` })
  }
  return { bytes, sha256, ext, resumedFrom, status, metaMayExist }
}

/**
 * Staging buffers for writes, reused across files: the network's chunks are copied in and die young, instead of
 * piling up until their batch is written (which promotes them to the old generation and costs major GCs).
 */
const spareBuffers: Buffer[] = []
const MAX_SPARE_BUFFERS = 32

function takeBuffer(): Buffer {
  return spareBuffers.pop() ?? Buffer.allocUnsafeSlow(WRITE_BATCH_BYTES)
}

function giveBack(b: Buffer): void {
  if (spareBuffers.length < MAX_SPARE_BUFFERS) spareBuffers.push(b)
}

async function streamBody(
  res: FetchResponse,
  writer: () => Promise<PartWriter>,
  hash: ReturnType<typeof createHash>,
  head0: Buffer,
  offset: number,
  total: number | null,
  input: TransferInput,
  touch: () => void,
  failure: (e: unknown) => DownloadError,
  /** called before data that is not the body's end goes to disk: a crash after it must be able to resume */
  beforeEarlyWrite: () => Promise<void>
): Promise<{ bytes: number; head: Buffer }> {
  let head: Buffer = head0
  let bytes = offset
  let stage: Buffer | null = null
  let fill = 0
  let writing: Promise<void> = Promise.resolve()
  let writesPending = 0
  let writeError: DownloadError | null = null
  // Writes go one after another. The connection pauses while two are queued, so a file holds at most three
  // staging buffers (two queued, one filling) however fast the network is.
  const flush = (early: boolean): void => {
    if (!stage || fill === 0) return
    const full = stage
    const length = fill
    stage = null
    fill = 0
    writesPending++
    writing = writing
      .then(async () => {
        if (writeError) return
        const w = await writer()
        if (early) await beforeEarlyWrite()
        await w.write([full.subarray(0, length)])
      })
      .catch((e: unknown) => {
        writeError ??= e instanceof DownloadError ? e : fileSystemError(e, `Writing ${input.paths.part}`)
      })
      .finally(() => {
        writesPending--
        giveBack(full)
      })
  }
  /** Each chunk is hashed and copied into the staging buffer while it is valid (the fetcher reuses nothing after the call). */
  const sink = (chunk: Uint8Array): void | Promise<void> => {
    if (writeError) throw writeError
    touch()
    if (head.length < SNIFF_BYTES) {
      head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES - head.length)])
      // judged as soon as the first bytes are here: an HTML page sent as image/png stops now, not at its end
      if (head.length === SNIFF_BYTES && sniffImageType(head) === null) {
        throw new DownloadError({ code: 'NOT_AN_IMAGE', retryable: false, message: `${describeUrl(input.url)}: the server sent ${describeNonImage(head)}, not a PNG/JPEG/WebP/GIF image` })
      }
    }
    if (bytes + chunk.byteLength > input.maxBytes) throw tooLarge(describeUrl(input.url), bytes + chunk.byteLength, input.maxBytes)
    hash.update(chunk)
    input.onChunk?.(chunk, bytes)
    bytes += chunk.byteLength
    let at = 0
    while (at < chunk.byteLength) {
      stage ??= takeBuffer()
      const n = Math.min(chunk.byteLength - at, stage.length - fill)
      stage.set(chunk.subarray(at, at + n), fill)
      fill += n
      at += n
      if (fill === stage.length) flush(true)
    }
    input.onBytes?.(bytes, total)
    // back-pressure that keeps memory bounded: wait for the queued writes before taking more
    if (writesPending >= 2) return writing.then(() => (writeError ? Promise.reject(writeError) : undefined))
  }
  input.onBytes?.(bytes, total)
  try {
    await res.read(sink)
  } catch (e) {
    // keep what arrived: the next try resumes from it
    flush(true)
    await writing
    if (writeError) throw writeError
    throw e instanceof DownloadError ? e : failure(e)
  }
  // the body is complete: its last batch needs no resume info (a crash now only costs this one file)
  flush(total !== null && bytes !== total)
  await writing
  if (writeError) throw writeError
  return { bytes, head }
}
