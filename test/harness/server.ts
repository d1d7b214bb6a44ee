import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { extname, join, normalize, resolve, sep } from 'node:path'
import type { EventName, IpcEvents } from '../../src/shared/ipc'
import { createHandlers, dispatch, type PlatformDeps } from '../../src/main/handlers'
import type { EndpointChange } from '../../src/main/handlers/endpointChange'
import { MEDIA_SCHEME } from '../../src/main/mediaPaths'
import { createMediaHandler } from '../../src/main/mediaScheme'
import type { Services } from '../../src/main/services'
import { apiScript } from './apiScript'

const RENDERER = resolve(__dirname, '../../out/renderer')
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp'
}
// a dropped photo arrives as Base64 in one request
const MAX_BODY = 8 * 1024 * 1024

export interface HarnessOptions {
  services: Services
  /** what the platform would do (dialogs cannot open in a headless browser: tests say what the user picks) */
  platform?: Partial<PlatformDeps>
  /** the file behind a media URL; refuses what it must (see src/main/media.ts) */
  media?: (kind: 'thumb' | 'full', taskId: string, index: number) => Promise<string>
  port?: number
  /** the operating system's language as the page should see it (BCP 47), see apiScript */
  language?: string
}

export interface Harness {
  /** open this in the browser: the app with its token */
  url: string
  origin: string
  token: string
  /** what the "choose folder" / "save file" dialogs answer next, and what was revealed/opened */
  dialogs: {
    nextFolder: string | null
    nextSaveFile: string | null
    /** what the photo dialog answers next (files, or one folder) */
    nextPhotos: string[]
    /** the hosts main asked the user about before moving signed calls there */
    endpointAsked: string[]
    /** the user's answer to that question (the page can never answer it); default: keep the current server */
    answerEndpoint: (change: EndpointChange) => boolean | Promise<boolean>
    revealed: string[]
    opened: string[]
    openedFolders: string[]
  }
  /** sends a push event to the page as main does (e.g. the application menu's 'menu:command') */
  push<E extends EventName>(event: E, payload: IpcEvents[E]): void
  close(): Promise<void>
}

/**
 * Hosts the app's real handler table (the same one ipc.ts registers in Electron) over HTTP on 127.0.0.1 with a
 * random token, serves the built renderer with a window.api built from the same contract, and streams the push
 * events. Never shipped: it exists so Playwright can drive the real UI in Chromium where Electron cannot run.
 */
