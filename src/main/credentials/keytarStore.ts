import { CredentialStoreError, type CredentialStore, type Credentials } from './types'
import { validateCredentials } from './validation'

/** The part of keytar this module uses; tests of failure paths may pass their own. */
export interface KeytarLike {
  findPassword(service: string): Promise<string | null>
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
}

export const DEFAULT_SERVICE_NAME = 'Aidge Task Desk'

/** Loads the native module on demand, so a missing libsecret is a reported problem, not a crash at import. */
export async function loadKeytar(): Promise<KeytarLike> {
  const module = await import('keytar')
  return (module.default ?? module) as KeytarLike
}

/**
 * The system keychain (macOS Keychain, Windows Credential Manager, Secret Service on Linux) through keytar.
 * One entry per service: the access key name is the account, the secret the password.
 */
export function createKeytarStore(keytar: KeytarLike, serviceName: string = DEFAULT_SERVICE_NAME): CredentialStore {
  async function call<T>(action: string, run: () => Promise<T>, secret?: string): Promise<T> {
    try {
      return await run()
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      // The OS message is shown as is, unless it somehow carries the secret.
      const detail = secret && reason.includes(secret) ? '' : `: ${reason}`
      throw new CredentialStoreError('keychain', `Could not ${action} the system keychain${detail}`)
    }
  }

  async function entries(): Promise<Array<{ account: string; password: string }>> {
    // keytar's findCredentials crashes the whole process when an entry is in a locked Secret Service
    // collection that cannot be unlocked (node-keytar#477); findPassword returns null there instead.
    // So list the entries only once one of them has been read.
    const any = await call('read from', () => keytar.findPassword(serviceName))
    if (any === null) return []
    return call('read from', () => keytar.findCredentials(serviceName))
  }

  async function get(): Promise<Credentials | null> {
    const [first] = await entries()
    return first ? { accessKeyName: first.account, secret: first.password } : null
  }

  return {
    async status() {
      try {
        const current = await get()
        return {
          configured: current !== null,
          accessKeyName: current?.accessKeyName ?? null,
          backend: 'keychain',
          persistent: true,
          problem: null
        }
      } catch (error) {
        const problem = (error as Error).message
        return { configured: false, accessKeyName: null, backend: 'keychain', persistent: true, problem }
      }
    },
    get,
    async set(credentials) {
      const { accessKeyName, secret } = validateCredentials(credentials)
      const previous = await entries()
      // Write the new entry before removing old ones, so a failure never leaves no credentials at all.
      await call('save to', () => keytar.setPassword(serviceName, accessKeyName, secret), secret)
      for (const { account } of previous) {
        if (account === accessKeyName) continue
        await call('remove the previous key from', () => keytar.deletePassword(serviceName, account))
      }
    },
    async clear() {
      for (const { account } of await entries()) {
        await call('remove the credentials from', () => keytar.deletePassword(serviceName, account))
      }
    }
  }
}
