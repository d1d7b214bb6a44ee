/** The Aidge access key pair. Only the main process ever holds `secret`. */
export interface Credentials {
  accessKeyName: string
  secret: string
}

export type CredentialBackend = 'keychain' | 'memory' | 'env'

/** What the UI may know about the credentials. Never contains the secret. */
export interface CredentialStatus {
  configured: boolean
  accessKeyName: string | null
  backend: CredentialBackend
  /** True when the app keeps them across restarts (keychain); false for memory and environment variables. */
  persistent: boolean
  /** Plain words for a person when something is off (fallback, unreadable keychain, bad env vars), else null. */
  problem: string | null
}

export interface CredentialStore {
  /** Never throws: a failure is reported in `problem`. */
  status(): Promise<CredentialStatus>
  get(): Promise<Credentials | null>
  /** Validates, then replaces whatever was stored before. */
  set(credentials: Credentials): Promise<void>
  clear(): Promise<void>
}

export type CredentialStoreErrorKind =
  /** The credentials given to set() are not acceptable. */
  | 'invalid'
  /** The store cannot be changed (environment variables). */
  | 'read-only'
  /** The system keychain refused or failed. */
  | 'keychain'

/** Every error this module throws. Messages are for people and never contain the secret. */
export class CredentialStoreError extends Error {
  override readonly name = 'CredentialStoreError'
  constructor(
    readonly kind: CredentialStoreErrorKind,
    message: string
  ) {
    super(message)
  }
}
