// Words for transport failures, shared by the API client and the downloader so a person reads the same thing for
// the same failure wherever it happens.

export const TRANSPORT_WORDS: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset by the server or a proxy',
  ECONNABORTED: 'the connection was aborted',
  EPIPE: 'the connection was closed while sending',
  ENOTFOUND: 'the host name could not be resolved (DNS)',
  EAI_AGAIN: 'the host name could not be resolved right now (DNS)',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'connecting to the server timed out',
  UND_ERR_HEADERS_TIMEOUT: 'the server did not answer in time',
  UND_ERR_BODY_TIMEOUT: 'the server stopped sending its answer',
  UND_ERR_SOCKET: 'the connection closed unexpectedly',
  UND_ERR_CLOSED: 'the connection closed unexpectedly',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'the answer was cut short',
  UND_ERR_RES_EXCEEDED_MAX_SIZE: 'the answer was larger than any valid answer'
}

/** The first `code` along an error's cause chain (undici wraps socket errors), preferring a known one. */
export function transportCodeOf(e: unknown): string | undefined {
  let first: string | undefined
  let cur: unknown = e
  for (let depth = 0; depth < 4 && cur && typeof cur === 'object'; depth++) {
    const code = (cur as { code?: unknown }).code
    if (typeof code === 'string') {
      if (code in TRANSPORT_WORDS) return code
      first ??= code
    }
    cur = (cur as { cause?: unknown }).cause
  }
  return first
}
