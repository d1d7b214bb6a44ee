// The aidge-media:// handler without Electron (protocol.ts installs it): the renderer names an image
// (aidge-media://thumb|full/<taskId>/<index>), never a path; the resolver finds the file and refuses anything
// outside the image cache and download folders (symlinks included). The file is then opened once, checked with
// fstat on that handle, and served from it, so nothing swapped in after the check is ever read.
import { MediaPathError, parseMediaUrl } from './mediaPaths'
import { readServedFile, refusal } from './servedFiles'
import { sniffImageType, type ImageExt } from './downloads/imageType'

export type MediaResolver = (kind: 'thumb' | 'full', taskId: string, index: number) => Promise<string>

/** Far above any real result image; the downloader's own per-image cap is what keeps the folders small. */
const MAX_MEDIA_BYTES = 256 * 1024 * 1024

const IMAGE_TYPES: Record<ImageExt, string> = { png: 'image/png', jpg: 'image/jpeg', webp: 'image/webp', gif: 'image/gif' }

export function createMediaHandler(resolveFile: MediaResolver): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      const { kind, taskId, index } = parseMediaUrl(request.url)
      const file = await resolveFile(kind, taskId, index)
      const bytes = await readServedFile(file, { maxBytes: MAX_MEDIA_BYTES, sameFileAsPath: true })
      // the type comes from the bytes served, not the file name: whatever is not an image is not shown
      const ext = sniffImageType(bytes.subarray(0, 12))
      if (ext === null) throw new MediaPathError('OUTSIDE_ALLOWED_FOLDERS', 'Refused: the file is not an image.')
      return new Response(new Uint8Array(bytes), {
        status: 200,
        headers: { 'content-type': IMAGE_TYPES[ext], 'content-length': String(bytes.length), 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' }
      })
    } catch (e) {
      return refusal(e)
    }
  }
}
