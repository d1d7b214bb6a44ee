import { realpath } from 'node:fs/promises'
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path'
import type { ImageCache } from './downloads'
import type { HistoryStore } from './history'

export class MediaPathError extends Error {
  constructor(
    readonly code: 'OUTSIDE_ALLOWED_FOLDERS' | 'NOT_FOUND' | 'BAD_REQUEST',
    message: string
  ) {
    super(message)
    this.name = 'MediaPathError'
  }
}

/** True when `file` lies strictly inside `root` (by path.relative, never a string prefix: a sibling `root-x` is outside). */
export function inside(root: string, file: string): boolean {
  const rel = relative(root, file)
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) && !rel.split(sep).includes('..')
}

/**
 * The real path of a file the media protocol may serve: it must exist and, after every symlink is resolved, lie
 * inside one of the allowed folders (the image cache, the download folders). Anything else is refused.
 */
export async function resolveAllowedFile(candidate: string, allowedRoots: readonly string[]): Promise<string> {
  if (!isAbsolute(candidate) || candidate.includes('\0')) throw new MediaPathError('BAD_REQUEST', 'Refused: not an absolute file path.')
  const lexical = resolve(candidate)
  const roots: string[] = []
  for (const r of allowedRoots) {
    try {
      roots.push(await realpath(r))
    } catch {
      // a folder that does not exist holds nothing to serve
    }
  }
  if (!roots.some((r) => inside(r, lexical)) && !allowedRoots.some((r) => inside(resolve(r), lexical))) {
    throw new MediaPathError('OUTSIDE_ALLOWED_FOLDERS', 'Refused: the file is outside the app’s image folders.')
  }
  let real: string
  try {
    real = await realpath(lexical)
  } catch {
    throw new MediaPathError('NOT_FOUND', 'The image file is missing.')
  }
  if (!roots.some((r) => inside(r, real))) {
    throw new MediaPathError('OUTSIDE_ALLOWED_FOLDERS', 'Refused: the file links outside the app’s image folders.')
  }
  return real
}

/** The file behind a media URL, only from the image cache or a download folder (symlinks resolved). */
export type MediaFiles = (kind: 'thumb' | 'full', taskId: string, index: number) => Promise<string>

export function createMediaFiles(imageCache: ImageCache, history: HistoryStore): MediaFiles {
  return async (kind, taskId, index) => {
    const file = kind === 'thumb' ? await imageCache.thumbnail(taskId, index) : await imageCache.full(taskId, index)
    // A full image may be the user's own download: its folder is allowed only because history points there.
    const image = history.getTask(taskId)?.images.find((i) => i.index === index)
    const roots = [imageCache.imagesDir, imageCache.thumbsDir]
    if (image?.downloadState === 'done' && image.localPath) roots.push(dirname(image.localPath))
    return resolveAllowedFile(file, roots)
  }
}

/** aidge-media://thumb/<taskId>/<index> and aidge-media://full/<taskId>/<index> */
export const MEDIA_SCHEME = 'aidge-media'

export function mediaUrl(kind: 'thumb' | 'full', taskId: string, index: number): string {
  return `${MEDIA_SCHEME}://${kind}/${encodeURIComponent(taskId)}/${index}`
}

export function parseMediaUrl(url: string): { kind: 'thumb' | 'full'; taskId: string; index: number } {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    throw new MediaPathError('BAD_REQUEST', 'Refused: not a media URL.')
  }
  const kind = u.hostname
  const parts = u.pathname.split('/').filter(Boolean)
  if (u.protocol !== `${MEDIA_SCHEME}:` || (kind !== 'thumb' && kind !== 'full') || parts.length !== 2) {
    throw new MediaPathError('BAD_REQUEST', 'Refused: not a media URL.')
  }
  let taskId: string
  try {
    taskId = decodeURIComponent(parts[0] as string)
  } catch {
    throw new MediaPathError('BAD_REQUEST', 'Refused: bad task id in the media URL.')
  }
  const index = Number(parts[1])
  if (!Number.isInteger(index) || index < 0 || index > 999 || taskId.length === 0 || taskId.length > 128 || /[/\\\0]/.test(taskId)) {
    throw new MediaPathError('BAD_REQUEST', 'Refused: bad media URL.')
  }
  return { kind, taskId, index }
}
