import { describe, expect, it } from 'vitest'
import { createCredentialStore, createEnvStore, CredentialStoreError } from '../../src/main/credentials'

const SECRET = 'env-secret-value-9f8e7d'
const env = { AIDGE_ACCESS_KEY_NAME: 'env-key', AIDGE_ACCESS_KEY_SECRET: SECRET }

describe('environment variable store', () => {
  it('is used only when both variables are set and non-empty', () => {
    expect(createEnvStore({})).toBeNull()
    expect(createEnvStore({ AIDGE_ACCESS_KEY_NAME: 'env-key' })).toBeNull()
    expect(createEnvStore({ AIDGE_ACCESS_KEY_SECRET: SECRET })).toBeNull()
    expect(createEnvStore({ AIDGE_ACCESS_KEY_NAME: '', AIDGE_ACCESS_KEY_SECRET: SECRET })).toBeNull()
    expect(createEnvStore(env)).not.toBeNull()
  })

  it('reads the credentials and reports them without the secret', async () => {
    const store = createEnvStore(env)!
    expect(await store.get()).toEqual({ accessKeyName: 'env-key', secret: SECRET })
    const status = await store.status()
    expect(status).toEqual({ configured: true, accessKeyName: 'env-key', backend: 'env', persistent: false, problem: null })
    expect(JSON.stringify(status)).not.toContain(SECRET)
  })

  it('is read-only: set and clear say to unset the variables', async () => {
    const store = createEnvStore(env)!
    for (const attempt of [store.set({ accessKeyName: 'other', secret: 'other-secret' }), store.clear()]) {
      const error = await attempt.then(
        () => null,
        (e: unknown) => e
      )
      expect(error).toBeInstanceOf(CredentialStoreError)
      expect((error as CredentialStoreError).kind).toBe('read-only')
      expect((error as Error).message).toMatch(/Unset both variables/)
      expect((error as Error).message).toMatch(/AIDGE_ACCESS_KEY_NAME and AIDGE_ACCESS_KEY_SECRET/)
    }
    expect(await store.get()).toEqual({ accessKeyName: 'env-key', secret: SECRET })
  })

  it('reports unusable values as a problem, without echoing them', async () => {
    const store = createEnvStore({ AIDGE_ACCESS_KEY_NAME: 'env-key', AIDGE_ACCESS_KEY_SECRET: `${SECRET}\n` })!
    const status = await store.status()
    expect(status).toMatchObject({ configured: false, accessKeyName: null, backend: 'env' })
    expect(status.problem).toMatch(/AIDGE_ACCESS_KEY_NAME\/AIDGE_ACCESS_KEY_SECRET are not usable: .*control character/)
    expect(status.problem).not.toContain(SECRET)
    expect(await store.get()).toBeNull()
  })

  it('takes precedence in createCredentialStore, without consulting the keychain', async () => {
    // Proves "not consulted" with a keytar that fails on any use; the precedence over a real, filled
    // keychain is tested in keychain.test.ts.
    const untouchable = new Proxy({} as never, {
      get() {
        throw new Error('the keychain must not be consulted when the env vars are set')
      }
    })
    const store = await createCredentialStore({ env, keytar: untouchable })
    expect((await store.status()).backend).toBe('env')
  })
})
