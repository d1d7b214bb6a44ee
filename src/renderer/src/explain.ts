// Plain-word explanations of what went wrong, for the setup screen, the tracking header and the task detail.
import { BUSINESS_CODES, type AidgeErrorInfo } from '../../shared/aidge'
import type { ConnectionTestResult } from '../../shared/ipc'

export function connectionHeadline(r: ConnectionTestResult, trial: boolean): string {
  switch (r.problem) {
    case 'none':
      return 'Connected. The gateway accepted your key.'
    case 'auth':
      return r.code === 'NO_CREDENTIALS'
        ? 'No access key is saved yet. Enter the key name and secret first.'
        : 'The gateway rejected the key: the access key name or the secret is wrong (the secret is case-sensitive).'
    case 'region':
      return 'This key does not belong to the selected region. Switch between Global and China and test again.'
    case 'clock':
      return "This computer's clock is off, so the gateway refuses its signed requests. Set the date and time automatically in your system settings."
    case 'quota':
      return trial
        ? 'The key works, but there are no calls left, including the free trial. Buy resources for this API on the Aidge console.'
        : 'The key works, but there are no calls left on this account. Turn on "Use free trial quota" if you have trial calls, or buy resources on the Aidge console.'
    case 'network':
      return 'The gateway could not be reached. Check the internet connection, a proxy, or the custom endpoint.'
    default:
      return 'The connection test failed.'
  }
}

/** The documented meaning of an error's code, when there is one. */
export function errorMeaning(e: AidgeErrorInfo): string | null {
  if (e.kind === 'business' || e.kind === 'rateLimit') {
    const known = BUSINESS_CODES[Number(e.code)]
    if (known) return `${capitalise(known.meaning)}.${known.retryable ? ' The app retries this on its own.' : ''}`
    if (e.kind === 'business') return 'An undocumented error code.'
  }
  switch (e.kind) {
    case 'auth':
      return 'The gateway rejected the credentials or the request time. Check the key in Settings and the computer clock.'
    case 'quota':
      return 'No calls left, or the free trial is not enabled. Check the quota on the Aidge console or enable the trial in Settings.'
    case 'rateLimit':
      return 'Too many calls: the app slows down and resumes on its own.'
    case 'network':
      return 'The gateway could not be reached; the app retries.'
    case 'http':
      return 'The gateway or a proxy answered with an HTTP error.'
    case 'malformed':
      return 'The gateway sent an answer the app does not understand.'
    case 'cancelled':
      return 'The call was cancelled.'
    default:
      return null
  }
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}
