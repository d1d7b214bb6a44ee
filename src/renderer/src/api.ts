// The renderer's only door to the main process: a thin wrapper around window.api that returns the value of a
// request or throws an ApiError the UI can show, and subscriptions whose listeners can never throw into the bridge.
import type { ChannelArgs, ChannelName, ChannelResult, EventName, IpcError, IpcEvents, IpcResult, WindowApi } from '../../shared/ipc'
import { describeError } from './lib/errorText'
import { t } from './i18n'
import { askKey, takeEarly } from './lib/startupAsks'

/** An error main reported; its message is the renderer's own words for the code (errorText.ts). */
export class ApiError extends Error {
  constructor(readonly info: IpcError) {
    super(describeError(info))
    this.name = 'ApiError'
  }
  get kind(): IpcError['kind'] {
    return this.info.kind
  }
  get code(): string {
    return this.info.code
  }
}

function bridge(): WindowApi | null {
  const api = (window as unknown as { api?: WindowApi }).api
  return api && typeof api.invoke === 'function' ? api : null
}

/** False when the page runs outside the app (no preload): the UI then explains instead of failing. */
export function hasBridge(): boolean {
  return bridge() !== null
}

const NO_BRIDGE: IpcError = { kind: 'unavailable', code: 'NO_BRIDGE', message: 'no window.api', retryable: false }

/** The answer early.ts asked for at start with the same arguments, once and only soon after (startupAsks.ts); null
 * when there is none or it failed (then the caller asks). */
function takeEarlyAnswer<C extends ChannelName>(channel: C, args: ChannelArgs<C>): Promise<IpcResult<ChannelResult<C>> | null> | null {
  return takeEarly(window.__aidgeEarly, askKey(channel, args), performance.now()) as Promise<IpcResult<ChannelResult<C>> | null> | null
}

export async function call<C extends ChannelName>(channel: C, ...args: ChannelArgs<C>): Promise<ChannelResult<C>> {
  const api = bridge()
  if (!api) throw new ApiError(NO_BRIDGE)
  let result: IpcResult<ChannelResult<C>>
  try {
    result = (await takeEarlyAnswer(channel, args)) ?? (await api.invoke(channel, ...args))
  } catch {
    throw new ApiError({ kind: 'unavailable', code: 'IPC_FAILED', message: 'invoke failed', retryable: true })
  }
  if (!result || typeof result !== 'object') {
    throw new ApiError({ kind: 'internal', code: 'BAD_RESULT', message: 'not an IpcResult', retryable: false })
  }
  if (result.ok) return result.value
  throw new ApiError(result.error)
}

/** Subscribes to a push event; the listener's errors are reported, never thrown. Returns the unsubscribe function. */
export function subscribe<E extends EventName>(event: E, listener: (payload: IpcEvents[E]) => void): () => void {
  const api = bridge()
  if (!api) return () => undefined
  try {
    return api.on(event, (payload) => {
      try {
        listener(payload)
      } catch (e) {
        reportError(e)
      }
    })
  } catch {
    return () => undefined
  }
}

/** A sentence for a person, from anything thrown. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message
  if (e instanceof Error && e.message) return e.message
  return t('messages.somethingWrong')
}

type Reporter = (message: string) => void
let reporter: Reporter = () => undefined

/** The toast store registers itself here so that api.ts stays free of UI imports. */
export function setErrorReporter(r: Reporter): void {
  reporter = r
}

export function reportError(e: unknown, prefix?: string): void {
  const text = errorMessage(e)
  reporter(prefix ? t('messages.failedWith', { what: prefix, reason: text }) : text)
}

/** Runs a request for its side effect: errors become a toast, never an unhandled rejection. */
export function fireAndReport(p: Promise<unknown>, prefix?: string): void {
  p.catch((e: unknown) => reportError(e, prefix))
}
