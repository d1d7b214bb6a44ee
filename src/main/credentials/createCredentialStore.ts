import { createEnvStore, type EnvLike } from './envStore'
import { createKeytarStore, DEFAULT_SERVICE_NAME, loadKeytar, type KeytarLike } from './keytarStore'
import { createMemoryStore } from './memoryStore'
import type { CredentialStore } from './types'

export interface CreateCredentialStoreOptions {
  /** The keychain service name; default 'Aidge Task Desk'. Tests use a unique one per run. */
  serviceName?: string
  /** Where AIDGE_ACCESS_KEY_NAME / AIDGE_ACCESS_KEY_SECRET are looked up; default: none (no env store). */
  env?: EnvLike
  /** Replaces the real keytar. Only for tests of failure paths that cannot be produced for real. */
  keytar?: KeytarLike
  /** How long the keychain may take to answer the start-up probe; default 10 s. */
  probeTimeoutMs?: number
}

const SESSION_ONLY = 'credentials are kept for this session only.'

/**
 * Picks the store: the environment variables when both are set; else the system keychain if it answers a
 * probe; else memory, with `problem` saying in plain words why nothing will be saved. Never a file.
 */
export async function createCredentialStore(options: CreateCredentialStoreOptions = {}): Promise<CredentialStore> {
  const envStore = options.env ? createEnvStore(options.env) : null
  if (envStore) return envStore

  const serviceName = options.serviceName ?? DEFAULT_SERVICE_NAME
  let keytar: KeytarLike
  try {
    keytar = options.keytar ?? (await loadKeytar())
  } catch (error) {
    return createMemoryStore({
      problem: `The keychain library (keytar) could not be loaded (${messageOf(error)}); ${SESSION_ONLY}`
    })
  }
  const problem = await probeKeychain(keytar, serviceName, options.probeTimeoutMs ?? 10_000)
  return problem === null ? createKeytarStore(keytar, serviceName) : createMemoryStore({ problem })
}

/** Null when the keychain can be read and written, else plain words on why not. */
export async function probeKeychain(keytar: KeytarLike, serviceName: string, timeoutMs: number): Promise<string | null> {
  const probe = async (): Promise<void> => {
    // Something stored and readable: the keychain is there and unlocked.
    if ((await keytar.findPassword(serviceName)) !== null) return
    // Nothing readable: nothing stored yet, or a locked keyring (which reads as empty and only fails on
    // write). Prove that writing works, under a separate service so a leftover is never taken for the
    // credentials. (Not findCredentials: it crashes the process on a locked keyring, node-keytar#477.)
    const probeService = `${serviceName} (keychain check)`
    await keytar.setPassword(probeService, 'probe', 'probe')
    await keytar.deletePassword(probeService, 'probe')
  }
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs)
  })
  try {
    const outcome = await Promise.race([probe(), timeout])
    if (outcome === 'timeout') {
      const wait = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`
      return `The system keychain did not answer within ${wait} (it may be waiting for an unlock prompt); ${SESSION_ONLY}`
    }
    return null
  } catch (error) {
    return describeUnavailable(messageOf(error))
  } finally {
    clearTimeout(timer)
  }
}

function describeUnavailable(reason: string): string {
  if (/org\.freedesktop\.secrets|ServiceUnknown/i.test(reason)) {
    return `No keyring service is running (org.freedesktop.secrets); ${SESSION_ONLY}`
  }
  if (/could not connect|failed to connect|autolaunch|dbus|no such file|connection refused/i.test(reason)) {
    return `No D-Bus session is reachable, so the keyring (org.freedesktop.secrets) cannot be used; ${SESSION_ONLY}`
  }
  if (/locked/i.test(reason)) {
    return `The keyring is locked and could not be unlocked; ${SESSION_ONLY}`
  }
  if (/collection/i.test(reason)) {
    return `The keyring has no default collection to save into (it may never have been set up); ${SESSION_ONLY}`
  }
  return `The system keychain cannot be used (${reason}); ${SESSION_ONLY}`
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
