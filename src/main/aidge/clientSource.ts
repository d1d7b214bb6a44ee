// The client for the current connection settings: rebuilt when region, endpoint or trial change, with the
// credentials read from their store at most once per change (not at every call).
import type { AppSettings } from '../../shared/settings'
import type { Credentials } from '../credentials'
import { AidgeClient, type AidgeClientOptions } from './client'

export interface ClientSource {
  /** the client for the settings as they are now (throws EndpointError for an unusable endpoint) */
  client(): AidgeClient
  /** the next call reads the credentials again */
  credentialsChanged(): void
  close(): Promise<void>
}

export function createClientSource(opts: {
  credentials: { get(): Promise<Credentials | null> }
  connection: () => Pick<AppSettings, 'region' | 'endpoint' | 'trial'>
  now?: () => number
  timeouts?: AidgeClientOptions['timeouts']
}): ClientSource {
  let cached: Promise<Credentials | null> | null = null
  const readCredentials = (): Promise<Credentials | null> => (cached ??= opts.credentials.get().catch(() => null))
  let client: AidgeClient | null = null
  let clientKey = ''
  return {
    client() {
      const s = opts.connection()
      const key = JSON.stringify([s.region, s.endpoint, s.trial])
      if (!client || key !== clientKey) {
        const old = client
        client = new AidgeClient({
          credentials: readCredentials,
          region: s.region,
          endpoint: s.endpoint,
          trial: s.trial,
          ...(opts.now ? { now: opts.now } : {}),
          ...(opts.timeouts ? { timeouts: opts.timeouts } : {})
        })
        clientKey = key
        void old?.close()
      }
      return client
    },
    credentialsChanged() {
      cached = null
    },
    async close() {
      await client?.close()
    }
  }
}
