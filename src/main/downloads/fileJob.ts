// One image of a batch from start to outcome: skip when it is already there, fetch (with refresh and retries),
// name it, place it without overwriting anything, and record the result in history.
import fs from 'node:fs/promises'
import path from 'node:path'
import type { HistoryStore } from '../history'
import { DownloadError, fileSystemError, isDownloadError, isFolderFatal } from './errors'
import { fetchImage, type FetchEnv, type FetchEvent } from './fetchImage'
import { isInside, originalFileName, renderFileName, resolveInside, stripQuery } from './fileNames'
import type { HistoryWriter } from './historyWriter'
import { partPathsFor, removeQuietly } from './partFile'
import { placeFile, sameFile, type NameReservations } from './placement'
import type { FileOutcome } from './types'

export interface Job {
  taskId: string
  index: number
  /** task finishedAt (or addedAt), for {date} */
  date: number
  /** bytes counted so far in this try's progress (null until the try's first report) */
  baseline: number | null
  received: number
  total: number | null
  lastEventAt: number
  /** when the current try asked for the file (its answer's delay feeds the concurrency control) */
  askedAt: number
  /** this job's own cancel (the batch's, or a pause for a priority fetch); absent: the batch's */
  signal?: AbortSignal
}

export interface JobContext {
  folder: string
  template: string
  env: FetchEnv
  history: HistoryStore
  writer: HistoryWriter
  reservations: NameReservations
  signal: AbortSignal
  verifyExisting: 'sha256' | 'size'
  /** names of partial/meta files found in the target folder when the batch began (null: unknown, check each) */
  knownParts: Set<string> | null
  /** set when the folder cannot take any more files (disk full, read-only, not a folder) */
  folderError: DownloadError | null
  freshUrl: ((taskId: string, index: number) => Promise<string>) | null
  onFetchEvent(job: Job, e: FetchEvent): void
  onBytes(job: Job, received: number, total: number | null): void
  /** the job no longer uses the network (its file is being made durable and placed) */
  onBodyDone(job: Job): void
}

/** A file's outcome: nothing on disk, no tries, unless `fields` say otherwise. */
export function outcome(job: Job, fields: Partial<FileOutcome> & Pick<FileOutcome, 'status'>): FileOutcome {
  return {
    taskId: job.taskId,
    index: job.index,
    path: null,
    bytes: null,
    sha256: null,
    attempts: 0,
    refreshed: false,
    resumedFrom: 0,
    reusedExisting: false,
    reason: null,
    errorCode: null,
    source: '',
    ...fields
  }
}

async function stillThere(file: string, bytes: number, sha256: string, how: 'sha256' | 'size'): Promise<boolean> {
  if (how === 'sha256') return sameFile(file, bytes, sha256)
  try {
    const st = await fs.stat(file)
    return st.isFile() && st.size === bytes
  } catch {
    return false
  }
}

export async function runJob(ctx: JobContext, job: Job): Promise<FileOutcome> {
  const owner = `${job.taskId}\u0000${job.index}`
  // Read the image now, not when it was queued: a sibling's re-query may have brought a fresh URL meanwhile.
  const image = ctx.history.getTask(job.taskId)?.images.find((i) => i.index === job.index)
  if (!image) return outcome(job, { status: 'failed', reason: 'the image is no longer in history', errorCode: 'NO_URL' })
  const source = stripQuery(image.url)
  if (ctx.folderError) {
    const e = ctx.folderError
    return fail(ctx, job, source, new DownloadError({ code: e.code, retryable: false, message: `not started: ${e.message}` }))
  }
  const paths = partPathsFor(ctx.folder, owner)
  const mayHavePart = ctx.knownParts === null || ctx.knownParts.has(path.basename(paths.part)) || ctx.knownParts.has(path.basename(paths.meta))

  const { localPath, bytes, sha256 } = image
  if (image.downloadState === 'done' && localPath && bytes !== null && sha256 && isInside(ctx.folder, localPath)) {
    if (await stillThere(localPath, bytes, sha256, ctx.verifyExisting)) {
      ctx.reservations.claim(localPath, owner)
      if (mayHavePart) await removeQuietly(paths.part, paths.meta)
      return outcome(job, { status: 'skipped', path: localPath, bytes, sha256, source, reason: 'already downloaded' })
    }
  }
  if (!image.url) return fail(ctx, job, source, new DownloadError({ code: 'NO_URL', retryable: false, message: 'the task has no URL for this image' }))

  ctx.writer.set(job.taskId, job.index, { state: 'pending', error: null })
  let attempts = 0
  try {
    const result = await fetchImage(ctx.env, {
      taskId: job.taskId,
      index: job.index,
      url: image.url,
      expiresAt: image.expiresAt,
      paths,
      mayHavePart,
      signal: job.signal ?? ctx.signal,
      freshUrl: ctx.freshUrl ? () => ctx.freshUrl!(job.taskId, job.index) : null,
      onEvent: (e) => {
        if (e.type === 'attempt') attempts = e.attempt
        ctx.onFetchEvent(job, e)
      },
      onBytes: (received, total) => ctx.onBytes(job, received, total),
      onBodyDone: () => ctx.onBodyDone(job)
    })
    const relative = renderFileName(ctx.template, {
      taskId: job.taskId,
      index: job.index,
      originalName: originalFileName(result.url),
      ext: result.ext,
      date: job.date
    })
    const placed = await placeFile({
      paths,
      metaMayExist: result.metaMayExist,
      wanted: resolveInside(ctx.folder, relative),
      bytes: result.bytes,
      sha256: result.sha256,
      owner,
      reservations: ctx.reservations
    })
    ctx.writer.set(job.taskId, job.index, { state: 'done', localPath: placed.path, bytes: result.bytes, sha256: result.sha256, error: null }, path.dirname(placed.path))
    return outcome(job, {
      status: 'downloaded',
      path: placed.path,
      bytes: result.bytes,
      sha256: result.sha256,
      attempts: result.attempts,
      refreshed: result.refreshed,
      resumedFrom: result.resumedFrom,
      reusedExisting: placed.reused,
      source: stripQuery(result.url)
    })
  } catch (e) {
    const err = isDownloadError(e) ? e : fileSystemError(e, `Downloading image ${job.index} of task ${job.taskId}`)
    if (err.code === 'CANCELLED') {
      // back to 'none': the partial file stays and the next run resumes it
      ctx.writer.set(job.taskId, job.index, { state: 'none', error: null })
      return outcome(job, { status: 'cancelled', source, attempts, reason: 'cancelled', errorCode: 'CANCELLED' })
    }
    if (isFolderFatal(err)) ctx.folderError ??= err
    return fail(ctx, job, source, err, attempts)
  }
}

function fail(ctx: JobContext, job: Job, source: string, err: DownloadError, attempts = 0): FileOutcome {
  const reason = `task ${job.taskId} image ${job.index}: ${err.message}`
  ctx.writer.set(job.taskId, job.index, { state: 'failed', error: reason })
  return outcome(job, { status: 'failed', source, attempts, reason, errorCode: err.code })
}
