import type { CredentialStore, Credentials } from './types'
import { validateCredentials } from './validation'

/**
 * Keeps the credentials in this process only; they are gone when it exits. Used when no keychain can be
 * reached, with `problem` saying why, and never backed by a file.
 */
export function createMemoryStore(options: { problem?: string | null } = {}): CredentialStore {
  const problem = options.problem ?? null
  let current: Credentials | null = null
  return {
    async status() {
      return {
        configured: current !== null,
        accessKeyName: current?.accessKeyName ?? null,
        backend: 'memory',
        persistent: false,
        problem
      }
    },
    async get() {
      return current && { ...current }
    },
    async set(credentials) {
      current = { ...validateCredentials(credentials) }
    },
    async clear() {
      current = null
    }
  }
}
