import { CredentialStoreError, type Credentials } from './types'

export const MAX_ACCESS_KEY_NAME_LENGTH = 128
export const MAX_SECRET_LENGTH = 256

// C0 controls, DEL and C1 controls.
// eslint-disable-next-line no-control-regex
const CONTROL_CHAR = /[\u0000-\u001f\u007f-\u009f]/
const WHITESPACE = /\s/

/**
 * Returns the credentials unchanged when they are acceptable, else throws CredentialStoreError('invalid').
 * Messages never quote either value: a secret pasted into the name field must not end up in a log.
 */
export function validateCredentials(credentials: Credentials): Credentials {
  const { accessKeyName, secret } = (credentials ?? {}) as Partial<Credentials>
  const problem = accessKeyNameProblem(accessKeyName) ?? secretProblem(secret)
  if (problem) throw new CredentialStoreError('invalid', problem)
  return { accessKeyName: accessKeyName as string, secret: secret as string }
}

function accessKeyNameProblem(name: unknown): string | null {
  if (typeof name !== 'string' || name.length === 0) return 'The access key name is empty.'
  if (name.length > MAX_ACCESS_KEY_NAME_LENGTH) {
    return `The access key name is too long (${name.length} characters; at most ${MAX_ACCESS_KEY_NAME_LENGTH}).`
  }
  if (CONTROL_CHAR.test(name)) return 'The access key name contains a control character.'
  if (WHITESPACE.test(name)) return 'The access key name contains spaces or other whitespace.'
  return null
}

function secretProblem(secret: unknown): string | null {
  if (typeof secret !== 'string' || secret.length === 0) return 'The access key secret is empty.'
  if (secret.length > MAX_SECRET_LENGTH) {
    return `The access key secret is too long (${secret.length} characters; at most ${MAX_SECRET_LENGTH}).`
  }
  if (CONTROL_CHAR.test(secret)) {
    return 'The access key secret contains a control character (for example a line break or tab).'
  }
  return null
}
