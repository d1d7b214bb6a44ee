// The credentials module: where the Aidge access key lives. Plain Node (no 'electron'), so the app, the
// CLI and the tests share it. The secret never leaves the main process; status() is what the UI sees.
export type { Credentials, CredentialStatus, CredentialStore, CredentialBackend, CredentialStoreErrorKind } from './types'
export { CredentialStoreError } from './types'
export { createCredentialStore, type CreateCredentialStoreOptions } from './createCredentialStore'
export { createKeytarStore, DEFAULT_SERVICE_NAME, type KeytarLike } from './keytarStore'
export { createMemoryStore } from './memoryStore'
export { createEnvStore, takeEnvCredentials, ENV_ACCESS_KEY_NAME, ENV_ACCESS_KEY_SECRET, type EnvLike } from './envStore'
export { validateCredentials, MAX_ACCESS_KEY_NAME_LENGTH, MAX_SECRET_LENGTH } from './validation'
