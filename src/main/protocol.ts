import { net, protocol } from 'electron'
import { pathToFileURL } from 'node:url'
import { MediaPathError, MEDIA_SCHEME, parseMediaUrl } from './mediaPaths'

/** Must run before app 'ready': the media scheme is secure and may be fetched by the page's <img> tags. */
export function registerMediaScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: MEDIA_SCHEME, privileges: { secure: true, standard: true, supportFetchAPI: true } }])
}

/**
 * Serves aidge-media://thumb|full/<taskId>/<index> from the image cache and download folders only: the renderer
 * names an image, never a path; the resolver finds the file and refuses anything outside the allowed folders
 * (symlinks included). Remote image URLs are never loaded by the page.
 */
export function handleMediaProtocol(resolveFile: (kind: 'thumb' | 'full', taskId: string, index: number) => Promise<string>): void {
  protocol.handle(MEDIA_SCHEME, async (request) => {
    try {
      const { kind, taskId, index } = parseMediaUrl(request.url)
      const file = await resolveFile(kind, taskId, index)
      return await net.fetch(pathToFileURL(file).toString())
    } catch (e) {
      const status = e instanceof MediaPathError ? (e.code === 'NOT_FOUND' ? 404 : 403) : 404
      return new Response(e instanceof Error ? e.message : 'Not found', { status, headers: { 'content-type': 'text/plain' } })
    }
  })
}
