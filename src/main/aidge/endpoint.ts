import type { Region } from '../../shared/aidge'
import { isLoopbackHost } from '../netAddress'

export const REGION_BASE_URLS: Record<Region, string> = {
  global: 'https://api.aidc-ai.com',
  cn: 'https://cn-api.aidc-ai.com'
}

export class EndpointError extends Error {
  readonly code = 'INVALID_ENDPOINT'
  constructor(message: string) {
    super(message)
    this.name = 'EndpointError'
  }
}

/** The base URL calls go to: a custom endpoint wins over the region. Plain http only on loopback, so a typo
 * cannot send signed requests across the network in clear text. */
export function resolveBaseUrl(region: Region = 'global', endpoint?: string | null): string {
  if (endpoint === undefined || endpoint === null || endpoint.trim() === '') return REGION_BASE_URLS[region]
  let u: URL
  try {
    u = new URL(endpoint.trim())
  } catch {
    throw new EndpointError(`The endpoint "${endpoint}" is not a valid URL (expected e.g. https://api.aidc-ai.com).`)
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    throw new EndpointError(`The endpoint must be an http(s) URL, not ${u.protocol}.`)
  }
  if (u.protocol === 'http:' && !isLoopbackHost(u.hostname)) {
    throw new EndpointError(`Plain http is allowed only for this computer (127.0.0.1); use https for ${u.hostname}.`)
  }
  if (u.username || u.password) throw new EndpointError('The endpoint must not contain a user name or password.')
  if (u.search || u.hash) throw new EndpointError('The endpoint must not contain a query string or fragment.')
  return u.toString().replace(/\/+$/, '')
}
