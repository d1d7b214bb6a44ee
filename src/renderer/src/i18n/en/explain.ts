// Plain-word explanations of what went wrong (src/renderer/src/explain.ts): the connection test, the gateway's
// documented error codes, the error kinds.
export default {
  connection: {
    none: 'Connected. The gateway accepted your key.',
    noCredentials: 'No access key is saved yet. Enter the key name and secret first.',
    auth: 'The gateway rejected the key: the access key name or the secret is wrong (the secret is case-sensitive).',
    region: 'This key does not belong to the selected region. Switch between Global and China and test again.',
    clock: "This computer's clock is off, so the gateway refuses its signed requests. Set the date and time automatically in your system settings.",
    quotaTrial: 'The key works, but there are no calls left, including the free trial. Buy resources for this API on the Aidge console.',
    quota: 'The key works, but there are no calls left on this account. Turn on "Use free trial quota" if you have trial calls, or buy resources on the Aidge console.',
    network: 'The gateway could not be reached. Check the internet connection, a proxy, or the custom endpoint.',
    other: 'The connection test failed.'
  },
  // the vendor's documented business codes (BUSINESS_CODES in src/shared/aidge.ts)
  code: {
    '500': 'System error on the vendor side.',
    '501': 'Rate limit exceeded.',
    '700': 'Invalid input: the request does not meet the format requirements.',
    '801': 'Model failed: internal call exception, contact Aidge support with the requestId.',
    '1000': 'Content has sensitive data and cannot be handled; try other input.',
    '1001': 'Content control failed; the vendor says retry, a few times at most.',
    '1002': 'Content risk filter failed; contact Aidge support with the requestId.'
  },
  retriesItself: '{{meaning}} The app retries this on its own.',
  undocumented: 'An undocumented error code.',
  kind: {
    auth: 'The gateway rejected the credentials or the request time. Check the key in Settings and the computer clock.',
    quota: 'No calls left, or the free trial is not enabled. Check the quota on the Aidge console or enable the trial in Settings.',
    rateLimit: 'Too many calls: the app slows down and resumes on its own.',
    network: 'The gateway could not be reached; the app retries.',
    http: 'The gateway or a proxy answered with an HTTP error.',
    malformed: 'The gateway sent an answer the app does not understand.',
    cancelled: 'The call was cancelled.'
  }
} as const
