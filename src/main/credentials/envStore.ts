import { CredentialStoreError, type CredentialStore, type Credentials } from './types'
import { validateCredentials } from './validation'

export const ENV_ACCESS_KEY_NAME = 'AIDGE_ACCESS_KEY_NAME'
export const ENV_ACCESS_KEY_SECRET = 'AIDGE_ACCESS_KEY_SECRET'

export type EnvLike = Readonly<Record<string, string | undefined>>

/**
 * Takes the key pair out of a process environment, once, at start: the secret is deleted from `env` (process.env
 * writes through to the real environment), so no child process (Electron's renderer and GPU helpers, anything a
 * library spawns) inherits it and no later code finds it lying there. Returns what the env store reads.
 */
export function takeEnvCredentials(env: Record<string, string | undefined>): EnvLike {
  // Taken once: the app's entry takes it before Electron starts helpers, the services ask again and get the same.
  const earlier = takenFrom.get(env)
  if (earlier && env[ENV_ACCESS_KEY_SECRET] === undefined) return earlier
  const taken = Object.freeze({ [ENV_ACCESS_KEY_NAME]: env[ENV_ACCESS_KEY_NAME], [ENV_ACCESS_KEY_SECRET]: env[ENV_ACCESS_KEY_SECRET] })
  delete env[ENV_ACCESS_KEY_SECRET]
  takenFrom.set(env, taken)
  return taken
}

const takenFrom = new WeakMap<object, EnvLike>()

/**
 * The credentials from AIDGE_ACCESS_KEY_NAME and AIDGE_ACCESS_KEY_SECRET when both are set (non-empty),
 * else null. Read-only: whoever set the variables owns them. Invalid values are reported through
 * status().problem rather than thrown, so the app can still start and say what is wrong.
 */
export function createEnvStore(env: EnvLike): CredentialStore | null {
  const accessKeyName = env[ENV_ACCESS_KEY_NAME]
  const secret = env[ENV_ACCESS_KEY_SECRET]
  if (!accessKeyName || !secret) return null

  let credentials: Credentials | null = null
  let problem: string | null = null
  try {
    credentials = validateCredentials({ accessKeyName, secret })
  } catch (error) {
    problem = `The credentials in ${ENV_ACCESS_KEY_NAME}/${ENV_ACCESS_KEY_SECRET} are not usable: ${(error as Error).message}`
  }

  const readOnly = (action: string): never => {
    throw new CredentialStoreError(
      'read-only',
      `Cannot ${action} the credentials: they come from the environment variables ${ENV_ACCESS_KEY_NAME} and ` +
        `${ENV_ACCESS_KEY_SECRET}. Unset both variables and restart the app to manage them here.`
    )
  }

  return {
    async status() {
      return {
        configured: credentials !== null,
        accessKeyName: credentials?.accessKeyName ?? null,
        backend: 'env',
        persistent: false,
        problem
      }
    },
    async get() {
      return credentials && { ...credentials }
    },
    async set() {
      readOnly('change')
    },
    async clear() {
      readOnly('clear')
    }
  }
}
