// Plain http only for this computer (issue 11, item 5): a prefix test let `http://127.evil.example` through,
// a name anyone can point at any address. And which addresses count as public, for image downloads (item 4).
// Nothing here connects anywhere: these are checks on names and literals.
import { describe, expect, it } from 'vitest'
import { EndpointError, resolveBaseUrl } from '../../src/main/aidge/endpoint'
import { isLoopbackHost, isPublicAddress } from '../../src/main/netAddress'

describe('plain http endpoints', () => {
  it('refuses names that merely start like a loopback address', () => {
    for (const bad of ['http://127.evil.example', 'http://127.0.0.1.nip.io:8787', 'http://localhost.evil.example', 'http://127.0.0.1evil.example', 'http://0.0.0.0:8787', 'http://[::ffff:7f00:1]:8787']) {
      expect(() => resolveBaseUrl('global', bad), bad).toThrow(EndpointError)
    }
  })

  it('accepts 127.0.0.0/8 however URL parsing spells it, ::1 and exactly localhost', () => {
    for (const [input, base] of [
      ['http://127.0.0.1:8787', 'http://127.0.0.1:8787'],
      ['http://127.1.2.3', 'http://127.1.2.3'],
      ['http://127.1:8787', 'http://127.0.0.1:8787'],
      ['http://0x7f.0.0.1:8787', 'http://127.0.0.1:8787'],
      ['http://LOCALHOST:8787', 'http://localhost:8787'],
      ['http://[::1]:8787', 'http://[::1]:8787'],
      ['https://127.evil.example', 'https://127.evil.example']
    ]) {
      expect(resolveBaseUrl('global', input), input).toBe(base)
    }
  })

  it('isLoopbackHost takes URL hostnames, brackets included', () => {
    expect(['127.0.0.1', '127.255.0.9', 'localhost', '[::1]', '::1'].every(isLoopbackHost)).toBe(true)
    expect(['127.evil.example', 'localhost.', 'localhost.localdomain', '128.0.0.1', '[::2]', '10.0.0.1', ''].some(isLoopbackHost)).toBe(false)
  })
})

describe('isPublicAddress', () => {
  it('refuses private, loopback, link-local, shared, multicast, reserved and mapped forms of them', () => {
    for (const ip of [
      '0.0.0.0',
      '10.1.2.3',
      '100.64.0.1',
      '127.0.0.1',
      '169.254.169.254',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '198.18.0.1',
      '224.0.0.1',
      '255.255.255.255',
      '::',
      '::1',
      'fe80::1',
      'fd00::1',
      'fc00::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:a9fe:a9fe',
      '64:ff9b::10.0.0.1',
      '2001:db8::1',
      'not an ip'
    ]) {
      expect(isPublicAddress(ip), ip).toBe(false)
    }
  })

  it('accepts public unicast addresses', () => {
    for (const ip of ['8.8.8.8', '47.88.1.1', '172.32.0.1', '100.128.0.1', '2400:3200::1', '::ffff:8.8.8.8']) expect(isPublicAddress(ip), ip).toBe(true)
  })
})
