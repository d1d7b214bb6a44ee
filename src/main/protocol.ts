import { protocol } from 'electron'
import { APP_SCHEME, createAppFileHandler } from './appScheme'
import { MEDIA_SCHEME } from './mediaPaths'
import { createMediaHandler, type MediaResolver } from './mediaScheme'

// The thin Electron side of the app's two schemes; the handlers themselves are plain Node (appScheme.ts,
// mediaScheme.ts). Based on Electron's docs/api/protocol.md (registerSchemesAsPrivileged, protocol.handle) and
// docs/api/structures/custom-scheme.md.

/**
 * Must run before app 'ready', and only once (protocol.md): every custom scheme of the app in one call.
 * aidge-app serves the page: standard (relative URLs and web storage work), secure (a secure context, like
 * https), fetch allowed, CORS enabled (Vite's module scripts are fetched in CORS mode), V8 code cache.
 * aidge-media serves images to <img> tags: standard and secure, fetch allowed.
 */
export function registerSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } },
    { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }
  ])
}

/** Serves the built renderer folder on aidge-app://app/ (after 'ready'). */
export function handleAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppFileHandler(rendererDir))
}

/** Serves cached and downloaded images on aidge-media:// (after 'ready'). */
export function handleMediaProtocol(resolveFile: MediaResolver): void {
  protocol.handle(MEDIA_SCHEME, createMediaHandler(resolveFile))
}
