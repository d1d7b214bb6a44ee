// Where result images may come from. A result URL and every redirect hop are chosen by the server (or by whoever
// answers in its place): left alone, they could point the app at the user's router, a cloud metadata service or a
// local admin page. So: https to a public address only, checked before connecting, on the literal in the URL and
// on every address DNS answers (the agent connects to the checked address, so a second lookup cannot differ). The
// one exception is a configured endpoint on this computer (the simulator, a local proxy): then this computer's
// addresses serve images too, over http as well.
import dns, { type LookupAddress, type LookupOptions } from 'node:dns'
import { isIP, type LookupFunction } from 'node:net'
import { bareHostname, isLoopbackAddress, isLoopbackHost, isPublicAddress } from '../netAddress'
import { DownloadError } from './errors'
import { describeUrl } from './fileNames'

export interface ImageHostPolicy {
  /** the configured endpoint is this computer: loopback image hosts are allowed, over http too */
  allowLoopback: boolean
}

export const PUBLIC_HOSTS_ONLY: ImageHostPolicy = { allowLoopback: false }
/** For an endpoint on this computer (the simulator, a local proxy) */
export const LOCAL_ENDPOINT_HOSTS: ImageHostPolicy = { allowLoopback: true }

/** The policy that goes with the base URL signed calls go to. */
export function imageHostsFor(baseUrl: string): ImageHostPolicy {
  try {
    return isLoopbackHost(new URL(baseUrl).hostname) ? LOCAL_ENDPOINT_HOSTS : PUBLIC_HOSTS_ONLY
  } catch {
    return PUBLIC_HOSTS_ONLY
  }
}

/** Redirects followed for one image request (the 6th is refused). */
export const MAX_REDIRECTS = 5

export function addressAllowed(ip: string, policy: ImageHostPolicy): boolean {
  return isPublicAddress(ip) || (policy.allowLoopback && isLoopbackAddress(ip))
}

export function refusedUrl(url: string, why: string): DownloadError {
  return new DownloadError({ code: 'URL_REFUSED', retryable: false, message: `${describeUrl(url)}: not fetched: ${why}` })
}

/** Checks a URL before anything connects: scheme, credentials, and the address when the host is an IP literal. */
export function checkImageUrl(raw: string, policy: ImageHostPolicy): URL {
  let u: URL
  try {
    u = new URL(raw)
  } catch {
    throw refusedUrl(raw, 'not a valid URL')
  }
  const local = policy.allowLoopback && isLoopbackHost(u.hostname)
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && local)) throw refusedUrl(raw, `images are fetched over https only, not ${u.protocol}`)
  if (u.username || u.password) throw refusedUrl(raw, 'the URL carries a user name or password')
  const host = bareHostname(u.hostname)
  if (isIP(host) !== 0 && !addressAllowed(host, policy)) throw refusedUrl(raw, `${host} is not a public address`)
  if (host.toLowerCase() === 'localhost' && !local) throw refusedUrl(raw, 'localhost is not a public address')
  return u
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void

/**
 * A lookup for the HTTP agent's sockets: every address a name resolves to must be allowed, or the connection
 * fails before it is attempted. `resolve` is dns.lookup; tests pass a stub (they never reach a real resolver).
 */
export function guardedLookup(policy: () => ImageHostPolicy, resolve: typeof dns.lookup = dns.lookup): LookupFunction {
  const lookup = (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, options.all ? [] : '')
      const list = addresses as LookupAddress[]
      const bad = list.find((a) => !addressAllowed(a.address, policy()))
      if (bad || list.length === 0) {
        const e: NodeJS.ErrnoException = new Error(`${hostname} resolves to ${bad ? bad.address : 'nothing'}, not a public address; not connecting`)
        e.code = 'EADDRNOTPUBLIC'
        return callback(e, options.all ? [] : '')
      }
      if (options.all) return callback(null, list)
      const first = list[0]!
      callback(null, first.address, first.family)
    })
  }
  return lookup as unknown as LookupFunction
}
