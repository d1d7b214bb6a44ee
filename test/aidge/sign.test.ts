import { describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { signV2, signedQuery } from '../../src/main/aidge'

describe('sign_ver v2', () => {
  it('matches the worked example of aidge-protocol.md', () => {
    expect(signV2('S4etzZ73nF08vOXVhk3wZjIaLSHw0123', '1719383953456')).toBe(
      'EB5558EBDCC8B7289FCBFC5727E3E6B645A766CF59E99C3698AC4F07E4417112'
    )
  })

  it('agrees with openssl for another secret and time', () => {
    const secret = 'another-secret-0001'
    const ts = '1800000000123'
    const out = execFileSync('openssl', ['dgst', '-sha256', '-hmac', secret], { input: secret + ts }).toString()
    expect(signV2(secret, ts)).toBe(out.trim().split(/\s+/).pop()!.toUpperCase())
  })

  it('builds every query parameter the gateway wants, with a millisecond timestamp', () => {
    const q = signedQuery('512345', 'S4etzZ73nF08vOXVhk3wZjIaLSHw0123', 1719383953456.9)
    expect(q).toEqual({
      partner_id: 'aidge',
      sign_method: 'sha256',
      sign_ver: 'v2',
      app_key: '512345',
      timestamp: '1719383953456',
      sign: 'EB5558EBDCC8B7289FCBFC5727E3E6B645A766CF59E99C3698AC4F07E4417112'
    })
  })
})