export async function startHarness(opts: HarnessOptions): Promise<Harness> {
  const token = randomBytes(18).toString('base64url')
  const dialogs: Harness['dialogs'] = {
    nextFolder: null,
    nextSaveFile: null,
    nextPhotos: [],
    endpointAsked: [],
    answerEndpoint: () => false,
    revealed: [],
    opened: [],
    openedFolders: []
  }
  const platform: PlatformDeps = {
    appVersion: '0.0.0-harness',
    // what Electron's app.getPreferredSystemLanguages() would report: the language the harness was started with
    systemLanguages: () => (opts.language ? [opts.language] : []),
    chooseFolder: async () => dialogs.nextFolder,
    chooseSaveFile: async () => dialogs.nextSaveFile,
    choosePhotos: async () => dialogs.nextPhotos,
    confirmEndpointChange: async (change) => {
      dialogs.endpointAsked.push(change.host)
      return dialogs.answerEndpoint(change)
    },
    revealFile: (p) => void dialogs.revealed.push(p),
    openFolder: (p) => void dialogs.openedFolders.push(p),
    openExternal: async (u) => void dialogs.opened.push(u),
    mediaUrl: (kind, taskId, index) => `/__media/${kind}/${encodeURIComponent(taskId)}/${index}?token=${token}`,
    ...opts.platform
  }
  const handlers = createHandlers(opts.services, platform)
  const mediaHandler = opts.media ? createMediaHandler(opts.media) : null
  const streams = new Set<ServerResponse>()
  const send = <E extends EventName>(event: E, payload: IpcEvents[E]): void => {
    const data = `data: ${JSON.stringify({ event, payload })}\n\n`
    for (const s of streams) s.write(data)
  }
  const unsubscribe = opts.services.events.forward(send)
  // as the app does at start: tracking resumes, batches interrupted by a quit or crash carry on, auto-download runs
  opts.services.start()

  const authorized = (req: IncomingMessage, url: URL): boolean => req.headers['x-harness-token'] === token || url.searchParams.get('token') === token

  const server = createServer((req, res) => {
    void handle(req, res).catch((e) => {
      if (!res.headersSent) res.writeHead(e instanceof BodyTooLarge ? 413 : 500, { 'content-type': 'text/plain', connection: 'close' })
      res.end(e instanceof BodyTooLarge ? e.message : 'harness error')
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const path = url.pathname
    if (path === '/__harness/api.js') {
      res.writeHead(200, { 'content-type': TYPES['.js'] as string, 'cache-control': 'no-store' }).end(apiScript(opts.language ? { language: opts.language } : {}))
      return
    }
    if (path.startsWith('/__harness/invoke/') && req.method === 'POST') {
      if (!authorized(req, url)) return void res.writeHead(403).end()
      const body = await readBody(req)
      let args: unknown
      try {
        args = JSON.parse(body)
      } catch {
        args = Symbol('not json')
      }
      let channel = ''
      try {
        channel = decodeURIComponent(path.slice('/__harness/invoke/'.length))
      } catch {
        // a malformed escape names no channel
      }
      const result = await dispatch(handlers, channel, args)
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result))
      return
    }
    if (path === '/__harness/events') {
      if (!authorized(req, url)) return void res.writeHead(403).end()
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' })
      res.write(': connected\n\n')
      streams.add(res)
      req.on('close', () => streams.delete(res))
      return
    }
    if (path.startsWith('/__media/')) {
      if (!authorized(req, url) || !mediaHandler) return void res.writeHead(403).end()
      // The app's own aidge-media:// handler (src/main/mediaScheme.ts): /__media/<kind>/<taskId>/<index> stands for
      // aidge-media://<kind>/<taskId>/<index>.
      const answer = await mediaHandler(new Request(`${MEDIA_SCHEME}://${path.slice('/__media/'.length)}`))
      res.writeHead(answer.status, Object.fromEntries(answer.headers)).end(Buffer.from(await answer.arrayBuffer()))
      return
    }
    // The built renderer, with the harness's window.api in place of the preload.
    const file = normalize(join(RENDERER, path === '/' ? 'index.html' : decodeURIComponent(path)))
    if (!file.startsWith(RENDERER + sep)) return void res.writeHead(403).end()
    let content: Buffer
    try {
      content = await readFile(file)
    } catch {
      return void res.writeHead(404).end()
    }
    if (file.endsWith('index.html')) {
      content = Buffer.from(content.toString('utf8').replace('<head>', '<head>\n    <script src="/__harness/api.js"></script>'))
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(content)
  }

  await new Promise<void>((r) => server.listen(opts.port ?? 0, '127.0.0.1', r))
  const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    dialogs,
    push: send,
    async close() {
      unsubscribe()
      for (const s of streams) s.end()
      server.closeAllConnections()
      await new Promise<void>((r) => server.close(() => r()))
    }
  }
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      // beyond the limit the body is read and dropped (so the client gets the 413, not a reset), up to a point
      if (size <= MAX_BODY) chunks.push(c)
      else if (size > 8 * MAX_BODY) req.destroy()
    })
    req.on('end', () => (size > MAX_BODY ? reject(new BodyTooLarge(`request body over ${MAX_BODY} bytes`)) : resolvePromise(Buffer.concat(chunks).toString('utf8'))))
    req.on('error', reject)
  })
}
