import { createHmac } from 'node:crypto'

/**
 * sign_ver v2: HEX_UPPER(HMAC_SHA256(key = secret, message = secret + timestamp)).
 * The timestamp is milliseconds since the epoch as a decimal string.
 */
export function signV2(secret: string, timestamp: string): string {
  return createHmac('sha256', secret).update(secret + timestamp).digest('hex').toUpperCase()
}

export interface SignedQuery {
  partner_id: 'aidge'
  sign_method: 'sha256'
  sign_ver: 'v2'
  app_key: string
  timestamp: string
  sign: string
}

export function signedQuery(accessKeyName: string, secret: string, nowMs: number): SignedQuery {
  const timestamp = String(Math.trunc(nowMs))
  return {
    partner_id: 'aidge',
    sign_method: 'sha256',
    sign_ver: 'v2',
    app_key: accessKeyName,
    timestamp,
    sign: signV2(secret, timestamp)
  }
}
