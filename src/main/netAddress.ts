// Which hosts and addresses the app may talk to. Plain http is for this computer only, and images come only from
// public addresses: a result URL or a redirect must not turn the app into a way to reach the user's router, a
// cloud metadata service or a local admin page. Checked on IP literals before any connection, and on what DNS
// answers before the socket connects (see downloads/imageHosts.ts).
import { BlockList, isIP } from 'node:net'

/** The hostname of a parsed URL without the brackets of an IPv6 literal. */
export function bareHostname(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname
}

/**
 * This computer, by name or literal: exactly `localhost`, an IPv4 literal in 127.0.0.0/8, or `::1`. A prefix test
 * would let `127.evil.example` (a name anyone can point anywhere) pass. URL parsing has already turned the other
 * spellings of an IPv4 literal (`127.1`, `0x7f.0.0.1`) into the dotted form checked here.
 */
export function isLoopbackHost(hostname: string): boolean {
  const h = bareHostname(hostname).toLowerCase()
  if (h === 'localhost') return true
  const family = isIP(h)
  return family === 6 ? h === '::1' : family === 4 && loopback.check(h, 'ipv4')
}

const loopback = new BlockList()
loopback.addSubnet('127.0.0.0', 8, 'ipv4')
loopback.addAddress('::1', 'ipv6')

// Everything that is not a public unicast address (RFC 6890 special-purpose registries, in short).
const notPublic = new BlockList()
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4]
] as const) {
  notPublic.addSubnet(net, bits, 'ipv4')
}
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8]
] as const) {
  notPublic.addSubnet(net, bits, 'ipv6')
}

/** An IPv4 address carried inside an IPv6 one (::ffff:a.b.c.d, the NAT64 prefix), which is what gets reached. */
function embeddedIpv4(ip: string): string | null {
  const m = /^(?:::ffff:|64:ff9b::)(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(ip)
  if (!m) return null
  if (m[1]) return m[1]
  const hi = parseInt(m[2]!, 16)
  const lo = parseInt(m[3]!, 16)
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`
}

export function isLoopbackAddress(ip: string): boolean {
  const v4 = embeddedIpv4(ip)
  if (v4) return loopback.check(v4, 'ipv4')
  const family = isIP(ip)
  return family !== 0 && loopback.check(ip, family === 4 ? 'ipv4' : 'ipv6')
}

/** A public unicast address: not private, loopback, link-local, shared, multicast, reserved or documentation. */
export function isPublicAddress(ip: string): boolean {
  const v4 = embeddedIpv4(ip)
  if (v4) return isIP(v4) === 4 && !notPublic.check(v4, 'ipv4')
  const family = isIP(ip)
  if (family === 0) return false
  return !notPublic.check(ip, family === 4 ? 'ipv4' : 'ipv6')
}
