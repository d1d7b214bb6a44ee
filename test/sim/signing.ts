// An independent implementation of Aidge request signing (sign_ver v2) for the simulator and for tests that
// build raw requests. Deliberately does not import the app's signer: the two must agree on their own.
import { createHmac, timingSafeEqual } from 'node:crypto'

/** HEX_UPPER(HMAC_SHA256(key = secret, message = secret + timestamp)) */
export function signForTest(secret: string, timestamp: string | number): string {
  return createHmac('sha256', secret).update(secret + String(timestamp), 'utf8').digest('hex').toUpperCase()
}

/** Constant-time comparison of a presented sign with the expected one (case-sensitive hex). */
export function verifySign(secret: string, timestamp: string, sign: string): boolean {
  const expected = Buffer.from(signForTest(secret, timestamp), 'utf8')
  const given = Buffer.from(sign, 'utf8')
  return expected.length === given.length && timingSafeEqual(expected, given)
}

export interface TestCredentials {
  appKey: string
  secret: string
}

/** The query string of a signed call: partner_id, sign_method, sign_ver, app_key, timestamp, sign. */
export function signedParams(creds: TestCredentials, timestamp: number | string = Date.now()): URLSearchParams {
  const ts = String(timestamp)
  return new URLSearchParams({
    partner_id: 'aidge',
    sign_method: 'sha256',
    sign_ver: 'v2',
    app_key: creds.appKey,
    timestamp: ts,
    sign: signForTest(creds.secret, ts)
  })
}

/** `{base}/rest{apiName}?<signed params>` */
export function signedApiUrl(base: string, apiName: string, creds: TestCredentials, timestamp?: number | string): string {
  return `${base.replace(/\/+$/, '')}/rest${apiName}?${signedParams(creds, timestamp).toString()}`
}

export interface RawCallOptions {
  trial?: boolean
  timestamp?: number | string
  headers?: Record<string, string>
  signal?: AbortSignal
  method?: string
}

/** A signed POST with a JSON body through global fetch; returns the raw Response. */
export function callApi(base: string, apiName: string, body: unknown, creds: TestCredentials, opts: RawCallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...opts.headers }
  if (opts.trial) headers['x-iop-trial'] = 'true'
  const init: RequestInit = { method: opts.method ?? 'POST', headers }
  if (init.method !== 'GET' && init.method !== 'HEAD') init.body = JSON.stringify(body)
  if (opts.signal) init.signal = opts.signal
  return fetch(signedApiUrl(base, apiName, creds, opts.timestamp), init)
}
